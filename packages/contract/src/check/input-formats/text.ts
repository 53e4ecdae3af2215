/** Turning bytes into text, one body at a time and the same way at every input size. */
import { isAscii, isUtf8 } from 'node:buffer';

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export type Decoded = { text: string } | { problem: string };

/** Offset of the first byte that does not continue valid UTF-8 (for the message; only read once decoding failed). */
function firstInvalidOffset(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > buf.length) return i;
    if (length > 1 && !isUtf8(buf.subarray(i, i + length))) return i;
    i += length;
  }
  return i;
}

/** The text of one body (or line, or HAR entry), or why it is not UTF-8 text. `what` names it in the message. */
export function decodeBody(buf: Buffer, what: string): Decoded {
  const nul = buf.indexOf(0);
  if (nul !== -1) return { problem: `binary data in ${what} (NUL byte at byte ${nul + 1}); not checked` };
  if (isAscii(buf)) return { text: buf.toString('latin1') };
  try {
    const text = fatalUtf8.decode(buf);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { problem: `${what} is not UTF-8 text (invalid byte at byte ${firstInvalidOffset(buf) + 1}); not checked` };
  }
}
