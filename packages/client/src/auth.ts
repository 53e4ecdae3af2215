// The credentials the vendor accepts, checked before anything is sent. How they go into a request (and a token is
// renewed) is ./authMiddleware.ts.
import { invalidArgument } from './errors.js';
import { unusable } from './settings.js';
import { headerSafe } from './transport.js';

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

/** Refuses credentials that are missing, malformed or unsendable; the message never quotes a value. */
export function checkAuth(auth: TargetGroupsAuth | undefined, where: string): asserts auth is TargetGroupsAuth {
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
      `${where}: \`auth\` must be { type: 'basic', username, password or passwordMd5 (32 hex digits) }, { type: 'oauth', key, secret } or { type: 'token', token }; got type ${JSON.stringify(a.type)}`,
    );
  }
  // A stray newline (a secret read from a file) or NUL would otherwise surface later, quoted whole in a TypeError.
  for (const field of ['username', 'password', 'key', 'secret', 'token']) {
    const value = a[field];
    if (typeof value === 'string' && !(field === 'token' ? headerSafe(value) : !/[^ -~\x80-\uffff]/.test(value)))
      throw unusable(`auth.${field}`);
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
 * Everything secret that `auth` makes the client send, in every form a body could echo it: the password and its MD5,
 * the Basic header's value, the OAuth key and secret, a ready token. Tokens are added as they become known.
 */
export function secretsOf(auth: TargetGroupsAuth, authorization: string | undefined): string[] {
  return [
    authorization?.slice(6),
    authorization && atob(authorization.slice(6)).split(':').pop(),
    ...['password', 'passwordMd5', 'key', 'secret', 'token'].map(
      (field) => (auth as unknown as Record<string, unknown>)[field],
    ),
  ].filter((value): value is string => typeof value === 'string' && value.length > 3);
}
