/**
 * HAR captures: each call to the operation is checked against the schema of its HTTP status, named `FILE#INDEX`.
 * The capture streams through the structure scanner: only the entry being read is held, so a capture of any size
 * (larger than one JavaScript string can hold) is checked entry by entry, and each entry is decoded and parsed on
 * its own, so one bad entry is reported at its index and the others are still checked.
 */
import { formatBytes } from '../../cli/format.js';
import { problem, type SourceOptions, type Unit } from '../units.js';
import type { Detected, InputFormat } from './format.js';
import { shownUrl } from './shownUrl.js';
import { decodeBody } from './text.js';

export const SKIPPED_HAR_REASON = 'other method or URL';

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

interface Entry {
  request?: { method?: unknown; url?: unknown };
  response?: { status?: unknown; content?: { text?: unknown; encoding?: unknown } };
}

/** Statuses that carry no body by definition: a capture of one is skipped, not reported as unreadable. */
const NO_BODY: Record<number, string> = { 304: 'Not Modified' };

class HarEntries {
  matched = 0;
  readonly skipped = new Map<string, number>();

  constructor(
    private readonly name: string,
    private readonly opts: SourceOptions,
  ) {}

  private skip(reason: string): undefined {
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + 1);
    return undefined;
  }

  unit(index: number, bytes: Buffer): Unit | undefined {
    const where = `${this.name}#${index}`;
    const decoded = decodeBody(bytes, 'the entry');
    if ('problem' in decoded) return this.matchedProblem(where, decoded.problem);
    let entry: Entry | null;
    try {
      entry = JSON.parse(decoded.text) as Entry | null;
    } catch (error) {
      return this.matchedProblem(where, `the entry is not valid JSON (${(error as Error).message.slice(0, 120)})`);
    }
    const { opts } = this;
    const url = typeof entry?.request?.url === 'string' ? entry.request.url : '';
    const method = typeof entry?.request?.method === 'string' ? entry.request.method.toUpperCase() : '?';
    // Browsers record the CORS preflight (OPTIONS, no body) to the same URL: no operation of the spec is that call.
    const operation = url === '' ? undefined : opts.operationOf(method, url);
    if (!opts.allEntries && !operation) return this.skip(SKIPPED_HAR_REASON);
    this.matched++;
    // What the reports show of the URL: a capture's URL may carry a credential.
    const shown = url === '' ? '' : shownUrl(url, operation?.queryParameters ?? new Set());
    const status = entry?.response?.status;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 100) {
      return problem(
        where,
        `no HTTP response recorded (status ${JSON.stringify(status ?? null)}) for ${shown || 'an entry without URL'}`,
      );
    }
    const content = entry?.response?.content;
    const noBody = NO_BODY[status];
    if (noBody && (content?.text === undefined || content.text === ''))
      return this.skip(`HTTP ${status} ${noBody} has no body`);
    if (typeof content?.text !== 'string') {
      return problem(
        where,
        `the capture holds no response body for ${shown} (HTTP ${status}); export the HAR with content`,
      );
    }
    let text = content.text;
    if (content.encoding === 'base64') {
      const body = decodeBody(Buffer.from(text, 'base64'), 'the response body');
      if ('problem' in body) return problem(where, body.problem);
      text = body.text;
    } else if (content.encoding !== undefined && content.encoding !== null && content.encoding !== '') {
      return problem(where, `response body has an unsupported encoding ${JSON.stringify(content.encoding)}`);
    }
    if (Buffer.byteLength(text) > opts.maxBodyBytes) {
      return problem(
        where,
        `response body is ${formatBytes(Buffer.byteLength(text))}, larger than the body size limit of ${formatBytes(opts.maxBodyBytes)} (--max-body-size); not checked`,
      );
    }
    const operationId = operation?.id ?? opts.operationId;
    return { kind: 'body', name: where, status, operationId, text, request: `${method} ${shown || '(no URL)'}` };
  }

  /** An entry that could not be read counts as a call to the operation: it may well have been one. */
  matchedProblem(where: string, message: string): Unit {
    this.matched++;
    return problem(where, message);
  }
}

export const har: InputFormat = {
  id: 'har',
  canRead: (probe) => probe.logObject,
  async *read(name: string, detected: Detected, opts: SourceOptions): AsyncGenerator<Unit[]> {
    const { scanner } = detected;
    const entries = new HarEntries(name, opts);
    // An entry holds its body (base64 grows it by a third) and the request around it.
    const maxEntryBytes = Math.ceil(opts.maxBodyBytes * 1.4) + (1 << 20);
    let units: Unit[] = [];
    let entriesList = 'none' as 'none' | 'list' | 'other';
    let logClosed = false;
    let index = -1;
    let capture: Buffer[] | undefined;
    let captureSize = 0;
    let captureFrom = -1;
    let tooLarge = false;

    const finishEntry = () => {
      if (tooLarge)
        units.push(
          entries.matchedProblem(
            `${name}#${index}`,
            `the entry is ${formatBytes(captureSize)}, larger than the body size limit allows (--max-body-size); not checked`,
          ),
        );
      else {
        const unit = entries.unit(index, Buffer.concat(capture!, captureSize));
        if (unit) units.push(unit);
      }
      capture = undefined;
      captureFrom = -1;
    };
    const take = (chunk: Buffer, from: number, to: number) => {
      captureSize += to - from;
      if (tooLarge) return;
      if (captureSize > maxEntryBytes) {
        tooLarge = true;
        capture = [];
        return;
      }
      capture!.push(Buffer.from(chunk.subarray(from, to)));
    };
    const inEntries = () => scanner.keyAt(1) === 'log' && scanner.keyAt(2) === 'entries';
    scanner.events = {
      valueStart(depth, byte, _chunk, i) {
        if (depth === 2 && inEntries()) entriesList = byte === OPEN_BRACKET ? 'list' : 'other';
        else if (depth === 3 && inEntries() && entriesList === 'list') {
          index++;
          if (byte === OPEN_BRACE) {
            capture = [];
            captureSize = 0;
            captureFrom = i;
            tooLarge = false;
          } else units.push(entries.matchedProblem(`${name}#${index}`, 'the entry is not an object'));
        }
        return undefined;
      },
      containerEnd(depth, chunk, i) {
        if (depth === 3 && capture) {
          take(chunk, captureFrom, i + 1);
          finishEntry();
        } else if (depth === 1 && scanner.keyAt(1) === 'log') logClosed = true;
      },
    };
    let size = detected.bytesRead;
    let overLimit = false;
    const scan = (chunk: Buffer, from: number) => {
      scanner.scan(chunk, from);
      if (capture) {
        take(chunk, captureFrom, chunk.length);
        captureFrom = 0;
      }
    };
    scan(detected.current, detected.stopAt);
    yield units;
    if (!detected.ended) {
      for await (const chunk of detected.rest) {
        size += chunk.length;
        if (size > opts.maxHarBytes) {
          overLimit = true;
          break;
        }
        units = [];
        scan(chunk, 0);
        if (units.length > 0) yield units;
      }
    }
    units = [];
    if (overLimit) {
      units.push(
        problem(
          name,
          `HAR capture is larger than ${formatBytes(opts.maxHarBytes)} (--max-har-size); entries after #${index} were not checked`,
        ),
      );
    } else if (entriesList !== 'list') {
      units.push(problem(name, 'HAR capture without a log.entries list'));
    } else if (!logClosed) {
      units.push(
        problem(
          name,
          `HAR capture is truncated: it ends inside entry #${index} or after it; the entries before it were checked`,
        ),
      );
    }
    for (const [reason, count] of entries.skipped) units.push({ kind: 'skipped', name, count, reason });
    if (entriesList === 'list' && entries.matched === 0 && !overLimit) {
      units.push(
        problem(
          name,
          `none of the ${index + 1} HAR entries is a call to an operation of the spec (use --all-entries to check every entry)`,
        ),
      );
    }
    yield units;
  },
};
