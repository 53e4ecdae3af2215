// The drift monitor, loaded (with the contract's validator) only by a client configured with `drift`. It works off
// the caller's path: each sampled body is checked in a later task, and nothing here can throw into a call or touch
// the value the call returned. The README's "Drift signals" section explains what to do with what it reports.

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

export interface DriftOptions {
  /** Share of successful answers checked, 0 to 1 (1 = every answer). */
  sampleRate: number;
  /** Receives drift as data; called after the call that brought it has returned. */
  onDrift?: (report: DriftReport) => void;
  /** A pointer reported once is not reported again within this window (default 600000 ms: ten minutes). */
  dedupeWindowMs?: number;
  /**
   * Receives every sampled body as one NDJSON line (newline included), ready for `target-groups-contract check` and
   * `propose`: a writable stream (anything with `write(line)`) or a function.
   */
  capture?: { write(line: string): unknown } | ((line: string) => void);
  /** Receives what went wrong inside the monitor (a throwing `onDrift`, a failing sink); default: a warning. */
  onError?: (error: unknown) => void;
}

interface Validator {
  validateText(text: string, status?: number): DriftViolation[];
}

export const DEFAULT_DEDUPE_WINDOW_MS = 600_000;

export function reportError(onError: DriftOptions['onError'], error: unknown): void {
  try {
    if (onError) {
      onError(error);
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

/** NDJSON wants one line per body: a JSON text holds line breaks only as whitespace, so dropping them keeps it. */
export const ndjsonLine = (text: string): string => `${text.replace(/[\r\n]+/g, '')}\n`;

/**
 * One drift in every item of a list is one signal: array indices are left out of the key (`/data/targetGroups/N/x` for every N),
 * and the first item that shows it is the one reported.
 */
export const dedupeKey = (v: DriftViolation): string => `${v.severity} ${v.pointer.replace(/\/\d+(?=\/|$)/g, '/*')}`;

let validatorLoad: Promise<Validator> | undefined;

/** The contract's validator, loaded on the first sampled body and shared by every monitor. */
const loadValidator = (): Promise<Validator> =>
  (validatorLoad ??= import('@target-groups/validator').then((m) => m.createValidator() as Validator));

/**
 * A later task: the caller's own continuation (a microtask) always runs first. setImmediate where there is one, as
 * setTimeout waits at least a millisecond in Node.
 */
const later: (task: () => void) => unknown =
  (globalThis as { setImmediate?: (task: () => void) => unknown }).setImmediate ?? ((task) => setTimeout(task, 0));

export type DriftObserver = (text: string, status: number, requestId: string | undefined) => void;

/** `observe(text, status, requestId)` for sampled bodies: returns at once; checks and reports in a later task. */
export function createDriftMonitor(drift: DriftOptions, now: () => number = Date.now): DriftObserver {
  const { onDrift, capture, onError } = drift;
  const windowMs = drift.dedupeWindowMs ?? DEFAULT_DEDUPE_WINDOW_MS;
  const lastReported = new Map<string, number>();
  const write = typeof capture === 'function' ? capture : capture && ((line: string) => capture.write(line));

  const check = async (text: string, status: number, requestId: string | undefined) => {
    try {
      write?.(ndjsonLine(text));
    } catch (error) {
      reportError(onError, error);
    }
    if (!onDrift) return;
    try {
      const violations = (await loadValidator()).validateText(text, status);
      const at = now();
      const fresh = violations.filter((v) => {
        const key = dedupeKey(v);
        const last = lastReported.get(key);
        if (last !== undefined && at - last < windowMs) return false;
        lastReported.set(key, at);
        return true;
      });
      // The map holds one entry per distinct pointer seen in a window: expired ones go when it grows.
      if (lastReported.size > 10_000) for (const [p, t] of lastReported) if (at - t >= windowMs) lastReported.delete(p);
      if (fresh.length) onDrift({ violations: fresh, requestId, status });
    } catch (error) {
      reportError(onError, error);
    }
  };

  return (text, status, requestId) => {
    later(() => void check(text, status, requestId));
  };
}
