// What the build reads in the spec's text before rendering it: HTML in its Markdown that the docs refuse, and keys
// that Redoc cannot show. The refused HTML: elements that run code, frame or embed other content, submit a form,
// restyle or redirect the page, and on* handlers; descriptions reach the page as HTML and index.md as is. The
// pattern is the lint gate's own rule (`markdown-no-unsafe-html` in the root .spectral.yaml, where its reason is
// written), so the lint and the build refuse exactly the same text.
import { readFileSync } from 'node:fs';
import { escapeKey } from '@target-groups/spec';
import { parse } from 'yaml';

export const RULE = 'markdown-no-unsafe-html';

export class UnsafeHtmlRuleError extends Error {}

/**
 * Every entry of every object and array of a JSON document (the spec reader's, with no cycle), in document order,
 * as [key, value, pointer]. Keys are read as own properties: `constructor` or `__proto__` is a name like any other.
 * @param {unknown} node
 * @returns {Generator<[string, unknown, string]>}
 */
function* entriesOf(node, pointer = '') {
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    const at = `${pointer}/${escapeKey(key)}`;
    yield [key, value, at];
    yield* entriesOf(value, at);
  }
}

/**
 * Where the document has a key named `__proto__`. Redoc builds its pages by assigning keys to plain objects, where
 * that name sets the prototype instead: the HTML page cannot show such an entry (index.md does).
 * @param {unknown} document
 * @returns {string[]} JSON pointers
 */
export function protoKeys(document) {
  return [...entriesOf(document)].filter(([key]) => key === '__proto__').map(([, , pointer]) => pointer);
}

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
  return [...entriesOf(document)].flatMap(([key, value, pointer]) => {
    const found =
      key === 'description' && typeof value === 'string' ? [...value.matchAll(pattern)].map((m) => m[0]) : [];
    return found.length > 0 ? [{ pointer, found }] : [];
  });
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
      const shown = new Set(
        (opening.length > 0 ? opening : found).map((f) => JSON.stringify(f.length > 60 ? `${f.slice(0, 60)}…` : f)),
      );
      return `  - ${pointer}: ${[...shown].join(', ')}`;
    })
    .join('\n');
}
