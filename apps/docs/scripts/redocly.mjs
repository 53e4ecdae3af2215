// What the docs ask of Redocly CLI (pinned, patched at install: see pnpm-workspace.yaml) and of the Redoc page it
// renders: a lint run, the page rendered by build-docs, and Redoc's route of an operation.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withContentSecurityPolicy } from './contentSecurityPolicy.mjs';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const redoclyBin = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin/cli.js');

export class RedoclyError extends Error {}

/**
 * Runs Redocly CLI with telemetry and update notices off; resolves with its exit status and what it printed.
 * @param {string[]} argv
 * @returns {Promise<{ status: number, output: string }>}
 */
export function runRedocly(argv) {
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [redoclyBin, ...argv],
      { cwd: appDir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const status = error ? error.code : 0;
        if (typeof status !== 'number') reject(new RedoclyError(`could not run Redocly CLI: ${error?.message}`));
        else resolve({ status, output: `${stdout}${stderr}`.trim() });
      },
    );
  });
}

/**
 * Redoc's section ids, and the docs' anchors: lower case, runs of anything but letters and digits one hyphen.
 * @param {string} text
 */
export const slug = (text) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Redoc's route of an operation, `/<first tag's slug>/<operationId in lower case>`: its section id and deep link.
 * Undefined for an operation without a tag or an operationId, which Redoc routes otherwise.
 * @param {import('@target-groups/spec').Operation} operation
 */
export function redocRoute(operation) {
  const [tag] = operation.tags;
  return tag === undefined || operation.operationId === undefined
    ? undefined
    : `/${slug(tag)}/${operation.operationId.toLowerCase()}`;
}

/**
 * The operation Redoc lists first, where the page lands: operations by the order of their first tag in `tags`
 * (tags not declared there after); within a tag, Redoc lists deprecated operations after the others; then in the
 * spec's order; only those with a route.
 * @param {import('@target-groups/spec').LoadedSpec} spec
 */
export function landingOperation(spec) {
  const tags = (Array.isArray(spec.document.tags) ? spec.document.tags : []).map((tag) => tag?.name);
  const rank = (/** @type {import('@target-groups/spec').Operation} */ operation) => {
    const at = tags.indexOf(operation.tags[0]);
    return (at === -1 ? tags.length : at) * 2 + (operation.deprecated ? 1 : 0);
  };
  return spec.operations.filter((operation) => redocRoute(operation)).sort((a, b) => rank(a) - rank(b))[0];
}

/**
 * Renders the page with build-docs: the Changes section added to the overview, diagrams made scalable, Redoc
 * inlined, the HTML server-rendered at `serverRenderLocation` (`--templateOptions.serverRenderLocation`, added by
 * the Redocly CLI patch), a reader without a deep link sent to `landingRoute`, and the page's
 * Content-Security-Policy in place. Rejects with RedoclyError (build-docs failed) or PageScriptError.
 * @param {{ document: object, changes: string, serverRenderLocation: string, landingRoute?: string }} options
 * @returns {Promise<string>}
 */
export async function renderPage({ document, changes, serverRenderLocation, landingRoute }) {
  const rendered = /** @type {{ info: { description?: unknown }, tags?: Array<{ description?: unknown }> }} */ (
    structuredClone(document)
  );
  rendered.info.description = scalableDiagrams(`${String(rendered.info.description ?? '').trimEnd()}\n\n${changes}\n`);
  for (const tag of rendered.tags ?? []) {
    if (typeof tag.description === 'string') tag.description = scalableDiagrams(tag.description);
  }
  const work = mkdtempSync(join(tmpdir(), 'docs-render-'));
  try {
    const specFile = join(work, 'openapi.json');
    const pageFile = join(work, 'index.html');
    writeFileSync(specFile, JSON.stringify(rendered));
    const render = await runRedocly([
      'build-docs',
      specFile,
      '--inlineBundle',
      '--config',
      join(appDir, 'redocly.yaml'),
      '--template',
      join(appDir, 'template.hbs'),
      `--templateOptions.serverRenderLocation=${serverRenderLocation}`,
      ...(landingRoute ? [`--templateOptions.landingRoute=${landingRoute}`] : []),
      '--output',
      pageFile,
    ]);
    if (render.status !== 0 || !existsSync(pageFile)) throw new RedoclyError(render.output);
    return withContentSecurityPolicy(readFileSync(pageFile, 'utf8')).html;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
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
