/**
 * The inputs of `check`: a file or standard input is told apart by content in one detection step, then read by the
 * one input format that recognises it (./README.md). Every format yields units (a body, a problem, skipped entries)
 * in batches and never throws for bad input.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { problem, type SourceOptions, type Unit } from '../units.js';
import type { Detected, InputFormat, Probe } from './format.js';
import { har } from './har.js';
import { json } from './json.js';
import { ndjson } from './ndjson.js';
import { JsonScanner } from './scanner.js';

/** In order of precedence: the first format that recognises the probe reads the input; JSON takes the rest. */
export const INPUT_FORMATS: readonly InputFormat[] = [har, ndjson, json];

const HEAD_BYTES = 1 << 16;
// Files are read 1 MiB at a time: fewer, larger reads cost less CPU.
const READ_CHUNK = 1 << 20;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/**
 * Reads until the format is known: as soon as the top-level object shows a `log` object (HAR), or another value
 * follows the first one (NDJSON); after 64 KiB, unindented object lines after a broken first line (NDJSON); else
 * at the end of the input. Holds at most one body's worth of input (for a JSON body); past that it only scans.
 */
export async function detect(chunks: AsyncIterator<Buffer>, maxBodyBytes: number): Promise<Detected> {
  const probe: Probe = {
    head: Buffer.alloc(0),
    firstByte: -1,
    firstValueEnded: false,
    moreAfterFirstValue: false,
    logObject: false,
  };
  const scanner = new JsonScanner({
    valueStart(depth, byte) {
      if (depth === 1 && byte === 0x7b && scanner.keyAt(1) === 'log') {
        probe.logObject = true;
        return true;
      }
      return undefined;
    },
    afterRoot() {
      probe.moreAfterFirstValue = true;
      return true;
    },
  });
  let held: Buffer[] | undefined = [];
  let bytesRead = 0;
  let current: Buffer = Buffer.alloc(0);
  let stopAt = 0;
  let ended = false;
  let headChecked = false;
  const rest: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => chunks };
  for (;;) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      stopAt = current.length;
      break;
    }
    current = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    bytesRead += current.length;
    if (held && bytesRead <= maxBodyBytes) held.push(current);
    else held = undefined;
    if (probe.head.length < HEAD_BYTES)
      probe.head = Buffer.concat([probe.head, current.subarray(0, HEAD_BYTES - probe.head.length)]);
    let from = 0;
    if (probe.firstByte === -1) {
      const bom = bytesRead === current.length && current[0] === 0xef && current[1] === 0xbb && current[2] === 0xbf;
      from = bom ? 3 : 0;
      while (from < current.length && isSpace(current[from]!)) from++;
      if (from === current.length) continue;
      probe.firstByte = current[from]!;
      // Not the start of an object or a list: one body (most likely not JSON at all), read as such.
      if (probe.firstByte !== 0x7b && probe.firstByte !== 0x5b) {
        stopAt = from;
        break;
      }
    }
    const stopped = scanner.scan(current, from);
    probe.firstValueEnded = scanner.rootEnded;
    if (stopped !== -1) {
      stopAt = stopped;
      break;
    }
    stopAt = current.length;
    if (!headChecked && probe.head.length >= HEAD_BYTES) {
      headChecked = true;
      if (INPUT_FORMATS.find((f) => f.canRead(probe)) !== json) break;
    }
  }
  probe.firstValueEnded = scanner.rootEnded;
  return { probe, held, bytesRead, current, stopAt, scanner, rest, ended };
}

function errorText(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = String((error as { code: unknown }).code);
    const known: Record<string, string> = {
      ENOENT: 'no such file',
      EACCES: 'permission denied',
      EISDIR: 'is a directory',
      EMFILE: 'too many open files',
    };
    return known[code] ?? `${code}: ${String((error as { message?: unknown }).message)}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Units of one input in batches (`-` is standard input), named as `file` is given; a relative `file` is read from
 * `cwd`. Never throws for bad input: every problem is a unit.
 */
export async function* readInput(file: string, opts: SourceOptions, cwd?: string): AsyncGenerator<Unit[]> {
  const name = file === '-' ? '<stdin>' : file;
  const where = cwd === undefined || file === '-' ? file : path.resolve(cwd, file);
  let stream: NodeJS.ReadableStream;
  if (file === '-') {
    stream = process.stdin;
  } else {
    try {
      const info = await stat(where);
      if (info.isDirectory()) {
        yield [problem(name, 'cannot read: is a directory')];
        return;
      }
    } catch (error) {
      yield [problem(name, `cannot read: ${errorText(error)}`)];
      return;
    }
    stream = createReadStream(where, { highWaterMark: READ_CHUNK });
  }
  const chunks = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    const detected = await detect(chunks, opts.maxBodyBytes);
    const format = INPUT_FORMATS.find((f) => f.canRead(detected.probe)) ?? json;
    yield* format.read(name, detected, opts);
  } catch (error) {
    yield [problem(name, `cannot read: ${errorText(error)}`)];
  } finally {
    if (file !== '-' && 'destroy' in stream) (stream as { destroy(): void }).destroy();
  }
}
