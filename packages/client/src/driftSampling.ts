// The drift part of the client's middleware: it samples successful answers and hands each to the monitor, which
// loads (with the validator) from its own entry on the first sample. `flush()` waits for everything sampled so far.
import type { DriftMonitor } from './drift.js';
import { type DriftOptions, reportError } from './driftOptions.js';
import { CONNECTED_ORG_TARGET_GROUPS_PATH, TARGET_GROUPS_PATH } from './operationPaths.js';

/** The paths whose answers are checked: the two operations of the contract, which answer with the same schemas. */
const CHECKED_PATHS = new Set([TARGET_GROUPS_PATH, CONNECTED_ORG_TARGET_GROUPS_PATH]);

export interface DriftControl {
  /**
   * Resolves once every answer sampled so far is checked, reported to `onDrift` (awaited) and written to `capture`
   * (for a stream: its write callback called), or dropped because the sink was full. Never rejects. Without `drift`,
   * at once.
   */
  flush(): Promise<void>;
}

export interface DriftSampler extends DriftControl {
  /** Samples `answer` (the final one, of `schemaPath`), in the same turn: its body is read before anyone else's. */
  observe(answer: Response, schemaPath: string): void;
}

/** The body's text without consuming it: the fetch wrapper's buffered answer has it; any other is cloned. */
const textOf = (answer: Response): Promise<string> =>
  'bodyText' in answer ? Promise.resolve((answer as { bodyText: string }).bodyText) : answer.clone().text();

export function createDriftSampler(drift: DriftOptions | undefined, secrets: readonly string[]): DriftSampler {
  const pending = new Set<Promise<void>>();
  let monitor: Promise<DriftMonitor> | undefined;
  const capture = drift?.capture as { on?: (event: string, listener: (error: unknown) => void) => unknown };
  // A stream that fails later (a full disk, a closed pipe) emits 'error': with no listener that would end the host
  // process. From the start, before the first sample: a stream can fail as it opens.
  if (typeof capture?.on === 'function') capture.on('error', (error) => reportError(drift?.onError, error));

  /**
   * Follows one sample until the monitor is done with it. A function of its own, so that what waits on a slow sink
   * keeps the sample's status and request id, not the answer.
   */
  const track = (text: Promise<string>, status: number, requestId: string | undefined) => {
    monitor ??= import('@target-groups/client/drift').then((entry) => entry.createDriftMonitor(drift!, { secrets }));
    const done: Promise<void> = Promise.all([monitor, text])
      .then(([m, body]) => m.observe(body, status, requestId))
      .catch((error) => reportError(drift?.onError, error))
      .finally(() => pending.delete(done));
    pending.add(done);
  };

  return {
    observe(answer, schemaPath) {
      if (!drift || !answer.ok || !CHECKED_PATHS.has(schemaPath) || !(Math.random() < drift.sampleRate)) return;
      track(textOf(answer), answer.status, answer.headers.get('x-cap-requestid') ?? undefined);
    },
    async flush() {
      while (pending.size) await Promise.all(pending);
      (await monitor?.catch(() => undefined))?.reportDropped();
    },
  };
}
