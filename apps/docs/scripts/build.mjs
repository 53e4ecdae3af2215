#!/usr/bin/env node
// Builds the self-contained docs page from the spec: lint, render with Redocly's build-docs (Redoc inlined),
// make the page fetch nothing from another host, then check that it does not.
//
//   node scripts/build.mjs [--spec PATH] [--out FILE]
//
// Exit codes: 0 built; 1 the spec fails `redocly lint` (the linter's findings are printed); 2 bad invocation
// or no spec file; 3 build-docs failed to render; 4 the rendered page fails its checks (a remote resource, the
// logo removal no longer applying, no section for the landing route).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { findExternalResources } from './html-resources.mjs';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = resolve(appDir, '../..');
const require = createRequire(import.meta.url);
const redoclyBin = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin/cli.js');

const EXIT = { LINT: 1, USAGE: 2, RENDER: 3, CHECK: 4 };

/** @param {number} code @param {string} message @returns {never} */
function fail(code, message) {
  process.stderr.write(`docs build: ${message}\n`);
  process.exit(code);
}

let args;
try {
  args = parseArgs({
    options: {
      spec: { type: 'string', default: join(repoRoot, 'spec/targetGroups.yaml') },
      out: { type: 'string', default: join(appDir, 'dist/index.html') },
    },
    strict: true,
  }).values;
} catch (error) {
  fail(EXIT.USAGE, `${/** @type {Error} */ (error).message}\nusage: node scripts/build.mjs [--spec PATH] [--out FILE]`);
}
const specPath = resolve(args.spec);
const outPath = resolve(args.out);
if (!existsSync(specPath)) fail(EXIT.USAGE, `no spec at ${specPath}`);

const redoclyEnv = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };

/** @param {string[]} argv */
function redocly(argv) {
  const run = spawnSync(process.execPath, [redoclyBin, ...argv], { cwd: appDir, env: redoclyEnv, encoding: 'utf8' });
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

// 2. Render. The landing route is the single tag's section, so its operation is open when the page loads.
let spec;
try {
  spec = parseYaml(readFileSync(specPath, 'utf8'));
} catch (error) {
  fail(EXIT.LINT, `cannot parse ${specPath}: ${/** @type {Error} */ (error).message}`);
}
const landingTag = firstOperationTag(spec);
const landingRoute = landingTag === undefined ? undefined : `/${slug(landingTag)}`;
const renderedPath = `${outPath}.tmp-${process.pid}`;
mkdirSync(dirname(outPath), { recursive: true });
const render = redocly([
  'build-docs',
  specPath,
  '--inlineBundle',
  '--config',
  join(appDir, 'redocly.yaml'),
  '--template',
  join(appDir, 'template.hbs'),
  ...(landingRoute ? [`--templateOptions.landingRoute=${landingRoute}`] : []),
  '--output',
  renderedPath,
]);
if (render.status !== 0 || !existsSync(renderedPath)) {
  rmSync(renderedPath, { force: true });
  process.stderr.write(`${render.output}\n\n`);
  fail(EXIT.RENDER, 'build-docs did not render the page.');
}
let html = readFileSync(renderedPath, 'utf8');
rmSync(renderedPath, { force: true });

// 3. Redoc 3 shows Redocly's logo from cdn.redoc.ly in the sidebar, with no option to turn it off; the page
//    would reach out on every load. The credit stays, as text.
const LOGO =
  /\(0,(\w+)\.jsx\)\(`img`,\{alt:`redocly logo`,onError:\(\)=>\w+\(!1\),src:\w+\?`https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini-full\.svg`:`https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini\.svg`\}\)/g;
const logos = html.match(LOGO)?.length ?? 0;
if (logos !== 1) {
  fail(
    EXIT.CHECK,
    `expected the Redoc bundle to contain its CDN logo once, found it ${logos} times; Redoc changed, revisit the logo removal.`,
  );
}
html = html.replace(LOGO, '(0,$1.jsx)(`span`,{children:`Redoc`})');

// 4. Checks: nothing in the markup fetches from another host, the bundle's known remote fetches are gone, and
//    the landing route exists.
const problems = findExternalResources(html).map((r) => `<${r.tag} ${r.attribute}> loads ${r.url}`);
if (html.includes('cdn.redoc.ly/')) problems.push('the Redoc bundle still references cdn.redoc.ly');
if (/<script\b[^>]*\bsrc\s*=/i.test(html)) problems.push('a script is loaded from a file; every script must be inline');
if (landingRoute && !html.includes(`data-section-id="${landingRoute}"`)) {
  problems.push(
    `no section "${landingRoute}" for tag "${landingTag}" in the rendered page; the landing route would not open it`,
  );
}
if (problems.length > 0) fail(EXIT.CHECK, `the rendered page fails its checks:\n  - ${problems.join('\n  - ')}`);

writeFileSync(`${outPath}.tmp-${process.pid}`, html);
renameSync(`${outPath}.tmp-${process.pid}`, outPath);
const bytes = Buffer.byteLength(html);
process.stdout.write(
  `docs build: ${relative(process.cwd(), outPath) || outPath} (${bytes} bytes, ${(bytes / 1e6).toFixed(2)} MB), self-contained\n`,
);

/** @param {any} doc @returns {string | undefined} */
function firstOperationTag(doc) {
  for (const item of Object.values(doc?.paths ?? {})) {
    for (const op of Object.values(item ?? {})) {
      const tag = op?.tags?.[0];
      if (typeof tag === 'string') return tag;
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
