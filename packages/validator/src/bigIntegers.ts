/**
 * Integers as sent. `JSON.parse` turns every number into a double, so an id beyond 2^53 arrives rounded and one
 * beyond int64 may even look valid. Node 20's `JSON.parse` reviver has no `context.source`, so the digits are read
 * from the raw text by this small tokenizer, which only runs when the text holds a number of 16 or more digits.
 */
import { escapePointerToken } from './messages.js';

export interface IntegerLiteral {
  /** JSON pointer of the value in the body. */
  pointer: string;
  /** The digits as sent, with their sign. */
  literal: string;
  value: bigint;
}

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** Integer literals of 16 or more digits in a JSON text (already known to parse), with where they are. */
export function longIntegerLiterals(text: string): IntegerLiteral[] {
  // A value (after `:`, `[` or `,`) of 16 or more digits; anchoring on the punctuation makes the scan a third cheaper.
  if (!/[:,[]\s*-?\d{16}/.test(text)) return [];
  const found: IntegerLiteral[] = [];
  // One frame per open container: for objects the current key, for arrays the current index.
  const path: (string | number)[] = [];
  const isArray: boolean[] = [];
  let expectKey = false;
  let i = 0;
  const n = text.length;
  const pointer = () => path.map((t) => `/${typeof t === 'number' ? t : escapePointerToken(t)}`).join('');
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      let end = i + 1;
      for (;;) {
        end = text.indexOf('"', end);
        let backslashes = 0;
        for (let j = end - 1; text.charCodeAt(j) === 92; j--) backslashes++;
        if (backslashes % 2 === 0) break;
        end++;
      }
      if (expectKey) path[path.length - 1] = JSON.parse(text.slice(i, end + 1)) as string;
      i = end + 1;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      const array = c === 91;
      isArray.push(array);
      path.push(array ? 0 : '');
      expectKey = !array;
      i++;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      isArray.pop();
      path.pop();
      expectKey = false;
      i++;
    } else if (c === 44 /* , */) {
      const top = path.length - 1;
      if (isArray[top]) path[top] = (path[top] as number) + 1;
      else expectKey = true;
      i++;
    } else if (c === 58 /* : */) {
      expectKey = false;
      i++;
    } else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      let end = i + 1;
      while (end < n) {
        const d = text.charCodeAt(end);
        if ((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) end++;
        else break;
      }
      const literal = text.slice(i, end);
      if (/^-?\d{16,}$/.test(literal)) found.push({ pointer: pointer(), literal, value: BigInt(literal) });
      i = end;
    } else {
      i++;
    }
  }
  return found;
}

export function outsideInt64(value: bigint): boolean {
  return value < INT64_MIN || value > INT64_MAX;
}

export function beyondSafeInteger(value: bigint): boolean {
  return value > SAFE_MAX || value < -SAFE_MAX;
}
