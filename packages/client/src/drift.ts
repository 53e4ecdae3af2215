// The drift monitor, loaded (with the contract's validator, compiled at build time) only by a client configured with
// `drift`. It works off the caller's path: each sampled body is checked in a later task, and nothing here can throw
// into a call, touch the value the call returned, or reach the host process: what goes wrong goes to `onError`. A
// body is captured and checked with every credential the client sent replaced, and a capture sink that does not keep
// up loses samples (counted and reported), never memory. The README's "Drift signals" section explains the rest.
import { createPrecompiledValidator } from '@target-groups/validator/precompiled';
import { type CaptureSink, type DriftOptions, type DriftReport, reportError } from './driftOptions.js';
import { redact } from './redact.js';

export type { CaptureSink, DriftOptions, DriftReport, DriftViolation } from './driftOptions.js';

const MARK = Symbol.for('@target-groups/client.DriftCaptureOverflow');

/**
 * Samples the capture sink could not take: `dropped` of them, since the last such report (to `onError`). The client
 * checks `error.name === 'DriftCaptureOverflow'`; this class is here, in the monitor's entry, for `instanceof`.
 */
export class DriftCaptureOverflow extends Error {
  override readonly name = 'DriftCaptureOverflow';
  constructor(
    readonly dropped: number,
    message: string,
  ) {
    super(message);
  }

  // The ESM and CommonJS builds each hold a copy of this class: `instanceof` asks for the mark.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return (value as { [MARK]?: boolean } | null)?.[MARK] === true;
  }

  get [MARK](): true {
    return true;
  }
}

const DEFAULT_DEDUPE_WINDOW_MS = 600_000;
const DEFAULT_MAX_PENDING_CAPTURE_BYTES = 8 * 1024 * 1024;

/** NDJSON wants one line per body: a JSON text holds line breaks only as whitespace, so dropping them keeps it. */
const ndjsonLine = (text: string): string => `${text.replace(/[\r\n]+/g, '')}\n`;

/**
 * One drift in every item of a list is one signal: array indices are left out of the key (`/data/targetGroups/N/x`
 * for every N), and the first item that shows it is the one reported.
 */
const dedupeKey = (v: { severity: string; pointer: string }): string =>
  `${v.severity} ${v.pointer.replace(/\/\d+(?=\/|$)/g, '/*')}`;

/**
 * A later task: the caller's own continuation (a microtask) always runs first. setImmediate where there is one, as
 * setTimeout waits at least a millisecond in Node.
 */
const later = (): Promise<void> =>
  new Promise((resolve) =>
    ((globalThis as { setImmediate?: (task: () => void) => unknown }).setImmediate ?? setTimeout)(resolve),
  );

const ignore = (): void => undefined;

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/**
 * A promise and the callback that resolves it, made where no line is in scope: a callback the sink holds until the
 * line is written must not hold the line too (a closure keeps every variable of its scope that any closure uses).
 */
function whenCalled(): [Promise<void>, () => void] {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return [promise, () => resolve()];
}

/** What the monitor needs of a Node stream, when the sink is one. */
interface NodeLikeStream {
  write(line: string, done: (error?: Error | null) => void): unknown;
  writableLength: number;
  destroyed?: boolean;
  writable?: boolean;
}

/**
 * Hands lines to the sink while it has room: no more than `maxPending` characters handed over and not yet written
 * (a Node stream's `writableLength`; a sink's pending promises). Resolves when the line is written, or at once when
 * the sink is synchronous or the line was dropped.
 */
function captureWriter(sink: CaptureSink, maxPending: number, onError: DriftOptions['onError']) {
  const stream = typeof sink === 'object' && typeof (sink as unknown as NodeLikeStream).writableLength === 'number';
  let pending = 0;
  let dropped = 0;
  const report = (error: unknown) => reportError(onError, error);
  /** Reports the samples dropped since the last report, if any. */
  const reportDropped = () => {
    if (dropped === 0) return;
    report(new DriftCaptureOverflow(dropped, `${dropped} sampled answer(s) not captured: the capture sink was full`));
    dropped = 0;
  };
  const settle = (length: number) => (error?: unknown) => {
    pending -= length;
    if (error) report(error);
  };

  return {
    reportDropped,
    write(line: string): Promise<void> | undefined {
      const node = sink as unknown as NodeLikeStream;
      const closed = stream && (node.destroyed === true || node.writable === false);
      if (closed || (stream ? node.writableLength : pending) + line.length > maxPending) {
        if (dropped++ === 0)
          report(
            new DriftCaptureOverflow(
              1,
              closed
                ? 'the capture sink is closed: sampled answers are dropped'
                : `the capture sink holds ${maxPending} bytes not yet written: sampled answers are dropped until it has room`,
            ),
          );
        return undefined;
      }
      reportDropped();
      try {
        // A stream's write error is also its 'error' event, which the client reports (see ./driftSampling.ts).
        if (stream) {
          const [written, callback] = whenCalled();
          node.write(line, callback);
          return written;
        }
        const result = typeof sink === 'function' ? sink(line) : sink.write(line);
        if (!isThenable(result)) return undefined;
        pending += line.length;
        const done = settle(line.length);
        return Promise.resolve(result).then(() => done(), done);
      } catch (error) {
        report(error);
        return undefined;
      }
    },
  };
}

export interface DriftMonitor {
  /** Takes up a sampled answer; resolves once it is checked, reported and written (or dropped). Never rejects. */
  observe(text: string, status: number, requestId: string | undefined): Promise<void>;
  /** Reports the samples the capture sink dropped since the last report (`flush()` calls it). */
  reportDropped(): void;
}

export interface DriftMonitorContext {
  /** Everything secret the client sent: replaced by `[redacted]` in what is captured and reported. */
  secrets?: readonly string[];
  now?: () => number;
}

/** The monitor of `drift` (already checked by the client). */
export function createDriftMonitor(
  drift: DriftOptions,
  { secrets = [], now = Date.now }: DriftMonitorContext = {},
): DriftMonitor {
  const { onDrift, capture, onError } = drift;
  const windowMs = drift.dedupeWindowMs ?? DEFAULT_DEDUPE_WINDOW_MS;
  const lastReported = new Map<string, number>();
  const writer =
    capture && captureWriter(capture, drift.maxPendingCaptureBytes ?? DEFAULT_MAX_PENDING_CAPTURE_BYTES, onError);

  /** Checks `text` and reports what is new; resolves once onDrift has (a promise it returned included). */
  const check = async (text: string, status: number, requestId: string | undefined) => {
    try {
      const violations = createPrecompiledValidator().validateText(text, status);
      const at = now();
      const fresh = violations.filter((v) => {
        const key = dedupeKey(v);
        const last = lastReported.get(key);
        if (last !== undefined && at - last < windowMs) return false;
        lastReported.set(key, at);
        return true;
      });
      // The map holds one entry per distinct pointer seen in a window: expired ones go when it grows.
      if (lastReported.size > 10_000)
        for (const [key, t] of lastReported) if (at - t >= windowMs) lastReported.delete(key);
      if (fresh.length) {
        const result = onDrift!({ violations: fresh, requestId, status } satisfies DriftReport);
        if (isThenable(result)) await result;
      }
    } catch (error) {
      reportError(onError, error);
    }
  };

  /** Captures and checks a sampled body; what is returned holds no body while it waits for the sink. */
  const take = (text: string, status: number, requestId: string | undefined): Promise<unknown> => {
    const safe = redact(text, secrets);
    const written = writer?.write(ndjsonLine(safe));
    return Promise.all([written, onDrift && check(safe, status, requestId)]);
  };

  return {
    observe: (text, status, requestId) => later().then(() => take(text, status, requestId).then(ignore)),
    reportDropped: () => writer?.reportDropped(),
  };
}
