#!/usr/bin/env node
// Builds the docs of a spec (the contract by default, any other with --spec): the self-contained HTML page, the same
// reference as Markdown (index.md) and its llms.txt index, side by side. Steps, options and exit codes: README.md.
// --server-render-location "/" renders as Redoc does by default, which the bench measures against.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadSpec, SpecReadError, specPath as contractPath } from '@target-groups/spec';
import { PageScriptError } from './contentSecurityPolicy.mjs';
import {
  describeUnsafeHtml,
  findUnsafeHtml,
  protoKeys,
  RULE,
  UnsafeHtmlRuleError,
  unsafeHtmlPattern,
} from './documentChecks.mjs';
import { findExternalResources } from './htmlResources.mjs';
import { contractMarkdown, llmsTxt, migrationMarkdown, migrationWarnings } from './markdown.mjs';
import { landingOperation, RedoclyError, redocRoute, renderPage, runRedocly } from './redocly.mjs';
import { changesMarkdown, ReleaseHistoryError, readReleaseHistory } from './releaseHistory.mjs';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

export const EXIT = {
  /** The spec cannot be read, has Markdown the docs refuse, or fails `redocly lint` (its findings printed). */
  SPEC: 1,
  /** Bad invocation, no spec file, a malformed release history. */
  USAGE: 2,
  /** build-docs failed to render. */
  RENDER: 3,
  /** The page fails its checks: a remote resource, a script not its own, an operation not in the HTML. */
  CHECK: 4,
};

export class DocsBuildError extends Error {
  /** @param {number} exitCode @param {string} message */
  constructor(exitCode, message) {
    super(message);
    this.exitCode = exitCode;
  }
}

/**
 * Runs `work`; an error of one of `kinds` becomes a DocsBuildError with `exitCode` and its message.
 * @template T @param {number} exitCode @param {Function[]} kinds @param {() => T | Promise<T>} work
 */
async function failingWith(exitCode, kinds, work) {
  try {
    return await work();
  } catch (error) {
    if (kinds.some((kind) => error instanceof kind))
      throw new DocsBuildError(exitCode, /** @type {Error} */ (error).message);
    throw error;
  }
}

/** @param {string} file @param {string} text */
function writeAtomically(file, text) {
  writeFileSync(`${file}.tmp-${process.pid}`, text);
  renameSync(`${file}.tmp-${process.pid}`, file);
}

/**
 * Builds the page at `out`, with index.md and llms.txt beside it. Throws DocsBuildError (nothing written).
 * @param {{ spec: string, out: string, changes?: string, serverRenderLocation?: string }} options
 * @returns {Promise<{ bytes: number, warnings: string[] }>}
 */
export async function buildDocs(options) {
  const specFile = resolve(options.spec);
  const shown = relative(process.cwd(), specFile) || specFile;
  if (!existsSync(specFile)) throw new DocsBuildError(EXIT.USAGE, `no spec at ${specFile}`);
  // The reader refuses a remote or out-of-tree $ref and a YAML alias bomb before any Redocly run could fetch or
  // expand it; Redocly only ever sees the spec after that.
  const spec = await failingWith(EXIT.SPEC, [SpecReadError], () => loadSpec(specFile));
  const history = await failingWith(EXIT.USAGE, [ReleaseHistoryError], () => readReleaseHistory(options.changes));
  // The migration map's section, then the release history: both follow the description on the page.
  const migration = migrationMarkdown(spec);
  const changes = changesMarkdown(history);
  const pattern = await failingWith(EXIT.USAGE, [UnsafeHtmlRuleError], () =>
    unsafeHtmlPattern(join(repoRoot, '.spectral.yaml')),
  );
  const unsafe = [
    ...findUnsafeHtml(spec.document, pattern),
    ...findUnsafeHtml({ description: changes }, pattern).map((hit) => ({ ...hit, pointer: '(release history)' })),
    ...findUnsafeHtml({ description: migration }, pattern).map((hit) => ({ ...hit, pointer: '(migration map)' })),
  ];
  if (unsafe.length > 0) {
    throw new DocsBuildError(
      EXIT.SPEC,
      `${shown} has HTML in its Markdown that the docs refuse (rule ${RULE}: no script, style, link, meta, base, frames, object, embed, form or on* handler); the docs were not built:\n${describeUnsafeHtml(unsafe)}`,
    );
  }

  // The page lands on the first operation: rendered at its route, the HTML already holds it (and every operation
  // after it), and Redoc's first render in the browser, at the same route, takes that HTML over as is.
  const landing = landingOperation(spec);
  const landingRoute = landing && redocRoute(landing);
  const serverRenderLocation = options.serverRenderLocation ?? landingRoute ?? '/';
  const [lint, page] = await Promise.allSettled([
    runRedocly(['lint', specFile, '--config', join(repoRoot, 'redocly.yaml'), '--format', 'codeframe']),
    renderPage({
      document: spec.document,
      changes: migration ? `${migration}\n\n${changes}` : changes,
      serverRenderLocation,
      landingRoute,
    }),
  ]);
  if (lint.status === 'rejected') throw new DocsBuildError(EXIT.RENDER, String(lint.reason?.message));
  if (lint.value.status !== 0) {
    throw new DocsBuildError(
      EXIT.SPEC,
      `${shown} does not pass \`redocly lint\`; the docs were not built:\n\n${lint.value.output}`,
    );
  }
  if (page.status === 'rejected') {
    const { reason } = page;
    if (reason instanceof RedoclyError)
      throw new DocsBuildError(EXIT.RENDER, `build-docs did not render the page:\n\n${reason.message}`);
    if (reason instanceof PageScriptError)
      throw new DocsBuildError(EXIT.CHECK, `the rendered page fails its checks:\n${reason.message}`);
    throw reason;
  }
  const html = page.value;

  const markup = html.slice(0, Math.max(0, html.indexOf('<script type="module">')));
  const problems = findExternalResources(html).map((r) => `<${r.tag} ${r.attribute}> loads ${r.url}`);
  if (html.includes('cdn.redoc.ly/')) {
    problems.push('the Redoc bundle still references cdn.redoc.ly: is the Redocly CLI patch applied (pnpm install)?');
  }
  if (landing && serverRenderLocation === landingRoute && !markup.includes(`data-section-id="${landingRoute}"`)) {
    problems.push(
      `${landing.id} (route "${landingRoute}") is not in the server-rendered HTML; the page would wait for the script to show it: is the Redocly CLI patch applied (pnpm install)?`,
    );
  }
  if (problems.length > 0) {
    throw new DocsBuildError(EXIT.CHECK, `the rendered page fails its checks:\n  - ${problems.join('\n  - ')}`);
  }

  const out = resolve(options.out);
  mkdirSync(dirname(out), { recursive: true });
  writeAtomically(out, html);
  writeAtomically(join(dirname(out), 'index.md'), contractMarkdown(spec, history));
  writeAtomically(join(dirname(out), 'llms.txt'), llmsTxt(spec));
  const warnings = [
    ...protoKeys(spec.document).map(
      (pointer) =>
        `${pointer}: Redoc cannot show an entry named __proto__ (it assigns names to plain objects, where this one sets the prototype); the HTML page leaves it out, index.md lists it`,
    ),
    ...migrationWarnings(spec),
  ];
  return { bytes: Buffer.byteLength(html), warnings };
}

if (import.meta.main) {
  try {
    let values;
    try {
      ({ values } = parseArgs({
        options: {
          spec: { type: 'string', default: contractPath },
          out: { type: 'string', default: fileURLToPath(new URL('../dist/index.html', import.meta.url)) },
          changes: { type: 'string' },
          'server-render-location': { type: 'string' },
        },
        strict: true,
      }));
    } catch (error) {
      throw new DocsBuildError(
        EXIT.USAGE,
        `${/** @type {Error} */ (error).message}\nusage: node scripts/build.mjs [--spec PATH] [--out FILE] [--changes FILE] [--server-render-location ROUTE]`,
      );
    }
    const { bytes, warnings } = await buildDocs({ ...values, serverRenderLocation: values['server-render-location'] });
    for (const warning of warnings) process.stderr.write(`docs build: warning: ${warning}\n`);
    process.stdout.write(
      `docs build: ${relative(process.cwd(), values.out) || values.out} (${bytes} bytes, ${(bytes / 1e6).toFixed(2)} MB), self-contained; index.md and llms.txt beside it\n`,
    );
  } catch (error) {
    if (!(error instanceof DocsBuildError)) throw error;
    process.stderr.write(`docs build: ${error.message}\n`);
    process.exitCode = error.exitCode;
  }
}
