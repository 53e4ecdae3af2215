// Renders the docs page from a spec document with Redocly's build-docs: the Changes section added to the
// overview, diagrams made scalable, Redoc inlined, the HTML server-rendered at a chosen route, and the page's
// Content-Security-Policy in place. The build (build.mjs) lints and checks around it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withContentSecurityPolicy } from './contentSecurityPolicy.mjs';
import { runRedocly } from './redocly.mjs';

const appDir = fileURLToPath(new URL('..', import.meta.url));

export class RenderError extends Error {}

/**
 * @param {{ document: object, changes: string, serverRenderLocation: string, landingRoute?: string }} options
 *   changes: the Changes section (Markdown) appended to the overview; serverRenderLocation: the route the HTML is
 *   rendered at (`--templateOptions.serverRenderLocation`, added by the Redocly CLI patch); landingRoute: where
 *   the template sends a reader who arrives without a deep link.
 * @returns {string} the page; throws RenderError (build-docs failed) or PageScriptError (contentSecurityPolicy.mjs)
 */
export function renderPage({ document, changes, serverRenderLocation, landingRoute }) {
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
    const render = runRedocly(
      [
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
      ],
      appDir,
    );
    let html;
    try {
      html = readFileSync(pageFile, 'utf8');
    } catch {
      html = undefined;
    }
    if (render.status !== 0 || html === undefined) throw new RenderError(render.output);
    return withContentSecurityPolicy(html).html;
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
