// HTML in the spec's Markdown that the docs refuse: elements that run code, frame or embed other content, submit
// a form, restyle or redirect the page, and on* handlers. Descriptions reach the page as HTML and index.md as is.
// The pattern is the lint gate's own rule (`markdown-no-unsafe-html` in the root .spectral.yaml, where its reason
// is written), so the lint and the build refuse exactly the same text.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { walkDocument } from './documentWalk.mjs';

export const RULE = 'markdown-no-unsafe-html';

export class UnsafeHtmlRuleError extends Error {}

/**
 * The rule's pattern, read from the Spectral ruleset, as a global regular expression.
 * @param {string} rulesetFile
 * @returns {RegExp}
 */
export function unsafeHtmlPattern(rulesetFile) {
  let ruleset;
  try {
    ruleset = parse(readFileSync(rulesetFile, 'utf8'));
  } catch (error) {
    throw new UnsafeHtmlRuleError(`cannot read ${rulesetFile}: ${/** @type {Error} */ (error).message}`);
  }
  const notMatch = ruleset?.rules?.[RULE]?.then?.functionOptions?.notMatch;
  const parts = typeof notMatch === 'string' ? /^\/(.+)\/([a-z]*)$/s.exec(notMatch) : null;
  if (!parts) throw new UnsafeHtmlRuleError(`${rulesetFile} has no rule ${RULE} with a /pattern/flags notMatch`);
  return new RegExp(parts[1] ?? '', `${(parts[2] ?? '').replace('g', '')}g`);
}

/**
 * Every description in the document whose Markdown matches the pattern, with what matched.
 * @param {unknown} document
 * @param {RegExp} pattern a global pattern (see unsafeHtmlPattern)
 * @returns {Array<{ pointer: string, found: string[] }>}
 */
export function findUnsafeHtml(document, pattern) {
  /** @type {Array<{ pointer: string, found: string[] }>} */
  const hits = [];
  walkDocument(document, (key, value, pointer) => {
    if (key !== 'description' || typeof value !== 'string') return;
    const found = [...value.matchAll(pattern)].map((m) => m[0]);
    if (found.length > 0) hits.push({ pointer, found });
  });
  return hits;
}

/**
 * The refusal as the build prints it: one line per description, what it holds and where.
 * @param {Array<{ pointer: string, found: string[] }>} hits
 */
export function describeUnsafeHtml(hits) {
  return hits
    .map(({ pointer, found }) => {
      // A closing tag is named only when its opening one is not.
      const opening = found.filter((f) => !/^<\s*\//.test(f));
      const named = opening.length > 0 ? opening : found;
      const shown = new Set(named.map((f) => JSON.stringify(f.length > 60 ? `${f.slice(0, 60)}…` : f)));
      return `  - ${pointer}: ${[...shown].join(', ')}`;
    })
    .join('\n');
}
