// The page's Content-Security-Policy. The page runs only its own inline scripts, each allowed by its hash: the
// template's, Redoc's colour-mode snippet and Redoc's inlined bundle (with the document it renders). Anything
// else that reaches the page through the spec's Markdown cannot run script, frame or embed content, submit a
// form, or load anything from another host. The spec is our own file: this is defence in depth behind the lint
// rule and the build's refusal of such Markdown (documentChecks.mjs).
import { createHash } from 'node:crypto';

/**
 * What the template carries: a policy that allows nothing, replaced by the build with the real one. A page that
 * somehow kept it would run no script at all rather than any script.
 */
export const POLICY_PLACEHOLDER = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'">`;

/** @param {string[]} scriptHashes */
export function contentSecurityPolicy(scriptHashes) {
  return [
    "default-src 'none'",
    `script-src ${scriptHashes.join(' ')}`,
    // Redoc's styled-components write style elements at run time and its server-rendered markup carries style
    // attributes: neither can be hashed ahead. A <style> in the spec's Markdown is refused at build time.
    "style-src 'unsafe-inline'",
    // Images of the page itself and inline ones (icons as data: URLs); nothing from another host.
    "img-src 'self' data:",
    // Redoc's icon font is inlined as a data: URL.
    'font-src data:',
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export class PageScriptError extends Error {}

/**
 * @typedef {{ start: number, end: number, attributes: string, text: string }} InlineScript
 */

const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'title']);

/**
 * The page's script elements, read the way an HTML parser reads them: a script's text ends at the first
 * `</script`, and script-like text inside comments, styles or other scripts is not a script.
 * @param {string} html
 * @returns {InlineScript[]}
 */
export function scriptElements(html) {
  /** @type {InlineScript[]} */
  const scripts = [];
  const opening = /<!--|<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g;
  for (let m = opening.exec(html); m !== null; m = opening.exec(html)) {
    if (m[0] === '<!--') {
      const close = html.indexOf('-->', m.index + 4);
      opening.lastIndex = close === -1 ? html.length : close + 3;
      continue;
    }
    const name = (m[1] ?? '').toLowerCase();
    if (!RAW_TEXT_ELEMENTS.has(name)) continue;
    const textStart = m.index + m[0].length;
    const closing = new RegExp(`</${name}`, 'ig');
    closing.lastIndex = textStart;
    const closeAt = closing.exec(html)?.index ?? -1;
    const textEnd = closeAt === -1 ? html.length : closeAt;
    const closeEnd = closeAt === -1 ? html.length : html.indexOf('>', closeAt) + 1;
    if (name === 'script') {
      scripts.push({ start: m.index, end: closeEnd, attributes: m[2] ?? '', text: html.slice(textStart, textEnd) });
    }
    opening.lastIndex = closeEnd;
  }
  return scripts;
}

/** The hash a browser computes for an inline script: over its UTF-8 text, line breaks normalised by the parser. */
/** @param {string} text */
export function scriptHash(text) {
  const normalised = text.replace(/\r\n?/g, '\n');
  return `'sha256-${createHash('sha256').update(normalised, 'utf8').digest('base64')}'`;
}

// Where Redoc's server-rendered markup puts its colour-mode snippet: the first thing inside the page's root, after
// the resource hints React hoists there (a <link rel="preload"> for each image).
const COLOUR_MODE_SLOT = /<div id="redoc">(?:<link\b[^>]*>)*<div hidden="">/;

/**
 * Splits the page's scripts into its own (the template's, in <head>; Redoc's colour-mode snippet at the start of
 * its root; the module script that ends the body) and any other, which only the spec's content can have put
 * there.
 * @param {string} html
 */
export function classifyScripts(html) {
  const scripts = scriptElements(html);
  const headEnd = html.indexOf('</head>');
  const slot = COLOUR_MODE_SLOT.exec(html);
  const colourModeAt = slot ? slot.index + slot[0].length : -1;
  const last = scripts.at(-1);
  const bundle =
    last && /\btype\s*=\s*["']?module\b/i.test(last.attributes) && /^\s*<\/body>/i.test(html.slice(last.end))
      ? last
      : undefined;
  /** @type {InlineScript[]} */
  const own = [];
  /** @type {InlineScript[]} */
  const other = [];
  for (const script of scripts) {
    const isOwn =
      (headEnd !== -1 && script.end <= headEnd) ||
      (colourModeAt !== -1 && script.start === colourModeAt) ||
      script === bundle;
    (isOwn ? own : other).push(script);
  }
  return { own, other, bundle };
}

/**
 * The page with its policy in place of the template's placeholder. Throws PageScriptError when the page has a
 * script that is not its own, loads a script from a file, lacks Redoc's bundle, or lacks the placeholder.
 * @param {string} html
 * @returns {{ html: string, policy: string }}
 */
export function withContentSecurityPolicy(html) {
  const { own, other, bundle } = classifyScripts(html);
  /** @type {string[]} */
  const problems = [];
  for (const script of other) {
    const excerpt = JSON.stringify(`${script.text.trim().slice(0, 80)}`);
    problems.push(`a script that is not the page's own (at character ${script.start}): ${excerpt}`);
  }
  for (const script of own) {
    if (/\bsrc\s*=/i.test(script.attributes))
      problems.push('a script is loaded from a file; every script must be inline');
  }
  if (bundle === undefined) problems.push("Redoc's module script does not end the page's body");
  const at = html.indexOf(POLICY_PLACEHOLDER);
  if (at === -1 || html.indexOf(POLICY_PLACEHOLDER, at + 1) !== -1) {
    problems.push(`the template must carry the policy placeholder exactly once: ${POLICY_PLACEHOLDER}`);
  }
  if (problems.length > 0) throw new PageScriptError(problems.join('\n'));
  const hashes = [...new Set(own.map((script) => scriptHash(script.text)))];
  const policy = contentSecurityPolicy(hashes);
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  return { html: html.slice(0, at) + meta + html.slice(at + POLICY_PLACEHOLDER.length), policy };
}
