// The three places where the docs page needs something Redoc 3 has no option for. Each edit targets one known
// spot of the pinned Redocly CLI 2.77.0 / Redoc 3.0.1 code and must apply exactly once: when an update moves
// that code, the build stops (exit 4) instead of shipping a page that silently lost the behaviour.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * @typedef {{ name: string, why: string, pattern: RegExp, replacement: string }} Patch
 */

/** Server render at a chosen route. build-docs renders inside a memory router that always starts at "/". */
export const SERVER_RENDER_LOCATION = /** @type {Patch} */ ({
  name: 'server render location',
  why: 'build-docs server-renders at "/", where Redoc leaves the operations of a tag unrendered',
  pattern: /initialEntries:(\w+)=\["\/"\]/g,
  replacement: 'initialEntries:$1=[process.env.DOCS_SERVER_RENDER_LOCATION||"/"]',
});

/** Redocly's logo comes from cdn.redoc.ly, with no option to turn it off; the credit stays, as text. */
export const OFFLINE_LOGO = /** @type {Patch} */ ({
  name: 'offline logo',
  why: 'the sidebar logo is an <img> from cdn.redoc.ly',
  pattern:
    /\(0,(\w+)\.jsx\)\(`img`,\{alt:`redocly logo`,onError:\(\)=>\w+\(!1\),src:\w+\?`https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini-full\.svg`:`https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini\.svg`\}\)/g,
  replacement: '(0,$1.jsx)(`span`,{children:`Redoc`})',
});

/**
 * A tag's operations stay rendered wherever the reader is. Redoc renders them only while the location is inside
 * the tag, so visiting an overview section (Authentication, ...) folds the operation behind a "Show" button.
 */
export const OPERATIONS_ALWAYS_RENDERED = /** @type {Patch} */ ({
  name: 'operations always rendered',
  why: 'Redoc unrenders a tag’s operations when the location leaves the tag',
  pattern:
    /(shouldRenderOps:(\w+),opsStartIndex:\w+=0,renderEntrySection:\w+=!0\}\)\{)let (\w+)=\w+\.content\.contentType===\w+\.GROUP;/g,
  replacement: '$1$2=!0;let $3=!1;',
});

/**
 * @param {string} text
 * @param {Patch} patch
 * @returns {string}
 */
export function applyPatch(text, patch) {
  const found = text.match(patch.pattern)?.length ?? 0;
  if (found !== 1) {
    throw new Error(
      `Redoc patch "${patch.name}" (${patch.why}) matched ${found} times instead of once; Redoc changed, revisit scripts/redoc-patches.mjs`,
    );
  }
  return text.replace(patch.pattern, patch.replacement);
}

/**
 * A copy of the pinned Redocly CLI whose build-docs server-renders at `DOCS_SERVER_RENDER_LOCATION`, kept in
 * node_modules/.cache and rebuilt when the installed CLI changes. Returns the path of its `bin/cli.js`.
 * @param {string} cacheDir
 * @returns {string}
 */
export function serverRenderingCli(cacheDir) {
  const require = createRequire(import.meta.url);
  const cliDir = dirname(require.resolve('@redocly/cli/package.json'));
  const { version } = JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8'));
  const copyDir = join(cacheDir, `redocly-cli-${version}`);
  if (!existsSync(join(copyDir, '.patched'))) {
    // Prepared beside the final place and moved there whole, so that builds running at once never see half a copy.
    const draftDir = `${copyDir}.draft-${process.pid}`;
    rmSync(draftDir, { recursive: true, force: true });
    mkdirSync(draftDir, { recursive: true });
    for (const entry of ['bin', 'lib', 'package.json']) {
      cpSync(join(cliDir, entry), join(draftDir, entry), { recursive: true });
    }
    const chunksDir = join(draftDir, 'lib', 'chunks');
    const probe = new RegExp(SERVER_RENDER_LOCATION.pattern.source);
    const targets = readdirSync(chunksDir).filter(
      (name) => name.endsWith('.js') && probe.test(readFileSync(join(chunksDir, name), 'utf8')),
    );
    if (targets.length !== 1) {
      rmSync(draftDir, { recursive: true, force: true });
      throw new Error(
        `Redoc patch "${SERVER_RENDER_LOCATION.name}" found ${targets.length} candidate files in @redocly/cli ${version} instead of one; revisit scripts/redoc-patches.mjs`,
      );
    }
    const file = join(chunksDir, /** @type {string} */ (targets[0]));
    writeFileSync(file, applyPatch(readFileSync(file, 'utf8'), SERVER_RENDER_LOCATION));
    writeFileSync(join(draftDir, '.patched'), `${version}\n`);
    rmSync(copyDir, { recursive: true, force: true });
    try {
      renameSync(draftDir, copyDir);
    } catch {
      // Another build moved its copy there first; it is the same copy.
      rmSync(draftDir, { recursive: true, force: true });
    }
  }
  return join(copyDir, 'bin', 'cli.js');
}
