// `client.raw`: openapi-fetch's client for this API, an entry of its own (`@target-groups/client/raw`) that the main
// entry loads on raw's first call, so that a client that only calls getTargetGroups carries neither it nor
// openapi-fetch.
import * as openapiFetch from 'openapi-fetch';
import type { Client, Middleware } from 'openapi-fetch';
import type { paths } from '@target-groups/types';

// openapi-fetch's CommonJS build sets `exports.default` without `__esModule`, so from our CJS build the default
// import is its exports object; take the function from either shape.
const createClient = ((openapiFetch.default as unknown as { default?: typeof openapiFetch.default }).default ??
  openapiFetch.default) as typeof openapiFetch.default;

/** What the main entry hands over: the client's own settings and token functions, shared with getTargetGroups. */
export interface RawClientSetup {
  baseUrl: string;
  /** `Accept`, `User-Agent`, the client's `headers` and, with Basic auth, `Authorization`. */
  headers: Record<string, string>;
  fetch: () => typeof globalThis.fetch;
  /** Middleware added with `raw.use()` before this entry loaded. */
  middleware: Middleware[];
  tokenHeader?: string;
  /** The token for the next request (OAuth or ready token), from the same cache as getTargetGroups'. */
  token?: () => Promise<string>;
  /** Drops a rejected OAuth token and returns a new one. */
  renewToken?: (rejected: string | null) => Promise<string>;
}

export function createRawClient({
  baseUrl,
  headers,
  fetch,
  middleware,
  tokenHeader,
  token,
  renewToken,
}: RawClientSetup): Client<paths> {
  // `redirect: 'manual'` goes with every request: a redirect is handed over as it is, never followed with the
  // credentials (the README's "Redirects and size limit").
  const client = createClient<paths>({
    baseUrl,
    headers,
    redirect: 'manual',
    fetch: (request: Request) => fetch()(request),
  });
  if (token && tokenHeader) {
    client.use({
      async onRequest({ request }) {
        request.headers.set(tokenHeader, await token());
        return request;
      },
      async onResponse({ request, response, options }) {
        // A rejected OAuth token is renewed once per request; a second 401 is the answer.
        if (response.status !== 401 || !renewToken) return undefined;
        const again = new Request(request);
        again.headers.set(tokenHeader, await renewToken(request.headers.get(tokenHeader)));
        await response.body?.cancel();
        return options.fetch(again);
      },
    });
  }
  client.use(...middleware);
  return client;
}
