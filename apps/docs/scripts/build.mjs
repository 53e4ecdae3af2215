#!/usr/bin/env node
// Builds the docs from the spec: lint, refuse unsafe HTML in its Markdown, render the self-contained HTML page
// with Redocly's build-docs (Redoc inlined, the operation already rendered in the HTML, a Content-Security-Policy
// that runs only the page's own scripts), check that the page fetches nothing from another host, and write the
// same reference as Markdown (index.md) with its llms.txt index.
//
//   node scripts/build.mjs [--spec PATH] [--out FILE] [--changes FILE] [--server-render-location ROUTE]
//
// --changes: the contract's release history (see scripts/releaseHistory.mjs) for the Changes section; without
// it the section says that there is no release yet. --server-render-location: the route the HTML is rendered
// at (default: the operation's tag, where the page lands; "/" renders as Redoc does by default, which the
// bench measures against).
//
// Exit codes: 0 built; 1 the spec fails `redocly lint` (the linter's findings are printed), cannot be read, or
// has HTML in its Markdown that the docs refuse (each place is listed); 2 bad invocation, no spec file or a bad
// release history; 3 build-docs failed to render; 4 the rendered page fails its checks (a remote resource, a
// script that is not the page's own, the Redocly CLI patch not applied, the operation not in the HTML).
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadSpec, readSpecFiles, SpecReadError, specPath as contractPath } from '@target-groups/spec';
import { PageScriptError } from './contentSecurityPolicy.mjs';
import { protoKeys } from './documentWalk.mjs';
import { findExternalResources } from './htmlResources.mjs';
import { contractMarkdown, llmsTxt } from './markdown.mjs';
import { RedoclyStartError, runRedocly } from './redocly.mjs';
import { changesMarkdown, ReleaseHistoryError, readReleaseHistory } from './releaseHistory.mjs';
import { RenderError, renderPage } from './renderPage.mjs';
import { describeUnsafeHtml, findUnsafeHtml, RULE, UnsafeHtmlRuleError, unsafeHtmlPattern } from './unsafeHtml.mjs';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = resolve(appDir, '../..');

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
const shownSpec = relative(process.cwd(), specPath) || specPath;
if (!existsSync(specPath)) fail(EXIT.USAGE, `no spec at ${specPath}`);

/** @param {string[]} argv */
function redocly(argv) {
  try {
    return runRedocly(argv, appDir);
  } catch (error) {
    if (error instanceof RedoclyStartError) fail(EXIT.RENDER, error.message);
    throw error;
  }
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
  fail(EXIT.LINT, `${shownSpec} does not pass \`redocly lint\`; the docs were not built.`);
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
const changes = changesMarkdown(history);

// 3. The Markdown that reaches the page and index.md: no element that runs code, frames or embeds content,
//    submits a form or restyles the page (the lint gate's rule, applied to the spec and to the release history).
let pattern;
try {
  pattern = unsafeHtmlPattern(join(repoRoot, '.spectral.yaml'));
} catch (error) {
  if (error instanceof UnsafeHtmlRuleError) fail(EXIT.USAGE, error.message);
  throw error;
}
const unsafe = [
  ...findUnsafeHtml(spec.document, pattern),
  ...findUnsafeHtml({ description: changes }, pattern).map((hit) => ({ ...hit, pointer: '(release history)' })),
];
if (unsafe.length > 0) {
  fail(
    EXIT.LINT,
    `${shownSpec} has HTML in its Markdown that the docs refuse (rule ${RULE}: no script, style, link, meta, base, frames, object, embed, form or on* handler); the docs were not built:\n${describeUnsafeHtml(unsafe)}`,
  );
}

for (const pointer of protoKeys(spec.document)) {
  process.stderr.write(
    `docs build: warning: ${pointer}: Redoc cannot show an entry named __proto__ (it assigns names to plain objects, where this one sets the prototype); the HTML page leaves it out, index.md lists it\n`,
  );
}

const operation = firstOperation(spec.document);
// The page lands on the operation itself (a reader arriving without a deep link): its route is the tag's
// section followed by the operationId, as Redoc names it.
const tagRoute = operation?.tag === undefined ? undefined : `/${slug(operation.tag)}`;
const landingRoute = tagRoute && operation ? `${tagRoute}/${operation.operationId.toLowerCase()}` : undefined;
const serverRenderLocation = args['server-render-location'] ?? landingRoute ?? '/';

// 4. Render what Redoc renders, at the landing route: Redoc renders a tag's operations only there, so the
//    operation is in the HTML, and the page's first client render (at the same route) takes it over as is. The
//    page gets its Content-Security-Policy: only its own inline scripts run.
let html;
try {
  html = renderPage({ document: spec.document, changes, serverRenderLocation, landingRoute });
} catch (error) {
  if (error instanceof RenderError) {
    process.stderr.write(`${error.message}\n\n`);
    fail(EXIT.RENDER, 'build-docs did not render the page.');
  }
  if (error instanceof PageScriptError) fail(EXIT.CHECK, `the rendered page fails its checks:\n${error.message}`);
  throw error;
}

// 5. Checks: nothing in the markup fetches from another host, Redoc's logo from cdn.redoc.ly is gone (the
//    Redocly CLI patch), and the operation is in the server-rendered HTML (before the module script).
const markup = html.slice(0, Math.max(0, html.indexOf('<script type="module">')));
const problems = findExternalResources(html).map((r) => `<${r.tag} ${r.attribute}> loads ${r.url}`);
if (html.includes('cdn.redoc.ly/')) {
  problems.push('the Redoc bundle still references cdn.redoc.ly: is the Redocly CLI patch applied (pnpm install)?');
}
if (serverRenderLocation === landingRoute && landingRoute && !markup.includes(`data-section-id="${landingRoute}"`)) {
  problems.push(
    `the operation (route "${landingRoute}") is not in the server-rendered HTML; the page would wait for the script to show it: is the Redocly CLI patch applied (pnpm install)?`,
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

// Redoc's section ids: lower case, runs of anything but letters and digits become one hyphen.
/** @param {string} text */
function slug(text) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
