// The client's own methods, both calls of openapi-fetch's `GET` (so every middleware sees them): `getTargetGroups`
// turns the answer into the envelope's `data` or a TargetGroupsApiError, `fetchRaw` hands it over as it came.
import type { GetUserTargetGroupsQuery, UserTargetGroups, WarningItem, paths } from '@target-groups/types';
import type { Client } from 'openapi-fetch';
import type { DataScopeOptions } from './dataScope.js';
import { warnDeprecatedOnce } from './deprecation.js';
import { CONNECTED_ORG_TARGET_GROUPS_PATH, TARGET_GROUPS_PATH } from './operationPaths.js';
import { envelopeData, invalidArgument, parseBody, requestIdOf, toApiError, warningItems } from './errors.js';
import { checkHeaders } from './settings.js';
import type { TargetGroupsFetch } from './targetGroupsFetch.js';

export interface GetTargetGroupsOptions extends GetUserTargetGroupsQuery, DataScopeOptions {
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

export interface TargetGroupsMethods {
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
}

export interface MethodSettings {
  /** The fetch wrapper without retries. */
  once: TargetGroupsFetch;
  /** What the client sent that must never be quoted back. */
  secrets: readonly string[];
  onWarnings?: (warnings: WarningItem[], requestId: string | undefined) => void;
  deprecationWarning?: boolean;
}

/** What the fetch wrapper kept of an answer: its body, and how many requests it took. */
interface Buffered {
  bodyText?: string;
  attempts?: number;
  retryAfterMs?: number;
}

/** The final answer of a `parseAs: 'text'` call of openapi-fetch's `GET`, with its body text and attempts. */
export function answerOf({ data, error, response }: { data?: unknown; error?: unknown; response: Response }) {
  const buffered = response as Response & Buffered;
  // The error body as received: the fetch wrapper's copy, unless a middleware replaced the answer.
  const text =
    response.ok || data !== undefined
      ? ((data as string | undefined) ?? '')
      : (buffered.bodyText ?? (typeof error === 'string' ? error : (JSON.stringify(error) ?? '')));
  return { response, text, attempts: buffered.attempts ?? 1, retryAfterMs: buffered.retryAfterMs };
}

let dataScopeRules: Promise<typeof import('./dataScope.js')> | undefined;
const loadDataScopeRules = () => {
  dataScopeRules ??= import('@target-groups/client/data-scope');
  return dataScopeRules;
};

export function targetGroupsMethods(client: Client<paths>, settings: MethodSettings): TargetGroupsMethods {
  /** Sends the call through openapi-fetch; resolves with the final answer and its body text. */
  function send(userId: number | string, call: GetTargetGroupsOptions, once: boolean) {
    const { includeInactive, includeInactiveTargets, targetRuleId, signal, headers } = call;
    if (
      !(typeof userId === 'number'
        ? Number.isSafeInteger(userId) && userId > 0
        : /^[1-9]\d{0,18}$/.test(String(userId))) ||
      !(includeInactive === undefined || typeof includeInactive === 'boolean') ||
      !(includeInactiveTargets === undefined || typeof includeInactiveTargets === 'boolean') ||
      !(targetRuleId === undefined || Number.isSafeInteger(targetRuleId))
    ) {
      throw invalidArgument(
        `getTargetGroups: userId must be a positive integer, targetRuleId an integer, the flags booleans; got ${JSON.stringify({ userId, includeInactive, includeInactiveTargets, targetRuleId })}`,
      );
    }
    if (headers) checkHeaders('getTargetGroups', headers);
    // The data-scope rules load, from an entry of their own, only for a data-scope call; a broken rule rejects.
    const scoped =
      call.dataScope === undefined && call.dataScopeOrgs === undefined
        ? undefined
        : loadDataScopeRules().then((rules) => rules.dataScopeHeaders(call));
    // Only the options given: this runs for every call, and openapi-fetch walks each key it is handed.
    const query: GetUserTargetGroupsQuery = {};
    if (includeInactive !== undefined) query.includeInactive = includeInactive;
    if (includeInactiveTargets !== undefined) query.includeInactiveTargets = includeInactiveTargets;
    if (targetRuleId !== undefined) query.targetRuleId = targetRuleId;
    const init: {
      params: { path: { userId: number }; query: GetUserTargetGroupsQuery };
      parseAs: 'text';
      headers?: Record<string, string>;
      signal?: AbortSignal;
      fetch?: TargetGroupsFetch;
    } = {
      // A userId beyond 2^53 is passed as its digits; openapi-fetch writes it into the path as it is.
      params: { path: { userId: userId as number }, query },
      parseAs: 'text',
    };
    if (headers) init.headers = headers;
    if (signal) init.signal = signal;
    if (once) init.fetch = settings.once;
    // A data scope is the connected-organisations operation: its own path, the same answer.
    const sent = scoped
      ? scoped.then((header) =>
          client.GET(CONNECTED_ORG_TARGET_GROUPS_PATH, { ...init, params: { ...init.params, header } }),
        )
      : client.GET(TARGET_GROUPS_PATH, init);
    return sent.then(answerOf, (cause: unknown) => {
      throw toApiError(cause, signal);
    });
  }

  return {
    async getTargetGroups(userId, call = {}) {
      // Only the v3 path is deprecated by the vendor. fetchRaw stays silent: it serves contract checks and debugging,
      // which call the operation on purpose.
      if (settings.deprecationWarning !== false && call.dataScope === undefined) warnDeprecatedOnce();
      const { response, text, attempts, retryAfterMs } = await send(userId, call, false);
      const parsed = parseBody(text);
      const result = envelopeData(response.status, parsed, () => ({
        requestId: requestIdOf(response),
        attempts,
        retryAfterMs,
        text,
        headers: response.headers,
        secrets: settings.secrets,
      })) as UserTargetGroups;
      const listed = (parsed.body as { warnings?: unknown }).warnings;
      if (settings.onWarnings && Array.isArray(listed) && listed.length)
        settings.onWarnings(warningItems(listed, settings.secrets), requestIdOf(response));
      return result;
    },
    async fetchRaw(userId, call = {}) {
      const { response, text } = await send(userId, call, true);
      return { status: response.status, headers: response.headers, text, requestId: requestIdOf(response) };
    },
  };
}
