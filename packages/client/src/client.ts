import type { Client, Middleware } from 'openapi-fetch';
import type { GetUserTargetGroupsQuery, UserTargetGroups, WarningItem, paths } from '@target-groups/types';
import {
  OAUTH_TOKEN_HEADER,
  TOKEN_PATH,
  basicAuthorization,
  checkAuth,
  raceAbort,
  type OAuthAuth,
  type TargetGroupsAuth,
  unusable,
} from './auth.js';
import { CLUSTER_BASE_URLS, type Cluster } from './clusters.js';
import { type DeprecationNotice, warnDeprecatedOnce } from './deprecation.js';
import type { DriftObserver, DriftOptions } from './drift.js';
import type { TokenSource } from './oauth.js';
import type { RawClientSetup } from './raw.js';
import {
  CUT_SHORT,
  TargetGroupsApiError,
  envelopeData,
  errorText,
  invalidArgument,
  parseBody,
  requestIdOf,
} from './errors.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  announcedWithin,
  backoffDelay,
  headerSafe,
  readText,
  refuseRedirect,
} from './transport.js';

declare const __CLIENT_VERSION__: string;

export interface RetryOptions {
  /** Requests per call, the first one included: 1 to 10 (default 3; 1 disables retries). */
  attempts?: number;
  /** First backoff step; it doubles per retry, with full jitter (default 200 ms). */
  baseDelayMs?: number;
  /** Longest wait between two attempts (default 5000 ms). A longer `Retry-After` ends the call instead. */
  maxDelayMs?: number;
}

interface CommonOptions {
  auth: TargetGroupsAuth;
  /** `fetch` to use (default: `globalThis.fetch`, looked up at call time). */
  fetch?: typeof fetch;
  /** Deadline of one call, retries and backoff included (default 10000 ms; 0 = none). */
  timeoutMs?: number;
  /**
   * Retries on network errors and HTTP 429, 502, 503, 504 (default `{ attempts: 3 }`); `false` disables them. The
   * OAuth token request is retried on network errors with the same settings.
   */
  retry?: RetryOptions | false;
  /** Largest body read, in bytes (default 16 MiB); a longer one ends the call (`too-large`) as it streams in. */
  maxResponseBytes?: number;
  /** `User-Agent` to send (default `target-groups-client/<version>`); browsers may drop it. */
  userAgent?: string;
  /** Headers for every request (for example `X-CAP-API-ATTRIBUTION-ENTITY-TYPE`). */
  headers?: Record<string, string>;
  /**
   * Called when a successful answer also carries the vendor's `warnings`: `getTargetGroups` resolves to `data`
   * alone, and warnings must not vanish unseen.
   */
  onWarnings?: (warnings: WarningItem[], requestId: string | undefined) => void;
  /**
   * Checks a sampled share of successful answers against the contract, off the caller's path, and reports drift as
   * data (see the README's "Drift signals"). Off by default; the validator loads only when this is set.
   */
  drift?: DriftOptions;
  /**
   * Called once per distinct notice when an answer carries `Deprecation` (RFC 9745), `Sunset` (RFC 8594) or a
   * `Link` with `rel="successor-version"`.
   */
  onDeprecation?: (notice: DeprecationNotice) => void;
  /** `false` silences the one `DeprecationWarning` (code `TARGET_GROUPS_DEPRECATED`) of the first `getTargetGroups`. */
  deprecationWarning?: boolean;
}

export type TargetGroupsClientOptions = CommonOptions &
  (
    | { /** API origin, for example `https://eu.api.capillarytech.com`. */ baseUrl: string; cluster?: never }
    | { /** Named cluster: `india`, `asia2`, `eu`, `us` or `china`. */ cluster: Cluster; baseUrl?: never }
  );

export interface GetTargetGroupsOptions extends GetUserTargetGroupsQuery {
  /** Stops the call at once; an aborted call is never retried. */
  signal?: AbortSignal;
  /** Headers for this call only (for example `Prefer: example=NAME` against the contract mock). */
  headers?: Record<string, string>;
}

export interface RawTargetGroupsResponse {
  status: number;
  headers: Headers;
  /** The body exactly as received. */
  text: string;
  requestId: string | undefined;
}

export interface TargetGroupsClient {
  /**
   * The user's target groups (the envelope's `data`). Throws `TargetGroupsApiError` for anything else: a non-2xx
   * status, a 200 with `errors` and no `data`, a body that is not the JSON envelope, a network fault, a timeout,
   * an abort, or a bad argument.
   */
  getTargetGroups(userId: number | string, options?: GetTargetGroupsOptions): Promise<UserTargetGroups>;
  /**
   * One request with the client's auth, timeout and signal, without retries or interpretation: status, headers and
   * body text as received. Throws `TargetGroupsApiError` only when there is no complete answer or for a bad argument.
   */
  fetchRaw(userId: number | string, options?: GetTargetGroupsOptions): Promise<RawTargetGroupsResponse>;
  /**
   * openapi-fetch's client for this API, with base URL, `Accept`, `User-Agent`, `headers` and auth applied (the Basic
   * header, or the OAuth/ready token from the client's own cache, a rejected OAuth token renewed once); it follows no
   * redirect. It and openapi-fetch load on its first call. Middleware added with `raw.use()` runs for raw's calls,
   * not for `getTargetGroups`/`fetchRaw` (to see those requests, pass `fetch`).
   */
  readonly raw: Client<paths>;
  readonly baseUrl: string;
}

const RETRY_STATUSES = [429, 502, 503, 504];

/** Milliseconds the server asked to wait (`Retry-After` in seconds or as an HTTP date), if it did. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function resolveBaseUrl({ baseUrl, cluster }: TargetGroupsClientOptions): string {
  const url = cluster === undefined ? baseUrl : baseUrl === undefined ? CLUSTER_BASE_URLS[cluster] : undefined;
  // Credentials, a query or a fragment in the base URL would leak into every request URL and error.
  if (typeof url !== 'string' || !/^https?:\/\/[^/?#@]+(\/[^?#@]*)?$/.test(url)) {
    throw invalidArgument(
      `createTargetGroupsClient: pass \`baseUrl\` (http(s), no credentials, query or fragment) or \`cluster\` (${Object.keys(CLUSTER_BASE_URLS).join(', ')})`,
    );
  }
  return url.replace(/\/+$/, '');
}

/** Header values that fetch would refuse with a TypeError quoting them; the error here names the header only. */
function checkHeaders(where: string, headers: Record<string, string> | undefined): void {
  for (const name in headers) if (!headerSafe(headers[name])) throw unusable(`${where}: header ${name}`);
}

export function createTargetGroupsClient(options: TargetGroupsClientOptions): TargetGroupsClient {
  const baseUrl = resolveBaseUrl(options ?? {});
  const {
    auth,
    timeoutMs = 10_000,
    userAgent = `target-groups-client/${__CLIENT_VERSION__}`,
    maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES,
  } = options;
  checkAuth(auth);
  const retry = {
    attempts: 3,
    baseDelayMs: 200,
    maxDelayMs: 5000,
    ...(options.retry === false ? { attempts: 1 } : options.retry),
  };
  // A retry storm is never what a caller meant: 10 attempts already wait up to 9 maxDelayMs.
  if (
    !(timeoutMs >= 0) ||
    !(Number.isInteger(retry.attempts) && retry.attempts > 0 && retry.attempts < 11) ||
    !(Number.isSafeInteger(maxResponseBytes) && maxResponseBytes > 0)
  )
    throw invalidArgument(
      'createTargetGroupsClient: `timeoutMs` must be >= 0, `retry.attempts` 1 to 10, `maxResponseBytes` an integer > 0',
    );
  const { drift, onDeprecation } = options;
  if (
    drift &&
    !(
      drift.sampleRate >= 0 &&
      drift.sampleRate <= 1 &&
      (drift.onDrift || drift.capture) &&
      !(drift.dedupeWindowMs! < 0)
    )
  )
    throw invalidArgument(
      'createTargetGroupsClient: `drift` needs `sampleRate` 0 to 1, `onDrift` or `capture`, `dedupeWindowMs` >= 0',
    );
  // The monitor and the validator behind it load on the first sampled answer, from an entry of their own.
  let observeDrift: Promise<DriftObserver> | undefined;
  const noticed = new Set<string>();
  const currentFetch = (): typeof fetch => options.fetch ?? globalThis.fetch;
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': userAgent, ...options.headers };
  checkHeaders('createTargetGroupsClient', headers);
  const basic = auth.type === 'basic';
  if (basic) headers.Authorization = basicAuthorization(auth);
  // Everything secret the client sends, so that no error excerpt quotes it back; a token is added once it is known.
  const secrets = [
    headers.Authorization?.slice(6),
    headers.Authorization && atob(headers.Authorization.slice(6)).split(':').pop(),
    ...['password', 'passwordMd5', 'key', 'secret', 'token'].map((field) => (auth as Record<string, unknown>)[field]),
  ].filter((value): value is string => typeof value === 'string' && value.length > 3);

  // The OAuth token source loads on the first call, from an entry of its own; a ready token is used as it is.
  let source: Promise<TokenSource> | undefined;
  const tokenSource = () =>
    (source ??= import('@target-groups/client/oauth').then((oauth) =>
      oauth.oauthTokenSource({
        url: baseUrl + TOKEN_PATH,
        credentials: { key: (auth as OAuthAuth).key, secret: (auth as OAuthAuth).secret },
        fetch: currentFetch,
        headers: { Accept: 'application/json', 'User-Agent': userAgent },
        timeoutMs: timeoutMs || 10_000,
        maxResponseBytes,
        retry,
      }),
    ));
  const ready = auth.type === 'token' ? auth.token : undefined;
  /** The token for the next request (OAuth or ready), checked before it goes into a header. */
  const tokenOf = async (): Promise<string> => {
    const token = await (ready === undefined
      ? tokenSource().then((s) => s.get())
      : typeof ready === 'function'
        ? ready()
        : ready);
    if (!headerSafe(token)) throw unusable('auth.token()');
    if (!secrets.includes(token)) secrets.push(token);
    return token;
  };
  /**
   * A token can be revoked or expire early: an OAuth client renews it once per request after a 401 (a second 401 is
   * the answer). `invalidate` is queued on the same promise as the next `get`, so it always lands first.
   */
  const renewToken =
    auth.type === 'oauth'
      ? (rejected: string | null) => {
          tokenSource().then((s) => s.invalidate(rejected));
          return tokenOf();
        }
      : undefined;

  // `raw` is openapi-fetch's client for this API; it and openapi-fetch load from their own entry on its first call,
  // so that a client that never uses them does not carry them. Middleware added before that waits in `queued`.
  const queued: Middleware[] = [];
  let rawClient: Client<paths> | undefined;
  let rawLoading: Promise<Client<paths>> | undefined;
  const setup: RawClientSetup = { baseUrl, headers, fetch: currentFetch, middleware: queued };
  if (!basic) Object.assign(setup, { tokenHeader: OAUTH_TOKEN_HEADER, token: tokenOf, renewToken });
  const raw = {
    use: (...middleware: Middleware[]) => (rawClient ? rawClient.use(...middleware) : void queued.push(...middleware)),
    eject: (...middleware: Middleware[]) =>
      rawClient
        ? rawClient.eject(...middleware)
        : void queued.splice(0, queued.length, ...queued.filter((m) => !middleware.includes(m))),
  } as Client<paths>;
  for (const method of ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', 'request'])
    (raw as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      rawLoading ??= import('@target-groups/client/raw').then((entry) => (rawClient = entry.createRawClient(setup)));
      return ((await rawLoading) as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!(...args);
    };

  // One ticker per client aborts the calls whose deadline has passed: far cheaper per call than a timer each. It
  // ticks at a twentieth of timeoutMs (10..250 ms), so a timeout fires at most that late, and stops when idle.
  const inflight = new Set<{ deadline: number; expire(): void }>();
  let ticker: ReturnType<typeof setInterval> | undefined;
  const tick = () => {
    const now = Date.now();
    for (const call of inflight) if (now >= call.deadline) call.expire();
    if (!inflight.size) ticker = void clearInterval(ticker);
  };
  const watch = (call: { deadline: number; expire(): void }) => {
    inflight.add(call);
    if (!ticker) {
      ticker = setInterval(tick, Math.min(250, Math.max(10, timeoutMs / 20)));
      (ticker as { unref?: () => void }).unref?.();
    }
  };

  /**
   * Sends the request (retrying when `retrying`) and returns the final answer, its body read. Everything that is not
   * an answer becomes a TargetGroupsApiError.
   */
  async function exchange(userId: number | string, call: GetTargetGroupsOptions, retrying: boolean) {
    const { includeInactive, includeInactiveTargets, targetRuleId, signal: callerSignal } = call;
    if (
      !(typeof userId === 'number'
        ? Number.isSafeInteger(userId) && userId > 0
        : /^[1-9]\d{0,18}$/.test(String(userId))) ||
      ![includeInactive, includeInactiveTargets].every((flag) => flag === undefined || typeof flag === 'boolean') ||
      !(targetRuleId === undefined || Number.isSafeInteger(targetRuleId))
    ) {
      throw invalidArgument(
        `getTargetGroups: userId must be a positive integer, targetRuleId an integer, the flags booleans; got ${JSON.stringify({ userId, includeInactive, includeInactiveTargets, targetRuleId })}`,
      );
    }
    checkHeaders('getTargetGroups', call.headers);
    // Only the parameters that are set, as openapi-fetch would serialize them (form style); each is a boolean or an
    // integer, which need no encoding.
    const query = Object.entries({ includeInactive, includeInactiveTargets, targetRuleId })
      .filter((entry) => entry[1] !== undefined)
      .map(([name, value]) => `${name}=${value}`)
      .join('&');
    const url = `${baseUrl}/v3/users/${userId}/targetGroups${query && `?${query}`}`;
    const requestHeaders = new Headers(headers);
    for (const name in call.headers) requestHeaders.set(name, call.headers[name]!);
    const controller = new AbortController();
    let timedOut = false;
    const stopped = (attempts: number, cause?: unknown) =>
      timedOut
        ? new TargetGroupsApiError(`No complete answer within ${timeoutMs} ms, ${attempts} attempt(s)`, {
            kind: 'timeout',
            attempts,
          })
        : new TargetGroupsApiError('Aborted by the caller', {
            kind: 'aborted',
            attempts,
            cause: callerSignal?.reason ?? cause,
          });
    if (callerSignal?.aborted) throw stopped(0);
    const deadline = timeoutMs ? Date.now() + timeoutMs : Infinity;
    const watched = {
      deadline,
      expire() {
        timedOut = true;
        controller.abort();
      },
    };
    if (timeoutMs) watch(watched);
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', onCallerAbort);

    /** Waits before the next attempt; false when the wait would not end before the deadline. */
    const pause = async (delay: number, attempt: number) => {
      if (delay > retry.maxDelayMs || Date.now() + delay >= deadline) return false;
      await new Promise<void>((resolve, reject) => {
        const wake = setTimeout(resolve, delay);
        controller.signal.addEventListener('abort', () => {
          clearTimeout(wake);
          reject(stopped(attempt));
        });
      });
      return true;
    };

    try {
      for (let attempt = 1; ; attempt++) {
        let answered: Response | undefined;
        let text = '';
        let sent = false;
        let response: Response;
        try {
          // `redirect: 'manual'` goes with every request: see refuseRedirect. A Request goes to `fetch` (a caller's
          // `fetch` sees what openapi-fetch would hand it), the signal beside it rather than in it, so that it is
          // followed once.
          const send = async (token?: string) => {
            if (token) requestHeaders.set(OAUTH_TOKEN_HEADER, token);
            sent = true;
            const request = new Request(url, { headers: requestHeaders, redirect: 'manual' });
            const answer = await currentFetch()(request, { signal: controller.signal });
            refuseRedirect(answer, url);
            return answer;
          };
          // Waiting for a token shared by many calls stops at once on abort.
          const token = basic ? undefined : await raceAbort(tokenOf(), controller.signal);
          response = await send(token);
          if (response.status === 401 && renewToken) {
            await response.body?.cancel();
            response = await send(await raceAbort(renewToken(token!), controller.signal));
          }
          answered = response;
          // A 2xx body whose length is announced within the limit is read at once; any other streams through the
          // size check.
          text = await (response.ok && announcedWithin(response, maxResponseBytes)
            ? response.text()
            : readText(response, maxResponseBytes, undefined, attempt));
        } catch (cause) {
          if (controller.signal.aborted) throw stopped(attempt, cause);
          // Token generation failed, or the caller's token function threw: nothing was sent.
          if (cause instanceof TargetGroupsApiError || !sent) throw cause;
          if (answered) {
            envelopeData(
              answered.status,
              { problem: CUT_SHORT },
              { requestId: requestIdOf(answered), attempts: attempt, cause },
            );
          }
          if (
            attempt < retry.attempts &&
            retrying &&
            (await pause(backoffDelay(attempt, retry.baseDelayMs, retry.maxDelayMs), attempt))
          )
            continue;
          throw new TargetGroupsApiError(`Network error, ${attempt} attempt(s): ${errorText(cause)}`, {
            kind: 'network',
            attempts: attempt,
            cause,
          });
        }
        const retryAfterMs = RETRY_STATUSES.includes(response.status)
          ? parseRetryAfter(response.headers.get('retry-after'))
          : undefined;
        if (
          retrying &&
          attempt < retry.attempts &&
          RETRY_STATUSES.includes(response.status) &&
          (await pause(retryAfterMs ?? backoffDelay(attempt, retry.baseDelayMs, retry.maxDelayMs), attempt))
        ) {
          continue;
        }
        if (onDeprecation && ['deprecation', 'sunset', 'link'].some((name) => response.headers.has(name)))
          import('@target-groups/client/deprecation-headers')
            .then(({ deprecationOf }) => {
              const notice = deprecationOf(response.headers);
              if (notice && !noticed.has(notice[0]) && noticed.add(notice[0]))
                onDeprecation({ ...notice[1], requestId: requestIdOf(response) });
            })
            .catch(console.warn);
        return {
          response,
          text,
          attempts: attempt,
          retryAfterMs,
        };
      }
    } finally {
      inflight.delete(watched);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return {
    async getTargetGroups(userId, call = {}) {
      // fetchRaw stays silent: it serves contract checks and debugging, which call the operation on purpose.
      if (options.deprecationWarning !== false) warnDeprecatedOnce();
      const { response, text, attempts, retryAfterMs } = await exchange(userId, call, true);
      const parsed = parseBody(text);
      const requestId = requestIdOf(response);
      const result = envelopeData(response.status, parsed, {
        requestId,
        attempts,
        retryAfterMs,
        text,
        headers: response.headers,
        secrets,
      }) as UserTargetGroups;
      const warnings = (parsed.body as { warnings?: unknown }).warnings;
      if (Array.isArray(warnings) && warnings.length) options.onWarnings?.(warnings, requestId);
      if (drift && Math.random() < drift.sampleRate) {
        observeDrift ??= import('@target-groups/client/drift').then((monitor) => monitor.createDriftMonitor(drift));
        observeDrift.then(
          (observe) => observe(text, response.status, requestId),
          (error) => (drift.onError ?? console.warn)(error),
        );
      }
      return result;
    },
    async fetchRaw(userId, call = {}) {
      const { response, text } = await exchange(userId, call, false);
      return {
        status: response.status,
        headers: response.headers,
        text,
        requestId: requestIdOf(response),
      };
    },
    raw,
    baseUrl,
  };
}
