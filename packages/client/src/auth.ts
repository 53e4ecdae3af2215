import {
  CUT_SHORT,
  TargetGroupsApiError,
  envelopeData,
  errorText,
  invalidArgument,
  parseBody,
  requestIdOf,
} from './errors.js';
import { backoffDelay, headerSafe, readText, refuseRedirect } from './transport.js';

/** Till credentials. The password is sent as its MD5 hex digest, as the vendor requires. */
export type BasicAuth =
  | { type: 'basic'; username: string; password: string; passwordMd5?: never }
  /** `passwordMd5`: the password's MD5 hex digest, for runtimes without MD5 (browsers) or callers that never hold the password. */
  | { type: 'basic'; username: string; passwordMd5: string; password?: never };

/** OAuth client credentials: the client generates, caches and refreshes the access token. */
export interface OAuthAuth {
  type: 'oauth';
  key: string;
  secret: string;
}

/** A ready access token, or a function that returns a current one (called before every request). */
export interface TokenAuth {
  type: 'token';
  token: string | (() => string | Promise<string>);
}

export type TargetGroupsAuth = BasicAuth | OAuthAuth | TokenAuth;

export const OAUTH_TOKEN_HEADER = 'X-CAP-API-OAUTH-TOKEN';
export const TOKEN_PATH = '/v3/oauth/token/generate';

interface NodeCrypto {
  createHash(algorithm: 'md5'): { update(data: string, encoding: 'utf8'): { digest(encoding: 'hex'): string } };
}

/**
 * MD5 hex digest from the runtime's own crypto: `node:crypto` (Node 20.16+, Deno, Bun), reached through
 * `process.getBuiltinModule` so that the bundle imports nothing Node-specific and ships no MD5 code. WebCrypto has
 * no MD5, so in browsers this is undefined and the caller passes `passwordMd5` instead.
 */
export function md5Hex(text: string): string | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const crypto = proc?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
  return crypto?.createHash('md5').update(text, 'utf8').digest('hex');
}

/** `Basic base64(username + ":" + md5hex(password))` */
export function basicAuthorization(auth: BasicAuth): string {
  const digest = auth.passwordMd5 ?? md5Hex(auth.password);
  if (!digest) {
    throw invalidArgument('basic auth: no MD5 in this runtime (a browser?); pass `passwordMd5`');
  }
  let binary = '';
  for (const byte of new TextEncoder().encode(`${auth.username}:${digest.toLowerCase()}`))
    binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

const filled = (value: unknown): boolean => typeof value === 'string' && value !== '';

export function checkAuth(auth: TargetGroupsAuth | undefined): asserts auth is TargetGroupsAuth {
  const a = (auth ?? {}) as Record<string, unknown>;
  const valid =
    a.type === 'basic'
      ? filled(a.username) &&
        (a.passwordMd5 === undefined
          ? filled(a.password)
          : a.password === undefined && /^[0-9a-f]{32}$/i.test(String(a.passwordMd5)))
      : a.type === 'oauth'
        ? filled(a.key) && filled(a.secret)
        : a.type === 'token' && (filled(a.token) || typeof a.token === 'function');
  if (!valid) {
    throw invalidArgument(
      `createTargetGroupsClient: \`auth\` must be { type: 'basic', username, password or passwordMd5 (32 hex digits) }, { type: 'oauth', key, secret } or { type: 'token', token }; got type ${JSON.stringify(a.type)}`,
    );
  }
  // A stray newline (a secret read from a file) or NUL would otherwise surface later, quoted whole in a TypeError.
  for (const field of ['username', 'password', 'key', 'secret', 'token']) {
    const value = a[field];
    if (typeof value === 'string' && !(field === 'token' ? headerSafe(value) : !/[^ -~\x80-\uffff]/.test(value)))
      throw unusable(`auth.${field}`);
  }
}

/** A credential that cannot be sent as it is; the message names where it came from, never its value. */
export const unusable = (what: string): TargetGroupsApiError =>
  invalidArgument(
    `${what} holds a control character (CR, LF, NUL...) or, in a header, one past U+00FF; value not shown`,
  );

/** Rejects as soon as `signal` aborts, without cancelling `promise` (other callers may share it). */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | null | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export interface TokenSourceOptions {
  url: string;
  credentials: { key: string; secret: string };
  fetch: () => typeof globalThis.fetch;
  headers: Record<string, string>;
  timeoutMs: number;
  maxResponseBytes: number;
  retry: { attempts: number; baseDelayMs: number; maxDelayMs: number };
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
export function oauthTokenSource({
  url,
  credentials,
  fetch,
  headers,
  timeoutMs,
  maxResponseBytes,
  retry,
}: TokenSourceOptions): TokenSource {
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
    refuseRedirect(response, url, operation);
    const meta = { operation, requestId: requestIdOf(response), attempts: attempt } as const;
    let text: string;
    try {
      text = await readText(response, maxResponseBytes, operation, attempt);
    } catch (cause) {
      if (cause instanceof TargetGroupsApiError) throw cause;
      return envelopeData(response.status, { problem: CUT_SHORT }, { ...meta, cause }) as never;
    }
    const data = envelopeData(response.status, parseBody(text), meta) as {
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
