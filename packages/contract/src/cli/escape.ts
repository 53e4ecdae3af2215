/**
 * Text from traffic (keys, values, URLs) and from the spec, written where a terminal or a reviewer's diff shows it:
 * every character a terminal acts on, and every one that shows as nothing (zero-width characters, the soft hyphen, a
 * byte-order mark, tag characters, which can hide text inside text), is written as its escape, as JSON writes it
 * (`\n`, `\u001b`, `\u200b`), so a report line stays one line, and what it shows is what it holds.
 */
const HIDDEN = String.raw`\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff`;
/** A tag character (U+E0000 to U+E007F) is two UTF-16 units: matched as the pair, written as two escapes. */
const TAG = String.raw`\udb40[\udc00-\udc7f]`;
const UNSAFE = new RegExp(String.raw`[\u0000-\u001f\u007f-\u009f${HIDDEN}]|${TAG}`, 'g');
/** The same less C0: JSON.stringify escapes C0 itself, and leaves the rest, which occur only inside its strings. */
const UNSAFE_IN_JSON = new RegExp(String.raw`[\u007f-\u009f${HIDDEN}]|${TAG}`, 'g');
const SHORT = new Map([
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
  ['\b', '\\b'],
  ['\f', '\\f'],
]);

const escaped = (c: string) =>
  SHORT.get(c) ?? c.replace(/[\s\S]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** One line of text with every control, line separator, bidirectional override and invisible character escaped. */
export const escapeControl = (text: string): string => text.replace(UNSAFE, escaped);

/** Lines for a terminal, each escaped, so that none can start another. */
export const terminalLines = (lines: readonly string[]): string => `${lines.map(escapeControl).join('\n')}\n`;

/** JSON text (from JSON.stringify) with C1 controls, line separators, bidirectional overrides and invisibles escaped. */
export const escapeJson = (json: string): string => json.replace(UNSAFE_IN_JSON, escaped);

/** Whether `text` holds a character that `escapeJson` escapes. */
export const hasUnsafeInJson = (text: string): boolean => text.search(UNSAFE_IN_JSON) !== -1;
