// createTargetGroupsClient: openapi-fetch's client for this API, with the client's behaviour as its middleware
// (./middleware.ts) and its fetch wrapper (./targetGroupsFetch.ts), extended with getTargetGroups and fetchRaw
// (./methods.ts) and the loyalty promotions methods (./promotionsMethods.ts), which go through the same middleware as
// every other call.
import type { WarningItem, paths } from '@target-groups/types';
import type { paths as PromotionsPaths } from '@target-groups/types/promotions';
import * as openapiFetch from 'openapi-fetch';
import type { Client, Middleware } from 'openapi-fetch';
import { checkAuth, type TargetGroupsAuth } from './auth.js';
import { createAuthentication } from './authMiddleware.js';
import type { Cluster } from './clusters.js';
import type { DeprecationNotice } from './deprecation.js';
import { checkDrift, type DriftOptions } from './driftOptions.js';
import type { DriftControl } from './driftSampling.js';
import { targetGroupsMethods, type TargetGroupsMethods } from './methods.js';
import { assembleMiddleware, DEFAULT_USER_AGENT } from './middleware.js';
import type { PromotionsMethods } from './promotionsMethods.js';
import { checkHeaders, resolveBaseUrl, type TransportOptions, transportSettings } from './settings.js';
import { createTransport } from './targetGroupsFetch.js';

// openapi-fetch's CommonJS build sets `exports.default` without `__esModule`, so from our CJS build the default
// import is its exports object; take the function from either shape.
const createClient = ((openapiFetch.default as unknown as { default?: typeof openapiFetch.default }).default ??
  openapiFetch.default) as typeof openapiFetch.default;

interface CommonOptions extends TransportOptions {
  auth: TargetGroupsAuth;
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

/**
 * openapi-fetch's client for this API and its replacement, the loyalty promotions API (`GET`, `use`, `eject`, ...),
 * with the client's base URL, headers, auth, retries and limits, and the client's own methods. Middleware added with
 * `use` runs for every call, these methods' included, around the client's own (which stays next to `fetch`).
 */
export type TargetGroupsClient = Client<paths & PromotionsPaths> &
  TargetGroupsMethods &
  PromotionsMethods & {
    readonly baseUrl: string;
    /** `flush()` resolves once every answer sampled for drift is checked and written. */
    readonly drift: DriftControl;
  };

export function createTargetGroupsClient(options: TargetGroupsClientOptions): TargetGroupsClient {
  const where = 'createTargetGroupsClient';
  const baseUrl = resolveBaseUrl(options ?? {});
  const transport = transportSettings(options, where);
  checkAuth(options.auth, where);
  checkDrift(options.drift, where);
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const headers = { Accept: 'application/json', 'User-Agent': userAgent, ...options.headers };
  checkHeaders(where, headers);

  const { fetch, once } = createTransport(transport);
  const authentication = createAuthentication(options.auth, transport, userAgent);
  const middleware = assembleMiddleware({ authentication, drift: options.drift, onDeprecation: options.onDeprecation });
  // `redirect: 'manual'` goes with every request (the fetch wrapper refuses a redirect answer).
  const client = createClient<paths & PromotionsPaths>({ baseUrl, headers, fetch, redirect: 'manual' });
  // The client's middleware stays innermost, whatever is added later: added middleware sees each request before
  // the credentials go in, and each answer after an OAuth token was renewed.
  const use = client.use;
  client.use = (...added: Middleware[]) => {
    client.eject(middleware);
    use(...added, middleware);
  };
  use(middleware);
  const settings = {
    once,
    secrets: authentication.secrets,
    onWarnings: options.onWarnings,
    deprecationWarning: options.deprecationWarning,
  };
  // The promotions methods load from an entry of their own on their first call: the main entry stays within budget.
  let loaded: Promise<PromotionsMethods> | undefined;
  const promotions = () =>
    (loaded ??= import('@target-groups/client/promotions').then((entry) => entry.promotionsMethods(client, settings)));
  return Object.assign(client, {
    ...targetGroupsMethods(client, settings),
    listPromotions: (query) => promotions().then((p) => p.listPromotions(query)),
    getPromotion: (id, query) => promotions().then((p) => p.getPromotion(id, query)),
    async *iteratePromotions(query) {
      yield* (await promotions()).iteratePromotions(query);
    },
    baseUrl,
    drift: middleware.drift,
  } satisfies Omit<TargetGroupsClient, keyof typeof client>);
}
