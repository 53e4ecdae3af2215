/**
 * Reads the inputs of `check`: a JSON body, an NDJSON file of bodies or a HAR capture, from a file or standard input,
 * told apart by content. Yields units (one per body or problem) in batches. An input larger than one body streams:
 * NDJSON is read a chunk at a time and at most one partial line is held, so memory does not grow with the input.
 */
import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { formatBytes } from './format.js';

export interface BodyUnit {
  kind: 'body';
  name: string;
  status: number;
  text: string;
  /** Something that makes the run incomplete although the body is checked (live mode: an HTTP error status). */
  note?: string;
}

export interface ProblemUnit {
  kind: 'problem';
  name: string;
  message: string;
}

/** HAR entries of one capture that were not checked, counted so the report can say so instead of dropping them. */
export interface SkippedUnit {
  kind: 'skipped';
  name: string;
  count: number;
  reason: string;
}

export type Unit = BodyUnit | ProblemUnit | SkippedUnit;

export const SKIPPED_HAR_REASON = 'other method or URL';

export interface SourceOptions {
  /** Status the bodies of plain JSON and NDJSON inputs are checked against. */
  status: number;
  maxBodyBytes: number;
  maxHarBytes: number;
  /** Recognises calls to the checked operation in a HAR capture. */
  isOperationUrl: (url: string) => boolean;
  /** Check every HAR entry, not only GET calls to the operation. */
  allEntries: boolean;
  operationLabel: string;
}

// Content is told apart from its first 64 KiB; files are read 1 MiB at a time (fewer, larger reads cost less CPU).
const CHUNK = 1 << 16;
const READ_CHUNK = 1 << 20;
const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

type Chunks = AsyncIterator<Buffer>;

function problem(name: string, message: string): ProblemUnit {
  return { kind: 'problem', name, message };
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

function decodeUtf8(buf: Buffer): string | undefined {
  try {
    return fatalUtf8.decode(buf);
  } catch {
    return undefined;
  }
}

/** Text of a whole input, or why it is not text. */
function asText(buf: Buffer): { text: string } | { problem: string } {
  const nul = buf.indexOf(0);
  if (nul !== -1) return { problem: `binary file (NUL byte at offset ${nul}); expected JSON, NDJSON or a HAR capture` };
  const text = decodeUtf8(buf);
  if (text === undefined) return { problem: 'binary file (not UTF-8 text); expected JSON, NDJSON or a HAR capture' };
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** A line holding one compact JSON object: how an NDJSON file looks and a pretty-printed document never does. */
function isObjectLine(line: string): boolean {
  const t = line.trim();
  return t.length > 2 && t.startsWith('{') && t.endsWith('}');
}

function looksLikeNdjson(lines: string[]): boolean {
  const nonEmpty = lines.filter((l) => l.trim() !== '').slice(0, 5);
  return nonEmpty.length >= 2 && nonEmpty.some(isObjectLine);
}

const HAR_START = /^\uFEFF?\s*\{\s*"log"\s*:/;

function isHar(value: unknown): value is { log: { entries: unknown } } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    'log' in value &&
    typeof (value as { log: unknown }).log === 'object' &&
    (value as { log: unknown }).log !== null
  );
}

type Line = { lineNo: number; text: string } | { lineNo: number; tooLarge: number };

/**
 * Splits a byte stream into lines, holding at most one partial line; a line over the limit is dropped as it streams
 * and reported by its size. Complete lines of a chunk are decoded in one call: a newline byte never occurs inside a
 * multi-byte UTF-8 character, so cutting at the last newline never splits a character.
 */
class LineSplitter {
  private carry: Buffer[] = [];
  private carryLen = 0;
  private skipped = -1;
  private lineNo = 1;

  constructor(private readonly maxLine: number) {}

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
      // Most captures are pure ASCII, which decodes ten times faster as latin1 (identical for ASCII bytes).
      const text = isAscii(chunk.subarray(pos, lastNl))
        ? chunk.toString('latin1', pos, lastNl)
        : chunk.toString('utf8', pos, lastNl);
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        const end = nl === -1 ? text.length : nl;
        if (end - start > this.maxLine)
          out.push({ lineNo: this.lineNo++, tooLarge: Buffer.byteLength(text.slice(start, end)) });
        else out.push({ lineNo: this.lineNo++, text: text.slice(start, end) });
        if (nl === -1) break;
        start = nl + 1;
      }
      pos = lastNl + 1;
    }
    if (pos < chunk.length) this.addPartial(chunk.subarray(pos));
  }

  end(out: Line[]): void {
    if (this.carryLen > 0 || this.skipped >= 0) this.emitPartial(out);
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
    if (this.skipped >= 0) out.push({ lineNo: this.lineNo, tooLarge: this.skipped });
    else out.push({ lineNo: this.lineNo, text: Buffer.concat(this.carry, this.carryLen).toString('utf8') });
    this.lineNo++;
    this.carry = [];
    this.carryLen = 0;
    this.skipped = -1;
  }
}

function ndjsonLine(name: string, line: Line, opts: SourceOptions): Unit | undefined {
  const where = `${name}:${line.lineNo}`;
  if ('tooLarge' in line) {
    return problem(
      where,
      `line is ${formatBytes(line.tooLarge)}, larger than the body size limit of ${formatBytes(opts.maxBodyBytes)} (--max-body-size); not checked`,
    );
  }
  let text = line.text;
  if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
  if (line.lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length === 0 || text.trim() === '') return undefined;
  const nul = text.indexOf('\u0000');
  if (nul !== -1) return problem(where, `binary data (NUL byte at column ${nul + 1}); not a JSON body`);
  return { kind: 'body', name: where, status: opts.status, text };
}

function* ndjsonText(name: string, text: string, opts: SourceOptions): Generator<Unit> {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const unit = ndjsonLine(name, { lineNo: i + 1, text: lines[i]! }, opts);
    if (unit) yield unit;
  }
}

function* harEntries(name: string, har: { log: { entries: unknown } }, opts: SourceOptions): Generator<Unit> {
  const entries = har.log.entries;
  if (!Array.isArray(entries)) {
    yield problem(name, 'HAR capture without a log.entries list');
    return;
  }
  let matched = 0;
  let skipped = 0;
  for (let i = 0; i < entries.length; i++) {
    const where = `${name}#${i}`;
    const entry = entries[i] as {
      request?: { method?: unknown; url?: unknown };
      response?: { status?: unknown; content?: { text?: unknown; encoding?: unknown } };
    } | null;
    const url = typeof entry?.request?.url === 'string' ? entry.request.url : '';
    // Browsers record the CORS preflight (OPTIONS, no body) to the same URL; only the GET carries the answer.
    const isGet = typeof entry?.request?.method === 'string' && entry.request.method.toUpperCase() === 'GET';
    if (!opts.allEntries && !(isGet && opts.isOperationUrl(url))) {
      skipped++;
      continue;
    }
    matched++;
    const status = entry?.response?.status;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 100) {
      yield problem(
        where,
        `no HTTP response recorded (status ${JSON.stringify(status ?? null)}) for ${url || 'an entry without URL'}`,
      );
      continue;
    }
    const content = entry?.response?.content;
    if (typeof content?.text !== 'string') {
      yield problem(
        where,
        `the capture holds no response body for ${url} (HTTP ${status}); export the HAR with content`,
      );
      continue;
    }
    let text = content.text;
    if (content.encoding === 'base64') {
      const decoded = asText(Buffer.from(text, 'base64'));
      if ('problem' in decoded) {
        yield problem(where, `response body is ${decoded.problem.replace(/; expected.*$/, '')}`);
        continue;
      }
      text = decoded.text;
    } else if (content.encoding !== undefined && content.encoding !== null && content.encoding !== '') {
      yield problem(where, `response body has an unsupported encoding ${JSON.stringify(content.encoding)}`);
      continue;
    }
    if (Buffer.byteLength(text) > opts.maxBodyBytes) {
      yield problem(
        where,
        `response body is ${formatBytes(Buffer.byteLength(text))}, larger than the body size limit of ${formatBytes(opts.maxBodyBytes)} (--max-body-size); not checked`,
      );
      continue;
    }
    yield { kind: 'body', name: where, status, text };
  }
  if (skipped > 0) yield { kind: 'skipped', name, count: skipped, reason: SKIPPED_HAR_REASON } satisfies SkippedUnit;
  if (matched === 0) {
    yield problem(
      name,
      `none of the ${entries.length} HAR entries is a GET call to ${opts.operationLabel} (use --all-entries to check every entry)`,
    );
  }
}

/** Whole input in memory (it fits the body size limit): a body, an NDJSON file or a HAR capture. */
function* wholeInput(
  name: string,
  buf: Buffer,
  opts: SourceOptions,
  parse: (text: string) => { ok: true; value: unknown } | { ok: false; message: string },
): Generator<Unit> {
  if (buf.length === 0) {
    yield problem(name, 'empty file; expected a JSON body, NDJSON or a HAR capture');
    return;
  }
  const decoded = asText(buf);
  if ('problem' in decoded) {
    yield problem(name, decoded.problem);
    return;
  }
  const { text } = decoded;
  if (text.trim() === '') {
    yield problem(name, 'empty file (only whitespace); expected a JSON body, NDJSON or a HAR capture');
    return;
  }
  const lines = text.split('\n');
  const parsed = parse(text);
  if (parsed.ok) {
    if (isHar(parsed.value)) yield* harEntries(name, parsed.value, opts);
    else yield { kind: 'body', name, status: opts.status, text };
    return;
  }
  if (looksLikeNdjson(lines)) {
    yield* ndjsonText(name, text, opts);
    return;
  }
  yield problem(name, parsed.message);
}

async function readRest(first: Buffer[], rest: Chunks, limit: number): Promise<Buffer | undefined> {
  const parts = [...first];
  let size = parts.reduce((n, b) => n + b.length, 0);
  for (;;) {
    const next = await rest.next();
    if (next.done) return Buffer.concat(parts, size);
    parts.push(next.value);
    size += next.value.length;
    if (size > limit) return undefined;
  }
}

export type BodyParser = (text: string) => { ok: true; value: unknown } | { ok: false; message: string };

/** Units of one input in batches (`-` is standard input). Never throws for bad input: every problem is a unit. */
export async function* readSource(file: string, opts: SourceOptions, parse: BodyParser): AsyncGenerator<Unit[]> {
  const name = file === '-' ? '<stdin>' : file;
  let stream: NodeJS.ReadableStream;
  if (file === '-') {
    stream = process.stdin;
  } else {
    try {
      const info = await stat(file);
      if (info.isDirectory()) {
        yield [problem(name, 'cannot read: is a directory')];
        return;
      }
    } catch (error) {
      yield [problem(name, `cannot read: ${errorText(error)}`)];
      return;
    }
    stream = createReadStream(file, { highWaterMark: READ_CHUNK });
  }
  const chunks = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]() as Chunks;
  try {
    // Hold up to one body's worth: an input that ends within it is handled whole, a longer one streams.
    const head: Buffer[] = [];
    let size = 0;
    let ended = false;
    while (size <= opts.maxBodyBytes) {
      const next = await chunks.next();
      if (next.done) {
        ended = true;
        break;
      }
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      head.push(chunk);
      size += chunk.length;
    }
    if (ended) {
      yield [...wholeInput(name, Buffer.concat(head, size), opts, parse)];
      return;
    }
    const start = (head[0]!.length >= CHUNK ? head[0]! : Buffer.concat(head, size)).subarray(0, CHUNK);
    const nul = start.indexOf(0);
    if (nul !== -1) {
      yield [problem(name, `binary file (NUL byte at offset ${nul}); expected JSON, NDJSON or a HAR capture`)];
      return;
    }
    const startText = start.toString('utf8');
    if (HAR_START.test(startText)) {
      const whole = await readRest(head, chunks, opts.maxHarBytes);
      if (!whole) {
        yield [
          problem(name, `HAR capture is larger than ${formatBytes(opts.maxHarBytes)} (--max-har-size); not checked`),
        ];
        return;
      }
      yield [...wholeInput(name, whole, opts, parse)];
      return;
    }
    const completeLines = startText.split('\n').slice(0, -1);
    const firstLines = completeLines.filter((l) => l.trim() !== '').slice(0, 5);
    // No line break in the first 64 KiB: a huge single line (NDJSON or one body), which the line reader reports.
    const ndjson = firstLines.length === 0 || firstLines.some(isObjectLine);
    if (!ndjson) {
      let total = size;
      for (;;) {
        const next = await chunks.next();
        if (next.done) break;
        total += next.value.length;
      }
      yield [
        problem(
          name,
          `body is ${formatBytes(total)}, larger than the body size limit of ${formatBytes(opts.maxBodyBytes)} (--max-body-size); not checked`,
        ),
      ];
      return;
    }
    const splitter = new LineSplitter(opts.maxBodyBytes);
    const lines: Line[] = [];
    const flush = (): Unit[] => {
      const units: Unit[] = [];
      for (const line of lines) {
        const unit = ndjsonLine(name, line, opts);
        if (unit) units.push(unit);
      }
      lines.length = 0;
      return units;
    };
    for (const chunk of head) splitter.push(chunk, lines);
    yield flush();
    for (;;) {
      const next = await chunks.next();
      if (next.done) break;
      splitter.push(next.value, lines);
      if (lines.length > 0) yield flush();
    }
    splitter.end(lines);
    yield flush();
  } catch (error) {
    yield [problem(name, `cannot read: ${errorText(error)}`)];
  } finally {
    if (file !== '-' && 'destroy' in stream) (stream as { destroy(): void }).destroy();
  }
}
