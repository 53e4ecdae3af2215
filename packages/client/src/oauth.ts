// The OAuth token source: an entry of its own (`@target-groups/client/oauth`), loaded by a client with OAuth auth on
// its first call, so that the main entry carries no OAuth code for the callers that use Basic auth or a ready token.
import { CUT_SHORT, TargetGroupsApiError, envelopeData, errorText, parseBody, requestIdOf } from './errors.js';
import type { TransportSettings } from './settings.js';
import { backoffDelay, headerSafe, readText, refuseRedirect } from './transport.js';

export interface TokenSourceOptions {
  url: string;
  credentials: { key: string; secret: string };
  /** The client's fetch, body limit and network retries; its timeout (10 s when it has none). */
  transport: TransportSettings;
  userAgent: string;
}

export interface TokenSource {
  /** The cached token, or the one being generated (callers stop waiting on their own signal). */
  get(): Promise<string>;
  /** Forgets `token` if it is still the cached one. */
  invalidate(token: string | null): void;
}

/**
 * Generates OAuth access tokens and caches each until shortly before it expires. Concurrent callers share one
 * token request; `invalidate` drops a token the API rejected.
 */
export function oauthTokenSource({ url, credentials, transport, userAgent }: TokenSourceOptions): TokenSource {
  const { fetch, maxResponseBytes, retry } = transport;
  const timeoutMs = transport.timeoutMs || 10_000;
  const headers = { Accept: 'application/json', 'User-Agent': userAgent };
  let token: string | undefined;
  let refreshAt = 0;
  let pending: Promise<string> | undefined;
  const operation = 'generateToken';

  async function generate(): Promise<string> {
    // The token request is shared by every waiting call, so it has its own deadline rather than one caller's signal.
    const signal = AbortSignal.timeout(timeoutMs);
    const deadline = Date.now() + timeoutMs;
    let response: Response;
    let attempt = 0;
    // Network errors are retried as the API calls' are; an answer, even a failed one, is final.
    for (;;) {
      attempt++;
      try {
        response = await fetch()(url, {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify(credentials),
          signal,
          redirect: 'manual',
        });
        break;
      } catch (cause) {
        const delay = backoffDelay(attempt, retry.baseDelayMs, retry.maxDelayMs);
        if (!signal.aborted && attempt < retry.attempts && Date.now() + delay < deadline) {
          await new Promise((resolve) => setTimeout(resolve, delay));
          continue;
        }
        throw new TargetGroupsApiError(
          `OAuth token request failed, ${attempt} attempt(s): ${signal.aborted ? `no answer within ${timeoutMs} ms` : errorText(cause)}`,
          { kind: signal.aborted ? 'timeout' : 'network', operation, attempts: attempt, cause },
        );
      }
    }
    refuseRedirect(response, { url }, operation);
    const meta = { operation, requestId: requestIdOf(response), attempts: attempt } as const;
    let text: string;
    try {
      text = await readText(response, maxResponseBytes, operation, attempt);
    } catch (cause) {
      if (cause instanceof TargetGroupsApiError) throw cause;
      return envelopeData(response.status, { problem: CUT_SHORT }, { ...meta, cause }) as never;
    }
    const data = envelopeData(response.status, parseBody(text), {
      ...meta,
      text,
      headers: response.headers,
      secrets: [credentials.key, credentials.secret],
    }) as {
      accessToken?: unknown;
      ttlSeconds?: unknown;
    };
    // The token goes into a header as it is: one that could not is refused here, without quoting it.
    if (!headerSafe(data.accessToken) || !data.accessToken)
      envelopeData(response.status, { problem: 'data has no accessToken usable in a header' }, meta);
    const ttlMs = (typeof data.ttlSeconds === 'number' && data.ttlSeconds > 0 ? data.ttlSeconds : 300) * 1000;
    // Renew ahead of expiry (a tenth of the lifetime, at most 30 s) so that a token never expires in flight.
    refreshAt = Date.now() + ttlMs - Math.min(30_000, ttlMs / 10);
    token = data.accessToken as string;
    return token;
  }

  return {
    get() {
      if (token && Date.now() < refreshAt) return Promise.resolve(token);
      pending ??= generate().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate(rejected) {
      if (rejected === token) refreshAt = 0;
    },
  };
}
