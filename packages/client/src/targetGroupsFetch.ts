// The fetch wrapper: what happens beneath openapi-fetch for each call, where middleware does not reach. The request
// goes out with `redirect: 'manual'` and a redirect answer is refused; a network fault or a 429/502/503/504 is retried
// with backoff (a GET or HEAD only: nothing else is safe to send twice); the whole exchange, body included, has one
// deadline; and the body is read up to the size limit, then handed over in memory (./bufferedResponse.ts). Anything
// that is not an answer becomes a TargetGroupsApiError. Per call it allocates one object and one AbortController: it
// runs for every request, so its cost is most of the client's cost over bare openapi-fetch (`pnpm bench`).
import { BufferedResponse } from './bufferedResponse.js';
import { CUT_SHORT, TargetGroupsApiError, aborted, envelopeData, errorText, requestIdOf } from './errors.js';
import { type TransportOptions, type TransportSettings, transportSettings } from './settings.js';
import {
  RETRY_STATUSES,
  announcedWithin,
  backoffDelay,
  parseRetryAfter,
  readBytes,
  refuseRedirect,
} from './transport.js';

/** `fetch` for openapi-fetch's `createClient({ fetch })`: it takes a Request (and the init of an extension, if any). */
export type TargetGroupsFetch = (request: Request, init?: RequestInit) => Promise<Response>;

// When a call started, noted by the client's middleware before it waited for a token: the deadline counts from there.
const callStarts = new WeakMap<Request, number>();

/** Notes that the call of `request` started at `at` (default now), so that its deadline counts from then. */
export function noteCallStart(request: Request, at = Date.now()): void {
  callStarts.set(request, at);
}

/** When the call of `request` started, if the client's middleware noted it. */
export const callStartOf = (request: Request): number | undefined => callStarts.get(request);

const ignore = () => undefined;

/** One exchange in flight: its deadline, and the controller that ends it (the caller's abort is its event listener). */
class Call {
  readonly controller = new AbortController();
  timedOut = false;

  constructor(
    readonly deadline: number,
    readonly caller: AbortSignal | undefined,
    readonly timeoutMs: number,
  ) {}

  /** The deadline passed: the ticker ends the exchange. */
  expire(): void {
    this.timedOut = true;
    this.controller.abort();
  }

  /** The caller's signal fired (this object is its listener). */
  handleEvent(): void {
    this.controller.abort(this.caller?.reason);
  }

  /** The error of an exchange that stopped before its answer was complete. */
  stopped(attempts: number, cause?: unknown): TargetGroupsApiError {
    return this.timedOut
      ? new TargetGroupsApiError(`No complete answer within ${this.timeoutMs} ms, ${attempts} attempt(s)`, {
          kind: 'timeout',
          attempts,
        })
      : aborted(this.caller?.reason ?? cause, attempts);
  }

  /** Waits before the next attempt; an abort or the deadline ends the exchange during the wait. */
  wait(delay: number, attempts: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const wake = setTimeout(resolve, delay);
      this.controller.signal.addEventListener('abort', () => {
        clearTimeout(wake);
        reject(this.stopped(attempts));
      });
    });
  }
}

/**
 * The fetch wrapper and, sharing its deadline watch, a variant that sends each request once (for `fetchRaw`, which
 * reports the first answer as it is).
 */
export function createTransport(settings: TransportSettings): { fetch: TargetGroupsFetch; once: TargetGroupsFetch } {
  const { timeoutMs, retry, maxResponseBytes } = settings;

  // One ticker per wrapper aborts the calls whose deadline has passed: far cheaper per call than a timer each. It
  // ticks at a twentieth of timeoutMs (10..50 ms), so a timeout fires at most that late, and stops when idle.
  const inflight = new Set<Call>();
  let ticker: ReturnType<typeof setInterval> | undefined;
  const tick = () => {
    const now = Date.now();
    for (const call of inflight) if (now >= call.deadline) call.expire();
    if (!inflight.size) ticker = void clearInterval(ticker);
  };
  const watch = (call: Call) => {
    inflight.add(call);
    if (!ticker) {
      ticker = setInterval(tick, Math.min(50, Math.max(10, timeoutMs / 20)));
      (ticker as { unref?: () => void }).unref?.();
    }
  };
  /** Whether a wait of `delay` before the next attempt is allowed and ends before the deadline. */
  const canWait = (call: Call, delay: number) => delay <= retry.maxDelayMs && Date.now() + delay < call.deadline;

  async function exchange(request: Request, init: RequestInit | undefined, attempts: number) {
    const caller = request.signal ?? undefined;
    const started = callStarts.get(request);
    const call = new Call(timeoutMs ? (started ?? Date.now()) + timeoutMs : Infinity, caller, timeoutMs);
    if (caller?.aborted) throw call.stopped(0);
    // A wait for an OAuth token before this exchange may have used up the call's time already.
    if (started !== undefined && Date.now() >= call.deadline) {
      call.timedOut = true;
      throw call.stopped(0);
    }
    if (timeoutMs) watch(call);
    caller?.addEventListener('abort', call);
    // Only requests without a body, of methods that change nothing, are sent twice.
    const retrying = request.method === 'GET' || request.method === 'HEAD';
    const signal = call.controller.signal;
    // The signal goes beside the Request rather than in it, so that it is followed once; `redirect: 'manual'` with
    // every request: see refuseRedirect.
    const sent: RequestInit = { ...init, signal, redirect: 'manual' };
    try {
      for (let attempt = 1; ; attempt++) {
        let response: Response;
        try {
          response = await settings.fetch()(request, sent);
        } catch (cause) {
          if (signal.aborted) throw call.stopped(attempt, cause);
          if (cause instanceof TargetGroupsApiError) throw cause;
          const delay = backoffDelay(attempt, retry.baseDelayMs, retry.maxDelayMs);
          if (attempt < attempts && retrying && canWait(call, delay)) {
            await call.wait(delay, attempt);
            continue;
          }
          throw new TargetGroupsApiError(`Network error, ${attempt} attempt(s): ${errorText(cause)}`, {
            kind: 'network',
            attempts: attempt,
            cause,
          });
        }
        const status = response.status;
        // An opaque redirect (a browser's) has status 0.
        if (status < 200 || status > 299) refuseRedirect(response, request);
        const retryable = RETRY_STATUSES.includes(status);
        const retryAfterMs = retryable ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
        if (retryable && attempt < attempts && retrying) {
          const delay = retryAfterMs ?? backoffDelay(attempt, retry.baseDelayMs, retry.maxDelayMs);
          // A Retry-After longer than maxDelayMs, or past the deadline, ends the call with this answer instead.
          if (canWait(call, delay)) {
            response.body?.cancel().catch(ignore);
            await call.wait(delay, attempt);
            continue;
          }
        }
        try {
          // A 2xx body whose length is announced within the limit is read at once; any other streams through the
          // size check.
          return new BufferedResponse(
            status < 300 && status > 199 && announcedWithin(response.headers, maxResponseBytes)
              ? await response.text()
              : await readBytes(response, maxResponseBytes, undefined, attempt),
            response,
            attempt,
            retryAfterMs,
          );
        } catch (cause) {
          if (signal.aborted) throw call.stopped(attempt, cause);
          if (cause instanceof TargetGroupsApiError) throw cause;
          return envelopeData(
            status,
            { problem: CUT_SHORT },
            { requestId: requestIdOf(response), attempts: attempt, cause },
          ) as never;
        }
      }
    } finally {
      inflight.delete(call);
      caller?.removeEventListener('abort', call);
    }
  }

  return {
    fetch: (input, init) => exchange(input, init, retry.attempts),
    once: (input, init) => exchange(input, init, 1),
  };
}

/**
 * The fetch wrapper, for a client of your own: `createClient<paths>({ baseUrl, fetch: createTargetGroupsFetch() })`.
 * It times out, retries, refuses redirects and bounds the body as `createTargetGroupsClient` does.
 */
export function createTargetGroupsFetch(options: TransportOptions = {}): TargetGroupsFetch {
  return createTransport(transportSettings(options, 'createTargetGroupsFetch')).fetch;
}
