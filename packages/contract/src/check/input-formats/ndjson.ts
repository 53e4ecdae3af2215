/**
 * NDJSON: one body per line, named `FILE:LINE`. Read a chunk at a time; at most one partial line is held, and a line
 * over the body size limit is dropped as it streams and reported by its size. Each line is decoded on its own with a
 * fatal UTF-8 decoder, so an invalid byte or a NUL is reported at its line and the other lines are still checked.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { formatBytes } from '../../cli/format.js';
import { problem, type SourceOptions, type Unit } from '../units.js';
import type { Detected, InputFormat } from './format.js';
import { decodeBody } from './text.js';

type Line =
  | { lineNo: number; text: string }
  | { lineNo: number; tooLarge: number }
  | { lineNo: number; problem: string };

export class LineSplitter {
  private carry: Buffer[] = [];
  private carryLen = 0;
  private skipped = -1;
  private lineNo = 1;

  /** `skipping`: bytes of an over-long first line already read (and dropped) before the splitter started. */
  constructor(
    private readonly maxLine: number,
    skipping = -1,
  ) {
    this.skipped = skipping;
  }

  push(chunk: Buffer, out: Line[]): void {
    let pos = 0;
    if (this.carryLen > 0 || this.skipped >= 0) {
      const nl = chunk.indexOf(10);
      if (nl === -1) {
        this.addPartial(chunk);
        return;
      }
      this.addPartial(chunk.subarray(0, nl));
      this.emitPartial(out);
      pos = nl + 1;
    }
    const lastNl = chunk.lastIndexOf(10);
    if (lastNl >= pos) {
      const range = chunk.subarray(pos, lastNl);
      // A newline byte never occurs inside a multi-byte character, so whole ranges of valid text decode in one call.
      if (isAscii(range)) this.splitText(range.toString('latin1'), out);
      else if (isUtf8(range)) this.splitText(range.toString('utf8'), out);
      else this.splitBytes(range, out);
      pos = lastNl + 1;
    }
    if (pos < chunk.length) this.addPartial(chunk.subarray(pos));
  }

  end(out: Line[]): void {
    if (this.carryLen > 0 || this.skipped >= 0) this.emitPartial(out);
  }

  private splitText(text: string, out: Line[]): void {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const end = nl === -1 ? text.length : nl;
      // A UTF-16 unit is at most 3 bytes of UTF-8: shorter lines cannot be over the limit.
      if (end - start > this.maxLine / 3 && Buffer.byteLength(text.slice(start, end)) > this.maxLine)
        out.push({ lineNo: this.lineNo++, tooLarge: Buffer.byteLength(text.slice(start, end)) });
      else out.push({ lineNo: this.lineNo++, text: text.slice(start, end) });
      if (nl === -1) break;
      start = nl + 1;
    }
  }

  private splitBytes(range: Buffer, out: Line[]): void {
    let start = 0;
    for (;;) {
      const nl = range.indexOf(10, start);
      const end = nl === -1 ? range.length : nl;
      this.emitBytes(range.subarray(start, end), out);
      if (nl === -1) break;
      start = nl + 1;
    }
  }

  private emitBytes(bytes: Buffer, out: Line[]): void {
    const lineNo = this.lineNo++;
    if (bytes.length > this.maxLine) {
      out.push({ lineNo, tooLarge: bytes.length });
      return;
    }
    const decoded = decodeBody(bytes, 'the line');
    out.push('text' in decoded ? { lineNo, text: decoded.text } : { lineNo, problem: decoded.problem });
  }

  private addPartial(part: Buffer): void {
    if (this.skipped >= 0) {
      this.skipped += part.length;
    } else if (this.carryLen + part.length > this.maxLine) {
      this.skipped = this.carryLen + part.length;
      this.carry = [];
      this.carryLen = 0;
    } else if (part.length > 0) {
      this.carry.push(Buffer.from(part));
      this.carryLen += part.length;
    }
  }

  private emitPartial(out: Line[]): void {
    if (this.skipped >= 0) out.push({ lineNo: this.lineNo++, tooLarge: this.skipped });
    else this.emitBytes(Buffer.concat(this.carry, this.carryLen), out);
    this.carry = [];
    this.carryLen = 0;
    this.skipped = -1;
  }
}

function lineUnit(name: string, line: Line, opts: SourceOptions): Unit | undefined {
  const where = `${name}:${line.lineNo}`;
  if ('tooLarge' in line) {
    return problem(
      where,
      `line is ${formatBytes(line.tooLarge)}, larger than the body size limit of ${formatBytes(opts.maxBodyBytes)} (--max-body-size); not checked`,
    );
  }
  if ('problem' in line) return problem(where, line.problem);
  let text = line.text;
  if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return undefined;
  // Worded as decodeBody words it, so a line reads the same whichever way its chunk was decoded.
  const nul = text.indexOf('\u0000');
  if (nul !== -1)
    return problem(
      where,
      `binary data in the line (NUL byte at byte ${Buffer.byteLength(text.slice(0, nul)) + 1}); not checked`,
    );
  return { kind: 'body', name: where, status: opts.status, operationId: opts.operationId, text };
}

/** The first complete lines of the head that hold one compact JSON object each, unindented (as NDJSON lines are). */
function compactObjectLines(head: Buffer): number {
  const lines = head
    .toString('utf8')
    .split('\n')
    .slice(1, -1)
    .filter((l) => l.trim() !== '')
    .slice(0, 5);
  return lines.filter((line) => {
    const t = line.replace(/\r$/, '');
    if (!t.startsWith('{') || !t.endsWith('}')) return false;
    try {
      JSON.parse(t);
      return true;
    } catch {
      return false;
    }
  }).length;
}

export const ndjson: InputFormat = {
  id: 'ndjson',
  // Another value follows the first top-level one; or the first line is broken and unindented object lines follow it.
  canRead: (probe) => probe.moreAfterFirstValue || (!probe.firstValueEnded && compactObjectLines(probe.head) > 0),
  async *read(name: string, detected: Detected, opts: SourceOptions): AsyncGenerator<Unit[]> {
    const splitter = detected.held
      ? new LineSplitter(opts.maxBodyBytes)
      : new LineSplitter(opts.maxBodyBytes, detected.bytesRead - detected.current.length);
    const lines: Line[] = [];
    const flush = (): Unit[] => {
      const units: Unit[] = [];
      for (const line of lines) {
        const unit = lineUnit(name, line, opts);
        if (unit) units.push(unit);
      }
      lines.length = 0;
      return units;
    };
    for (const chunk of detected.held ?? [detected.current]) splitter.push(chunk, lines);
    yield flush();
    for await (const chunk of detected.rest) {
      splitter.push(chunk, lines);
      if (lines.length > 0) yield flush();
    }
    splitter.end(lines);
    yield flush();
  },
};
