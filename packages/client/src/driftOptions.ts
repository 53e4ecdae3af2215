// What a client configured with `drift` is told, and where what goes wrong in the monitor goes: shared by the
// sampler in the main entry (./driftSampling.ts) and the monitor it loads (./drift.ts).
import { invalidArgument } from './errors.js';

/** One way a body differs from the contract, as the contract check reports it. */
export interface DriftViolation {
  /** JSON pointer into the body (`/data/targetGroups/0/newField`). */
  pointer: string;
  /** `warning`: drift a typed consumer survives (a new property, a new value of an open enum); `error`: it breaks one. */
  severity: 'error' | 'warning';
  message: string;
}

export interface DriftReport {
  /**
   * What is new since the last report: each pointer (array indices aside, see `dedupeKey`) at most once per
   * `dedupeWindowMs`.
   */
  violations: DriftViolation[];
  requestId: string | undefined;
  status: number;
}

/**
 * Where sampled bodies go, one NDJSON line each: a writable stream (a Node stream's `writableLength` counts as its
 * pending bytes), anything with `write(line)`, or a function; a `write` or function that returns a promise holds
 * the line as pending until it settles.
 */
export type CaptureSink = { write(line: string): unknown } | ((line: string) => unknown);

export interface DriftOptions {
  /** Share of successful answers checked, 0 to 1 (1 = every answer). */
  sampleRate: number;
  /** Receives drift as data, after the call that brought it has returned; a promise it returns is awaited. */
  onDrift?: (report: DriftReport) => unknown;
  /** A pointer reported once is not reported again within this window (default 600000 ms: ten minutes). */
  dedupeWindowMs?: number;
  /**
   * Receives every sampled body as one NDJSON line (newline included), every credential the client sent replaced by
   * `[redacted]`, ready for `target-groups-contract check` and `propose`.
   */
  capture?: CaptureSink;
  /**
   * Most bytes (counted as characters) handed to `capture` and not yet written (default 8 MiB). While the sink holds
   * that much, sampled answers are dropped from the capture and counted (reported to `onError` as an error named
   * `DriftCaptureOverflow`, with the count in `dropped`).
   */
  maxPendingCaptureBytes?: number;
  /**
   * Receives what went wrong inside the monitor: an `onDrift` that throws or rejects, a sink that throws, rejects or
   * emits `'error'`, samples dropped while the sink was full. Default: a process warning (`console.warn` elsewhere).
   */
  onError?: (error: unknown) => void;
}

/** `drift` as the client takes it, or an `invalid-argument` error. */
export function checkDrift(drift: DriftOptions | undefined, where: string): void {
  if (
    drift &&
    !(
      drift.sampleRate >= 0 &&
      drift.sampleRate <= 1 &&
      (drift.onDrift || drift.capture) &&
      !(drift.dedupeWindowMs! < 0) &&
      (drift.maxPendingCaptureBytes === undefined || drift.maxPendingCaptureBytes > 0)
    )
  )
    throw invalidArgument(
      `${where}: \`drift\` needs \`sampleRate\` 0 to 1, \`onDrift\` or \`capture\`, \`dedupeWindowMs\` >= 0, \`maxPendingCaptureBytes\` > 0`,
    );
}

/** Tells `onError` (or, without one, the process's warnings) about `error`; never throws, never rejects. */
export function reportError(onError: DriftOptions['onError'], error: unknown): void {
  try {
    if (onError) {
      const result = onError(error) as unknown;
      // An async onError that rejects has no one left to tell either.
      if (typeof (result as { catch?: unknown } | null)?.catch === 'function')
        (result as Promise<unknown>).catch(() => {});
      return;
    }
    const message = `@target-groups/client drift monitor: ${error instanceof Error ? error.message : String(error)}`;
    const proc = (globalThis as { process?: { emitWarning?: (m: string, o: object) => void } }).process;
    if (typeof proc?.emitWarning === 'function') proc.emitWarning(message, { code: 'TARGET_GROUPS_DRIFT_MONITOR' });
    else console.warn(message);
  } catch {
    // The error handler itself failed: there is no one left to tell, and the caller must not be disturbed.
  }
}
