// The in-process face: a function with fetch's signature, to pass as a client's `fetch`. No port, no process.
import { type ScenarioEngine, type ScenarioEngineOptions, createScenarioEngine } from './engine.js';

export interface MockFetchOptions extends ScenarioEngineOptions {
  /**
   * `rateLimited`: the `Retry-After` seconds when `Prefer` gives no `retry-after=S`. Default **0** here (the HTTP and
   * msw faces: 1), so that a client honouring it retries at once and a test suite does not wait a second per retry.
   */
  retryAfterSeconds?: number;
  /** Answer through this engine instead of a new one (to share `flaky` state between faces). */
  engine?: ScenarioEngine;
}

/** `rateLimited`'s `Retry-After` without `retry-after=` in the fetch face: tests should not sleep. */
const MOCK_FETCH_RETRY_AFTER_SECONDS = 0;

export type MockFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * What undici's fetch rejects with when the server drops the connection: a `TypeError('fetch failed')` whose
 * `cause` is a socket error. Code that handles a real reset handles this one.
 */
function connectionReset(): TypeError {
  const cause = Object.assign(new Error('other side closed'), { name: 'SocketError', code: 'UND_ERR_SOCKET' });
  return new TypeError('fetch failed', { cause });
}

/** A fetch-compatible function answered by the scenario engine; every URL's path is matched, whatever its origin. */
export function createMockFetch(options: MockFetchOptions = {}): MockFetch {
  const engine =
    options.engine ??
    createScenarioEngine({
      ...options,
      retryAfterSeconds: options.retryAfterSeconds ?? MOCK_FETCH_RETRY_AFTER_SECONDS,
    });
  return async (input, init) => {
    const request = new Request(input, init);
    const signal = request.signal;
    if (signal.aborted) throw signal.reason;
    const answer = await engine.handle({
      method: request.method,
      url: request.url,
      header: (name) => request.headers.get(name),
      text: () => request.text(),
      signal,
    });
    if (answer.kind === 'reset') throw connectionReset();
    const empty = request.method === 'HEAD' || answer.status === 204 || answer.status === 304;
    return new Response(empty ? null : answer.body, { status: answer.status, headers: answer.headers });
  };
}
