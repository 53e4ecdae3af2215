#!/usr/bin/env node
// Builds the docs from the spec: lint, render the self-contained HTML page with Redocly's build-docs (Redoc
// inlined, the operation already rendered in the HTML), make the page fetch nothing from another host, check
// that it does not, and write the same reference as Markdown (index.md) with its llms.txt index.
//
//   node scripts/build.mjs [--spec PATH] [--out FILE] [--changes FILE] [--server-render-location ROUTE]
//
// --changes: the contract's release history (see scripts/release-history.mjs) for the Changes section; without
// it the section says that there is no release yet. --server-render-location: the route the HTML is rendered
// at (default: the operation's tag, where the page lands; "/" renders as Redoc does by default, which the
// bench measures against).
//
// Exit codes: 0 built; 1 the spec fails `redocly lint` (the linter's findings are printed) or cannot be read;
// 2 bad invocation, no spec file or a bad release history; 3 build-docs failed to render; 4 the rendered page
// fails its checks (a remote resource, a Redoc patch no longer applying, the operation not in the HTML).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadSpec, readSpecFiles, SpecReadError, specPath as contractPath } from '@target-groups/spec';
import { findExternalResources } from './html-resources.mjs';
import { contractMarkdown, llmsTxt } from './markdown.mjs';
import { applyPatch, OFFLINE_LOGO, OPERATIONS_ALWAYS_RENDERED, serverRenderingCli } from './redoc-patches.mjs';
import { changesMarkdown, ReleaseHistoryError, readReleaseHistory } from './release-history.mjs';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = resolve(appDir, '../..');
const require = createRequire(import.meta.url);
const redoclyBin = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin/cli.js');

const EXIT = { LINT: 1, USAGE: 2, RENDER: 3, CHECK: 4 };
const USAGE =
  'usage: node scripts/build.mjs [--spec PATH] [--out FILE] [--changes FILE] [--server-render-location ROUTE]';

/** @param {number} code @param {string} message @returns {never} */
function fail(code, message) {
  process.stderr.write(`docs build: ${message}\n`);
  process.exit(code);
}

let args;
try {
  args = parseArgs({
    options: {
      spec: { type: 'string', default: contractPath },
      out: { type: 'string', default: join(appDir, 'dist/index.html') },
      changes: { type: 'string' },
      'server-render-location': { type: 'string' },
    },
    strict: true,
  }).values;
} catch (error) {
  fail(EXIT.USAGE, `${/** @type {Error} */ (error).message}\n${USAGE}`);
}
const specPath = resolve(args.spec);
const outPath = resolve(args.out);
if (!existsSync(specPath)) fail(EXIT.USAGE, `no spec at ${specPath}`);

const redoclyEnv = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };

/**
 * @param {string[]} argv
 * @param {{ bin?: string, env?: Record<string, string> }} [options]
 */
function redocly(argv, { bin = redoclyBin, env = {} } = {}) {
  const run = spawnSync(process.execPath, [bin, ...argv], {
    cwd: appDir,
    env: { ...redoclyEnv, ...env },
    encoding: 'utf8',
  });
  if (run.error) fail(EXIT.RENDER, `could not run Redocly CLI: ${run.error.message}`);
  return { status: run.status ?? 1, output: withoutNodeNotice(`${run.stdout}${run.stderr}`) };
}

// Redocly CLI 2.x prints a boxed notice about Node 20's end of life on every run; it says nothing about the spec.
/** @param {string} text */
function withoutNodeNotice(text) {
  return text
    .split('\n')
    .filter((line) => !/^\s*[╔╚║]/.test(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// 0. The spec reader's guard before any Redocly CLI run, which would resolve (fetch) a remote $ref and expand a
//    YAML alias bomb: such a spec cannot be read, and nothing is fetched.
try {
  readSpecFiles(specPath);
} catch (error) {
  if (error instanceof SpecReadError) fail(EXIT.LINT, error.message);
  throw error;
}

// 1. Lint with the spec's own rules (root redocly.yaml): a broken spec fails here, with the linter's findings,
//    rather than rendering a page with holes in it.
const lintConfig = join(repoRoot, 'redocly.yaml');
const lint = redocly([
  'lint',
  specPath,
  ...(existsSync(lintConfig) ? ['--config', lintConfig] : []),
  '--format',
  'codeframe',
]);
if (lint.status !== 0) {
  process.stderr.write(`${lint.output}\n\n`);
  fail(
    EXIT.LINT,
    `${relative(process.cwd(), specPath) || specPath} does not pass \`redocly lint\`; the docs were not built.`,
  );
}

// 2. Read the spec through the spec reader, and the release history for the Changes section.
let spec;
try {
  spec = await loadSpec(specPath);
} catch (error) {
  if (error instanceof SpecReadError) fail(EXIT.LINT, error.message);
  throw error;
}
let history;
try {
  history = await readReleaseHistory(args.changes);
} catch (error) {
  if (error instanceof ReleaseHistoryError) fail(EXIT.USAGE, error.message);
  throw error;
}
const operation = firstOperation(spec.document);
// The page lands on the operation itself (a reader arriving without a deep link): its route is the tag's
// section followed by the operationId, as Redoc names it.
const tagRoute = operation?.tag === undefined ? undefined : `/${slug(operation.tag)}`;
const landingRoute = tagRoute && operation ? `${tagRoute}/${operation.operationId.toLowerCase()}` : undefined;
const serverRenderLocation = args['server-render-location'] ?? landingRoute ?? '/';

// 3. Render what Redoc renders, from the bundled document with the Changes section added to the overview.
//    The HTML is server-rendered at the landing route: Redoc renders a tag's operations only there, so the
//    operation is in the HTML, and the page's first client render (at the same route) takes it over as is.
const work = mkdtempSync(join(tmpdir(), 'docs-build-'));
const renderedPath = join(work, 'index.html');
const renderedSpec = join(work, 'openapi.json');
const rendered = structuredClone(spec.document);
rendered.info.description = `${String(rendered.info.description ?? '').trimEnd()}\n\n${changesMarkdown(history)}\n`;
for (const tag of /** @type {Array<{ description?: string }>} */ (rendered.tags ?? [])) {
  if (typeof tag.description === 'string') tag.description = scalableDiagrams(tag.description);
}
rendered.info.description = scalableDiagrams(String(rendered.info.description));
writeFileSync(renderedSpec, JSON.stringify(rendered));
let cli;
try {
  cli = serverRenderingCli(join(appDir, 'node_modules/.cache'));
} catch (error) {
  rmSync(work, { recursive: true, force: true });
  fail(EXIT.CHECK, /** @type {Error} */ (error).message);
}
const render = redocly(
  [
    'build-docs',
    renderedSpec,
    '--inlineBundle',
    '--config',
    join(appDir, 'redocly.yaml'),
    '--template',
    join(appDir, 'template.hbs'),
    ...(landingRoute ? [`--templateOptions.landingRoute=${landingRoute}`] : []),
    '--output',
    renderedPath,
  ],
  { bin: cli, env: { DOCS_SERVER_RENDER_LOCATION: serverRenderLocation } },
);
if (render.status !== 0 || !existsSync(renderedPath)) {
  rmSync(work, { recursive: true, force: true });
  process.stderr.write(`${render.output}\n\n`);
  fail(EXIT.RENDER, 'build-docs did not render the page.');
}
let html = readFileSync(renderedPath, 'utf8');
rmSync(work, { recursive: true, force: true });

// 4. The inlined Redoc bundle: no logo from cdn.redoc.ly (the page would reach out on every load), and the
//    operation stays rendered while the reader visits an overview section.
try {
  html = applyPatch(applyPatch(html, OFFLINE_LOGO), OPERATIONS_ALWAYS_RENDERED);
} catch (error) {
  fail(EXIT.CHECK, /** @type {Error} */ (error).message);
}

// 5. Checks: nothing in the markup fetches from another host, the bundle's known remote fetches are gone, and
//    the operation is in the server-rendered HTML (before the module script).
const markup = html.slice(0, Math.max(0, html.indexOf('<script type="module">')));
const problems = findExternalResources(html).map((r) => `<${r.tag} ${r.attribute}> loads ${r.url}`);
if (html.includes('cdn.redoc.ly/')) problems.push('the Redoc bundle still references cdn.redoc.ly');
if (/<script\b[^>]*\bsrc\s*=/i.test(html)) problems.push('a script is loaded from a file; every script must be inline');
if (serverRenderLocation === landingRoute && landingRoute && !markup.includes(`data-section-id="${landingRoute}"`)) {
  problems.push(
    `the operation (route "${landingRoute}") is not in the server-rendered HTML; the page would wait for the script to show it`,
  );
}
if (problems.length > 0) fail(EXIT.CHECK, `the rendered page fails its checks:\n  - ${problems.join('\n  - ')}`);

mkdirSync(dirname(outPath), { recursive: true });
/** @param {string} file @param {string} text */
function writeAtomically(file, text) {
  writeFileSync(`${file}.tmp-${process.pid}`, text);
  renameSync(`${file}.tmp-${process.pid}`, file);
}
writeAtomically(outPath, html);
writeAtomically(join(dirname(outPath), 'index.md'), contractMarkdown(spec, history));
writeAtomically(join(dirname(outPath), 'llms.txt'), llmsTxt(spec));
const bytes = Buffer.byteLength(html);
process.stdout.write(
  `docs build: ${relative(process.cwd(), outPath) || outPath} (${bytes} bytes, ${(bytes / 1e6).toFixed(2)} MB), self-contained; index.md and llms.txt beside it\n`,
);

/** @param {import('@target-groups/spec').OpenApiDocument} doc */
function firstOperation(doc) {
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item)) {
      const candidate = /** @type {{ operationId?: unknown, tags?: unknown }} */ (op);
      if (typeof candidate?.operationId === 'string') {
        const tag =
          Array.isArray(candidate.tags) && typeof candidate.tags[0] === 'string' ? candidate.tags[0] : undefined;
        return { operationId: candidate.operationId, tag };
      }
    }
  }
  return undefined;
}

// A diagram drawn at a fixed width and height, without a viewBox, can only be clipped on a narrow screen; with
// its own size as the viewBox, the page's CSS (max-width: 100%) scales it down.
/** @param {string} text */
function scalableDiagrams(text) {
  return text.replace(/<svg\b([^>]*)>/g, (tag, attributes) => {
    const width = /\bwidth="(\d+(?:\.\d+)?)"/.exec(attributes)?.[1];
    const height = /\bheight="(\d+(?:\.\d+)?)"/.exec(attributes)?.[1];
    if (/\bviewBox=/.test(attributes) || !width || !height) return tag;
    return `<svg viewBox="0 0 ${width} ${height}"${attributes}>`;
  });
}

// Redoc's section ids: lower case, runs of anything but letters and digits become one hyphen.
/** @param {string} text */
function slug(text) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
