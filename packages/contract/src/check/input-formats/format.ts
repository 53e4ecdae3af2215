import type { SourceOptions, Unit } from '../units.js';
import type { JsonScanner } from './scanner.js';

/** What the detection step saw of an input, for the formats to recognise themselves by. */
export interface Probe {
  /** The first 64 KiB (or less, when the input is shorter). */
  head: Buffer;
  /** The first byte that is not whitespace or a byte order mark, or -1 for an empty input. */
  firstByte: number;
  /** The first top-level value ended. */
  firstValueEnded: boolean;
  /** Something other than whitespace follows the first top-level value. */
  moreAfterFirstValue: boolean;
  /** The top-level object has a `log` member whose value is an object (wherever the member is). */
  logObject: boolean;
}

/** The input as the detection step leaves it: what it read, and where the chosen format carries on. */
export interface Detected {
  probe: Probe;
  /** Every chunk read so far, while they fit the body size limit (undefined once they no longer did). */
  held: Buffer[] | undefined;
  bytesRead: number;
  /** The last chunk read, and where in it the scanner stopped (its length when it did not). */
  current: Buffer;
  stopAt: number;
  scanner: JsonScanner;
  /** The chunks not read yet. */
  rest: AsyncIterable<Buffer>;
  ended: boolean;
}

/** One input format: how it recognises an input from the probe, and how it turns the input into units. */
export interface InputFormat {
  id: 'json' | 'ndjson' | 'har';
  canRead(probe: Probe): boolean;
  read(name: string, detected: Detected, opts: SourceOptions): AsyncGenerator<Unit[]>;
}
