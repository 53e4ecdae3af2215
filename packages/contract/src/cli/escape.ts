/**
 * Text from traffic (keys, values, URLs) and from the spec, written where a terminal shows it: every character a
 * terminal acts on is written as its escape, as JSON writes it (`\n`, `\u001b`), so a report line stays one line, and
 * the report's own.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to find
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The same less C0: JSON.stringify escapes C0 itself, and leaves the rest, which occur only inside its strings. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const SHORT = new Map([
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
  ['\b', '\\b'],
  ['\f', '\\f'],
]);

const escaped = (c: string) => SHORT.get(c) ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** One line of text with every control, line separator and bidirectional override escaped. */
export const escapeControl = (text: string): string => text.replace(UNSAFE, escaped);

/** Lines for a terminal, each escaped, so that none can start another. */
export const terminalLines = (lines: readonly string[]): string => `${lines.map(escapeControl).join('\n')}\n`;

/** JSON text (from JSON.stringify) with C1 controls, U+2028/U+2029 and bidirectional overrides escaped too. */
export const escapeJson = (json: string): string => json.replace(UNSAFE_IN_JSON, escaped);

/** Whether `text` holds a character that `escapeJson` escapes. */
export const hasUnsafeInJson = (text: string): boolean => text.search(UNSAFE_IN_JSON) !== -1;
