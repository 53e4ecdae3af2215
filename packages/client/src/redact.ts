// Credentials out of text that leaves the client (an error's excerpt, a drift capture): a body can echo what was
// sent (some gateways quote the request), and a JSON body may hold a credential escaped (`\/` for `/`, `\u0041`).

const REDACTED = '[redacted]';

/** A JSON string literal: a key or a value. */
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `text` with every occurrence of every secret (letter case aside) replaced by `[redacted]`: inside each JSON string
 * as the string decodes (so an escaped form is caught too, and the string is re-encoded only then), and anywhere
 * else as written. A JSON text stays JSON unless a secret stands outside a string (a password that is a number).
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  const present = secrets.filter(Boolean);
  if (!present.length) return text;
  const pattern = new RegExp(present.map(escapeRegExp).join('|'), 'gi');
  let out = text;
  if (text.includes('\\'))
    out = out.replace(JSON_STRING, (literal) => {
      if (!literal.includes('\\')) return literal;
      let value: unknown;
      try {
        value = JSON.parse(literal);
      } catch {
        return literal;
      }
      // No `lastIndex` to reset after `test`: a global `replace` starts from 0, and a failed `test` ends at 0.
      if (typeof value !== 'string' || !pattern.test(value)) return literal;
      return JSON.stringify(value.replace(pattern, REDACTED));
    });
  return out.replace(pattern, REDACTED);
}
