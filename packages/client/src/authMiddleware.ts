// The auth part of the client's middleware: the Basic header, or the token (OAuth or ready) in
// X-CAP-API-OAUTH-TOKEN; an OAuth token rejected with a 401 is renewed once per request. It also keeps the list of
// everything secret it sent, so that no error excerpt or drift capture quotes it back.
import {
  OAUTH_TOKEN_HEADER,
  TOKEN_PATH,
  type TargetGroupsAuth,
  basicAuthorization,
  raceAbort,
  secretsOf,
} from './auth.js';
import { aborted } from './errors.js';
import type { TokenSource } from './oauth.js';
import { type TransportSettings, unusable } from './settings.js';
import { callStartOf, noteCallStart } from './targetGroupsFetch.js';
import { headerSafe } from './transport.js';

export interface Authentication {
  /** Everything secret sent so far, in every form a body could echo it (tokens join as they become known). */
  readonly secrets: string[];
  /** Whether a 401 answer can be worth a second request (OAuth: the token is renewed). */
  readonly renews: boolean;
  /**
   * Puts the credentials into `request`: at once (Basic), or once the token is known (the caller's signal ends the
   * wait), when it returns a promise.
   */
  apply(request: Request, baseUrl: string): Promise<void> | undefined;
  /** For a 401 to a request with an OAuth token: the same request with a renewed token; otherwise undefined. */
  renewed(request: Request, response: Response): Promise<Request | undefined>;
}

/** `auth` (already checked) as the client's middleware applies it; the OAuth token request uses `transport`. */
export function createAuthentication(
  auth: TargetGroupsAuth,
  transport: TransportSettings,
  userAgent: string,
): Authentication {
  const authorization = auth.type === 'basic' ? basicAuthorization(auth) : undefined;
  const secrets = secretsOf(auth, authorization);

  // The OAuth token source loads on the first call (from an entry of its own), for the first call's base URL.
  let source: Promise<TokenSource> | undefined;
  const loadTokenSource = (baseUrl: string, oauth: { key: string; secret: string }) =>
    (source ??= import('@target-groups/client/oauth').then((entry) =>
      entry.oauthTokenSource({
        url: baseUrl + TOKEN_PATH,
        credentials: { key: oauth.key, secret: oauth.secret },
        transport,
        userAgent,
      }),
    ));
  /** The token for the next request (OAuth or ready), checked before it goes into a header. */
  const tokenOf = async (): Promise<string> => {
    const token = await (auth.type === 'token'
      ? typeof auth.token === 'function'
        ? auth.token()
        : auth.token
      : source!.then((s) => s.get()));
    if (!headerSafe(token)) throw unusable('auth.token()');
    if (!secrets.includes(token)) secrets.push(token);
    return token;
  };
  const wait = async <T>(request: Request, promise: Promise<T>): Promise<T> => {
    try {
      return await raceAbort(promise, request.signal);
    } catch (cause) {
      if (request.signal?.aborted) throw aborted(request.signal.reason);
      throw cause;
    }
  };

  return {
    secrets,
    renews: auth.type === 'oauth',
    apply(request, baseUrl) {
      if (authorization) return void request.headers.set('Authorization', authorization);
      if (auth.type === 'oauth') loadTokenSource(baseUrl, auth);
      return wait(request, tokenOf()).then((token) => request.headers.set(OAUTH_TOKEN_HEADER, token));
    },
    async renewed(request, response) {
      if (response.status !== 401 || auth.type !== 'oauth' || !source) return undefined;
      const rejected = request.headers.get(OAUTH_TOKEN_HEADER);
      // `invalidate` is queued on the same promise as the next `get`, so it always lands first.
      source.then((s) => s.invalidate(rejected));
      const again = new Request(request);
      const started = callStartOf(request);
      if (started !== undefined) noteCallStart(again, started);
      again.headers.set(OAUTH_TOKEN_HEADER, await wait(request, tokenOf()));
      return again;
    },
  };
}
