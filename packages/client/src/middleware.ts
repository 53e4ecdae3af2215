// The client's behaviour as one openapi-fetch middleware: auth on the way out; on the way back an OAuth token
// renewed after a 401, the vendor's deprecation signals and drift sampling; and a fault of `fetch` mapped to a
// TargetGroupsApiError. `createTargetGroupsClient` keeps it innermost (next to `fetch`); a client of your own
// registers it with `client.use(createTargetGroupsMiddleware({ auth }))`.
import type { Middleware } from 'openapi-fetch';
import { checkAuth, type TargetGroupsAuth } from './auth.js';
import { type Authentication, createAuthentication } from './authMiddleware.js';
import { type DeprecationNotice, deprecationSignals } from './deprecation.js';
import { checkDrift, type DriftOptions } from './driftOptions.js';
import { createDriftSampler, type DriftControl } from './driftSampling.js';
import { toApiError } from './errors.js';
import { type TransportOptions, type TransportSettings, transportSettings } from './settings.js';
import { callStartOf, noteCallStart } from './targetGroupsFetch.js';

declare const __CLIENT_VERSION__: string;

export const DEFAULT_USER_AGENT = `target-groups-client/${__CLIENT_VERSION__}`;

export interface TargetGroupsMiddlewareOptions extends TransportOptions {
  auth: TargetGroupsAuth;
  /** `User-Agent` of the OAuth token request (default `target-groups-client/<version>`). */
  userAgent?: string;
  /** Checks a sampled share of successful answers against the contract (see the README's "Drift signals"). */
  drift?: DriftOptions;
  /** Called once per distinct notice when an answer carries `Deprecation`, `Sunset` or a successor `Link`. */
  onDeprecation?: (notice: DeprecationNotice) => void;
}

/** One openapi-fetch middleware (`onResponse` only where an answer is looked at), and the drift sampler's `flush()`. */
export type TargetGroupsMiddleware = Required<Omit<Extract<Middleware, { onRequest: unknown }>, 'onResponse'>> &
  Pick<Middleware, 'onResponse'> & {
    /** `flush()` resolves once every sampled answer is checked and written. */
    readonly drift: DriftControl;
  };

export interface MiddlewareParts {
  authentication: Authentication;
  drift?: DriftOptions;
  onDeprecation?: (notice: DeprecationNotice) => void;
}

/** The middleware of already checked parts (the client's, which shares `authentication` with its methods). */
export function assembleMiddleware({ authentication, drift, onDeprecation }: MiddlewareParts): TargetGroupsMiddleware {
  const sampler = createDriftSampler(drift, authentication.secrets);
  const deprecation = onDeprecation && deprecationSignals(onDeprecation);
  /** Tells the deprecation and drift parts about the final answer. */
  const observe = (answer: Response, schemaPath: string) => {
    deprecation?.(answer);
    sampler.observe(answer, schemaPath);
    return answer;
  };
  const middleware: TargetGroupsMiddleware = {
    drift: { flush: sampler.flush },
    // Both hooks return at once unless they have to wait (for a token, or a renewed answer): they run for every call.
    onRequest({ request, options }) {
      const waiting = authentication.apply(request, options.baseUrl);
      if (!waiting) return;
      // The call's deadline counts from here, the wait for a token included (see ./targetGroupsFetch.ts).
      if (callStartOf(request) === undefined) noteCallStart(request);
      return waiting.then(() => request);
    },
    onError({ error, request }) {
      return toApiError(error, request.signal);
    },
  };
  // An answer is looked at only by a client that renews OAuth tokens, samples for drift or listens for deprecation:
  // without the hook, openapi-fetch does not wait for it.
  if (authentication.renews || drift || deprecation)
    middleware.onResponse = ({ request, response, options, schemaPath }) => {
      if (response.status !== 401) return void observe(response, schemaPath);
      return authentication.renewed(request, response).then(async (again) => {
        if (!again) return observe(response, schemaPath);
        await response.body?.cancel();
        return observe(await options.fetch(again), schemaPath);
      });
    };
  return middleware;
}

/**
 * The client's middleware for a client of your own, with the fetch wrapper:
 * `createClient<paths>({ baseUrl, fetch: createTargetGroupsFetch() })`, then `client.use(createTargetGroupsMiddleware({ auth }))`.
 * `timeoutMs`, `retry`, `maxResponseBytes` and `fetch` apply to the OAuth token request.
 */
export function createTargetGroupsMiddleware(options: TargetGroupsMiddlewareOptions): TargetGroupsMiddleware {
  const where = 'createTargetGroupsMiddleware';
  checkAuth(options?.auth, where);
  checkDrift(options.drift, where);
  const transport: TransportSettings = transportSettings(options, where);
  return assembleMiddleware({
    authentication: createAuthentication(options.auth, transport, options.userAgent ?? DEFAULT_USER_AGENT),
    drift: options.drift,
    onDeprecation: options.onDeprecation,
  });
}
