import { CUT_SHORT, TargetGroupsApiError, envelopeData, errorText, invalidArgument, parseBody } from './errors.js';

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
    throw invalidArgument('basic auth: no MD5 in this runtime (a browser?); pass `passwordMd5` (see the README)');
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
      `createTargetGroupsClient: \`auth\` must be { type: 'basic', username, password } (or passwordMd5: 32 hex digits), { type: 'oauth', key, secret } or { type: 'token', token }; got type ${JSON.stringify(a.type)}`,
    );
  }
}

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

/**
 * Generates OAuth access tokens and caches each until shortly before it expires. Concurrent callers share one
 * token request; `invalidate` drops a token the API rejected.
 */
export class OAuthTokenSource {
  private token: string | undefined;
  private refreshAt = 0;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly url: string,
    private readonly credentials: { key: string; secret: string },
    private readonly fetch: () => typeof globalThis.fetch,
    private readonly headers: Record<string, string>,
    private readonly timeoutMs: number,
  ) {}

  /** The cached token, or the one being generated (callers stop waiting on their own signal). */
  get(): Promise<string> {
    if (this.token && Date.now() < this.refreshAt) return Promise.resolve(this.token);
    this.pending ??= this.generate().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets `token` if it is still the cached one. */
  invalidate(token: string | null): void {
    if (token === this.token) this.refreshAt = 0;
  }

  private async generate(): Promise<string> {
    const operation = 'generateToken';
    // The token request is shared by every waiting call, so it has its own deadline rather than one caller's signal.
    const signal = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await this.fetch()(this.url, {
        method: 'POST',
        headers: { ...this.headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(this.credentials),
        signal,
      });
    } catch (cause) {
      throw signal.aborted
        ? new TargetGroupsApiError(`OAuth token request failed: no answer within ${this.timeoutMs} ms`, {
            kind: 'timeout',
            operation,
            attempts: 1,
          })
        : new TargetGroupsApiError(`OAuth token request failed: ${errorText(cause)}`, {
            kind: 'network',
            operation,
            attempts: 1,
            cause,
          });
    }
    const meta = { operation, requestId: response.headers.get('x-cap-requestid') ?? undefined, attempts: 1 } as const;
    try {
      text = await response.text();
    } catch (cause) {
      return envelopeData(response.status, { problem: CUT_SHORT }, { ...meta, cause }) as never;
    }
    const data = envelopeData(response.status, parseBody(text), meta) as {
      accessToken?: unknown;
      ttlSeconds?: unknown;
    };
    if (!filled(data.accessToken)) envelopeData(response.status, { problem: 'data has no accessToken' }, meta);
    const ttlMs = (typeof data.ttlSeconds === 'number' && data.ttlSeconds > 0 ? data.ttlSeconds : 300) * 1000;
    // Renew ahead of expiry (a tenth of the lifetime, at most 30 s) so that a token never expires in flight.
    this.refreshAt = Date.now() + ttlMs - Math.min(30_000, ttlMs / 10);
    this.token = data.accessToken as string;
    return this.token;
  }
}
