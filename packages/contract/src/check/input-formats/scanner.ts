/**
 * A byte-level scanner of JSON structure, fed chunk by chunk: where values start and containers end, the keys of the
 * two outermost object levels, and whether anything follows the first top-level value. It holds no input, so the
 * detection step and the HAR reader can go through a capture of any size; it does not check the grammar (each body
 * or entry it delimits is parsed by JSON.parse afterwards).
 */

export interface ScanEvents {
  /** A value starts at `index` of `chunk`, inside `depth` containers. Return true to stop before it. */
  valueStart?(depth: number, byte: number, chunk: Buffer, index: number): boolean | undefined;
  /** The container closed at `index` of `chunk` was inside `depth` containers. */
  containerEnd?(depth: number, chunk: Buffer, index: number): void;
  /** Something other than whitespace follows the first top-level value. Return true to stop before it. */
  afterRoot?(chunk: Buffer, index: number): boolean | undefined;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MAX_KEY = 256;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

export class JsonScanner {
  /** Open containers: true for objects. */
  private readonly stack: boolean[] = [];
  /** Per open object: the next string is a key. */
  private expectKey = false;
  private inString = false;
  private inPrimitive = false;
  /** Backslashes at the end of the previous chunk, inside a string. */
  private trailingBackslashes = 0;
  private capturingKey: number[] | undefined;
  private readonly keys: (string | undefined)[] = [];
  rootStarted = false;
  rootEnded = false;
  /** Bytes scanned so far. */
  offset = 0;

  constructor(public events: ScanEvents = {}) {}

  /** The key of the member being read in the object at `depth` (1: the top-level object), for the two outer levels. */
  keyAt(depth: number): string | undefined {
    return this.keys[depth - 1];
  }

  /** Scans `chunk` from `from`; returns the index where an event stopped it, or -1 when the chunk is done. */
  scan(chunk: Buffer, from = 0): number {
    const n = chunk.length;
    let i = from;
    while (i < n) {
      if (this.inString) {
        const segmentStart = i;
        let closed = -1;
        let search = i;
        for (;;) {
          const q = chunk.indexOf(QUOTE, search);
          if (q === -1) break;
          let k = q - 1;
          let backslashes = 0;
          while (k >= segmentStart && chunk[k] === BACKSLASH) {
            backslashes++;
            k--;
          }
          if (k < segmentStart) backslashes += this.trailingBackslashes;
          if (backslashes % 2 === 0) {
            closed = q;
            break;
          }
          search = q + 1;
        }
        if (closed === -1) {
          let k = n - 1;
          let backslashes = 0;
          while (k >= segmentStart && chunk[k] === BACKSLASH) {
            backslashes++;
            k--;
          }
          this.trailingBackslashes = k < segmentStart ? this.trailingBackslashes + backslashes : backslashes;
          this.captureKeyBytes(chunk, segmentStart, n);
          i = n;
          break;
        }
        this.trailingBackslashes = 0;
        this.captureKeyBytes(chunk, segmentStart, closed);
        this.inString = false;
        if (this.capturingKey) {
          const raw = this.capturingKey;
          this.capturingKey = undefined;
          this.keys[this.stack.length - 1] = decodeKey(raw);
        }
        i = closed + 1;
        continue;
      }
      const b = chunk[i]!;
      if (this.inPrimitive) {
        if (isSpace(b) || b === 0x2c || b === 0x5d || b === 0x7d) {
          this.inPrimitive = false;
          if (this.stack.length === 0) this.rootEnded = true;
        } else {
          i++;
          continue;
        }
      }
      if (isSpace(b)) {
        i++;
        continue;
      }
      if (this.rootEnded) {
        if (this.events.afterRoot?.(chunk, i)) return this.stop(chunk, from, i);
        // Anything after the first value belongs to no value: skip it.
        i++;
        continue;
      }
      const depth = this.stack.length;
      if (b === 0x2c /* , */) {
        if (this.stack[depth - 1]) this.expectKey = true;
        i++;
        continue;
      }
      if (b === 0x3a /* : */) {
        this.expectKey = false;
        i++;
        continue;
      }
      if (b === 0x7d /* } */ || b === 0x5d /* ] */) {
        this.stack.pop();
        if (this.keys.length > this.stack.length) this.keys.length = this.stack.length;
        this.expectKey = false;
        this.events.containerEnd?.(this.stack.length, chunk, i);
        if (this.stack.length === 0) this.rootEnded = true;
        i++;
        continue;
      }
      if (b === QUOTE && this.expectKey) {
        this.inString = true;
        this.trailingBackslashes = 0;
        if (depth <= 2) this.capturingKey = [];
        i++;
        continue;
      }
      // A value starts.
      if (this.events.valueStart?.(depth, b, chunk, i)) return this.stop(chunk, from, i);
      this.rootStarted = true;
      if (b === 0x7b /* { */ || b === 0x5b /* [ */) {
        this.stack.push(b === 0x7b);
        this.expectKey = b === 0x7b;
      } else if (b === QUOTE) {
        this.inString = true;
        this.trailingBackslashes = 0;
      } else {
        this.inPrimitive = true;
      }
      i++;
    }
    this.offset += n - from;
    return -1;
  }

  private stop(_chunk: Buffer, from: number, index: number): number {
    this.offset += index - from;
    return index;
  }

  private captureKeyBytes(chunk: Buffer, start: number, end: number): void {
    const key = this.capturingKey;
    if (!key) return;
    for (let j = start; j < end && key.length <= MAX_KEY; j++) key.push(chunk[j]!);
  }
}

function decodeKey(raw: number[]): string | undefined {
  if (raw.length > MAX_KEY) return undefined;
  try {
    return JSON.parse(`"${Buffer.from(raw).toString('utf8')}"`) as string;
  } catch {
    return undefined;
  }
}
