// The contract's release history, as the docs show it in their "Changes" section. The history is produced
// elsewhere (the contract CLI's `diff` between consecutive releases) and handed to the build as a file:
//
//   { "releases": [ { "version": "1.1.0", "date": "2026-12-01",
//                     "changes": [ { "pointer": "/components/schemas/Target/properties/x", "change": "...",
//                                    "impact": "breaking" | "compatible", "message": "..." } ] } ] }
//
// A `.json` file holds that object; a `.js`/`.mjs` module exports it as its default export (or a function that
// returns it). Newest release first on the page, whatever the file's order.
import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * @typedef {{ pointer: string, change: string, impact: 'breaking' | 'compatible', message: string }} ContractChange
 * @typedef {{ version: string, date: string, changes: ContractChange[] }} ContractRelease
 * @typedef {{ releases: ContractRelease[] }} ReleaseHistory
 */

export class ReleaseHistoryError extends Error {
  name = 'ReleaseHistoryError';
}

/** No release yet: what the build uses when it is given no history. */
export const NO_RELEASES = /** @type {ReleaseHistory} */ ({ releases: [] });

/**
 * @param {string | undefined} file a `.json` file or a module; undefined: no history
 * @returns {Promise<ReleaseHistory>}
 */
export async function readReleaseHistory(file) {
  if (file === undefined) return NO_RELEASES;
  const path = resolve(file);
  if (!existsSync(path)) throw new ReleaseHistoryError(`no release history at ${path}`);
  /** @type {unknown} */
  let value;
  if (['.js', '.mjs'].includes(extname(path))) {
    const module = await import(pathToFileURL(path).href);
    value = typeof module.default === 'function' ? await module.default() : module.default;
  } else {
    try {
      value = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new ReleaseHistoryError(`${path} is not JSON: ${/** @type {Error} */ (error).message}`);
    }
  }
  return validate(value, path);
}

/**
 * The history, or ReleaseHistoryError naming the first thing wrong in it.
 * @param {any} value
 * @param {string} source
 * @returns {ReleaseHistory}
 */
function validate(value, source) {
  /** @param {boolean} ok @param {string} where @param {string} what */
  const check = (ok, where, what) => {
    if (!ok) throw new ReleaseHistoryError(`${source}: ${where} ${what}`);
  };
  check(Array.isArray(value?.releases), 'the document', 'must be an object with a "releases" array');
  value.releases.forEach((/** @type {any} */ release, /** @type {number} */ i) => {
    const at = `releases[${i}]`;
    check(typeof release?.version === 'string' && release.version !== '', at, 'needs a "version" string');
    check(/^\d{4}-\d{2}-\d{2}/.test(String(release.date)), at, 'needs a "date" (YYYY-MM-DD)');
    check(Array.isArray(release.changes), at, 'needs a "changes" array');
    release.changes.forEach((/** @type {any} */ change, /** @type {number} */ j) => {
      const where = `${at}.changes[${j}]`;
      for (const key of ['pointer', 'change', 'message']) {
        check(typeof change?.[key] === 'string', where, `needs a "${key}" string`);
      }
      check(
        change.impact === 'breaking' || change.impact === 'compatible',
        where,
        `has impact "${change.impact}"; expected "breaking" or "compatible"`,
      );
    });
  });
  return value;
}

/**
 * The "Changes" section in Markdown, headed at `level` (2 inside the spec's description, 2 in index.md).
 * @param {ReleaseHistory} history
 * @param {number} [level]
 * @returns {string}
 */
export function changesMarkdown(history, level = 2) {
  const h = '#'.repeat(level);
  const lines = [`${h} Changes`, ''];
  lines.push(
    'What changed in each release of this contract, and what each change does to code that uses the generated',
    'types: **breaking** changes need a code change (a field removed or made nullable, a type changed, a value',
    'added to a closed enum); **compatible** ones do not.',
    '',
  );
  const releases = [...history.releases].sort((a, b) => compareVersions(b.version, a.version));
  if (releases.length === 0) {
    lines.push('No releases yet: the first release will be listed here.');
    return lines.join('\n');
  }
  for (const release of releases) {
    const breaking = release.changes.filter((c) => c.impact === 'breaking').length;
    lines.push(`${h}# ${release.version} (${release.date.slice(0, 10)})`, '');
    if (release.changes.length === 0) {
      lines.push('No change to the contract.', '');
      continue;
    }
    lines.push(
      breaking > 0
        ? `${breaking} breaking and ${release.changes.length - breaking} compatible change(s).`
        : `${release.changes.length} compatible change(s).`,
      '',
    );
    for (const change of release.changes) {
      lines.push(`- **${change.impact}** \`${change.pointer}\` (${change.change}): ${change.message}`);
    }
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

/** Semantic-version order (numeric parts; a pre-release sorts before its release). */
/** @param {string} a @param {string} b */
export function compareVersions(a, b) {
  const parse = (/** @type {string} */ v) => {
    const [core = '', pre] = v.split('-', 2);
    return { parts: core.split('.').map((n) => Number.parseInt(n, 10) || 0), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < Math.max(x.parts.length, y.parts.length); i++) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (d !== 0) return d;
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}
