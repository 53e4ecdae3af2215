// The loyalty promotions methods (GET /v3/promotions and GET /v3/promotions/{promotionId}, spec/promotions.yaml),
// calls of openapi-fetch's `GET` like getTargetGroups, so every middleware sees them: each answer becomes the
// envelope's `data` or a TargetGroupsApiError. An entry of its own, loaded on the first promotions call, so that the
// main entry stays within its size budget.
import type { paths } from '@target-groups/types';
import type { ErrorItem, Promotion, paths as PromotionsPaths, WarningItem } from '@target-groups/types/promotions';
import type { Client } from 'openapi-fetch';
import {
  type AnswerMeta,
  aborted,
  envelopeData,
  isObject,
  parseBody,
  requestIdOf,
  TargetGroupsApiError,
  type TargetGroupsApiErrorInit,
  type TargetGroupsOperation,
  toApiError,
  vendorItems,
  warningItems,
} from './errors.js';
import { answerOf } from './methods.js';
import {
  type CallOptions,
  DEFAULT_PAGE_SIZE,
  FIRST_PAGE,
  type GetPromotionOptions,
  type IteratePromotionsOptions,
  type ListPromotionsOptions,
  listQuery,
  maxPagesOf,
  promotionQuery,
} from './promotionsArguments.js';

export type {
  GetPromotionOptions,
  IteratePromotionsOptions,
  ListPromotionsOptions,
} from './promotionsArguments.js';

/** openapi-fetch's client for both APIs: the target-groups paths and the promotions paths. */
export type PromotionsClient = Client<paths & PromotionsPaths>;

/** One page of `GET /v3/promotions`. */
export interface PromotionsPage {
  /** The promotions of this page, in the vendor's order: the envelope's `data` (empty past the last page). */
  data: Promotion[];
  /**
   * The envelope's `errors` beside a non-empty `data` (a partial answer), empty when there are none; a page with
   * errors and no promotions is an `api` error instead. Items that are not `{ code, message }` objects are left out.
   */
  errors: ErrorItem[];
  /** The envelope's `warnings` (empty when there are none). */
  warnings: WarningItem[];
  /** This page's index (0 is the first) and size: as requested, else the contract's defaults (0 and 10). */
  page: number;
  size: number;
  /** Whether no page follows: this one holds fewer than `size` promotions (the contract's rule for the last page). */
  last: boolean;
  /** The `X-Cap-Requestid` header of the answer. */
  requestId: string | undefined;
}

export interface PromotionsMethods {
  /**
   * One page of the organisation's loyalty promotions. Throws `TargetGroupsApiError` for a non-2xx status, a 2xx
   * with `errors` and no promotions, a `data` that is not an array of promotions (objects with a `metadata` object),
   * a fault, or a bad argument.
   */
  listPromotions(options?: ListPromotionsOptions): Promise<PromotionsPage>;
  /**
   * One loyalty promotion (the envelope's `data`); throws `TargetGroupsApiError` as `getTargetGroups` does, and
   * `invalid-body` for a `data` without a `metadata` object.
   */
  getPromotion(promotionId: string, options?: GetPromotionOptions): Promise<Promotion>;
  /**
   * Every promotion from `page` on, page by page (`size` per request, default 10), up to the last page: the first
   * with fewer than `size` promotions. Ends with a `pagination` error when a full page brings no promotion not
   * already read (the server ignores `page`), when a page holds more than `size` (the server ignores `size`), or
   * after `maxPages` pages; and with `aborted` when `signal` fires, between pages as well as during a request.
   */
  iteratePromotions(options?: IteratePromotionsOptions): AsyncGenerator<Promotion, void, undefined>;
}

export interface PromotionsSettings {
  /** What the client sent that must never be quoted back. */
  secrets: readonly string[];
  onWarnings?: (warnings: WarningItem[], requestId: string | undefined) => void;
}

const LIST_PATH = '/v3/promotions';
const PROMOTION_PATH = '/v3/promotions/{promotionId}';
// The contract's `status` is `style: form, explode: false`: one parameter, comma-separated.
const QUERY_SERIALIZER = { array: { style: 'form', explode: false } } as const;

/** The `invalid-body` or `pagination` error of a promotions call, with what is known of its answer. */
const promotionsError = (
  kind: 'invalid-body' | 'pagination',
  message: string,
  fields: Omit<TargetGroupsApiErrorInit, 'kind'> = {},
) => new TargetGroupsApiError(message, { operation: 'listPromotions', ...fields, kind });

/** A promotion as the contract requires it: an object with a `metadata` object (the other members are optional). */
const isPromotion = (value: unknown): value is Promotion => isObject(value) && isObject(value.metadata);

export function promotionsMethods(client: PromotionsClient, settings: PromotionsSettings): PromotionsMethods {
  /** openapi-fetch's options of one call: only those given. */
  function init<P>(params: P, { signal, headers }: CallOptions) {
    const call: {
      params: P;
      parseAs: 'text';
      querySerializer: typeof QUERY_SERIALIZER;
      signal?: AbortSignal;
      headers?: Record<string, string>;
    } = { params, parseAs: 'text', querySerializer: QUERY_SERIALIZER };
    if (signal) call.signal = signal;
    if (headers) call.headers = headers;
    return call;
  }

  /** The parsed answer of a call and what describes it; a fault becomes this operation's TargetGroupsApiError. */
  async function answer(
    operation: TargetGroupsOperation,
    sent: Promise<{ data?: unknown; error?: unknown; response: Response }>,
    signal: AbortSignal | undefined,
  ) {
    const { response, text, attempts, retryAfterMs } = await sent.then(answerOf, (cause: unknown) => {
      throw toApiError(cause, signal, operation);
    });
    const parsed = parseBody(text);
    const requestId = requestIdOf(response);
    const meta = (): AnswerMeta => ({
      operation,
      requestId,
      attempts,
      retryAfterMs,
      text,
      headers: response.headers,
      secrets: settings.secrets,
    });
    const envelope = parsed.body as { data?: unknown; errors?: unknown; warnings?: unknown } | null | undefined;
    const warnings = warningItems(envelope?.warnings, settings.secrets);
    return { status: response.status, parsed, envelope, warnings, requestId, attempts, meta };
  }

  /** A successful answer's warnings, which must not vanish unseen (a failed one's are in its error). */
  const reportWarnings = (warnings: WarningItem[], requestId: string | undefined) => {
    if (warnings.length) settings.onWarnings?.(warnings, requestId);
  };

  async function listPromotions(options: ListPromotionsOptions = {}): Promise<PromotionsPage> {
    const operation = 'listPromotions';
    const query = listQuery(operation, options);
    const { status, parsed, envelope, warnings, requestId, attempts, meta } = await answer(
      operation,
      client.GET(LIST_PATH, init({ query }, options)),
      options.signal,
    );
    const data = envelope?.data;
    const fields = { status, requestId, attempts, warnings };
    const requestIdNote = requestId ? ` (request id ${requestId})` : '';
    const ok = status >= 200 && status < 300;
    // A 2xx with errors and no promotions is the vendor's failure (as a 200 with errors and no data is for
    // getTargetGroups), not an empty last page.
    const reportsErrors = Array.isArray(envelope?.errors) && envelope.errors.length > 0;
    if (!(ok && Array.isArray(data) && !Array.isArray(envelope) && (data.length > 0 || !reportsErrors))) {
      // Every other answer is described as getTargetGroups describes it (an empty list beside errors as no data);
      // a 2xx whose `data` is an object is not a page.
      envelopeData(status, Array.isArray(data) ? { body: { ...envelope, data: null } } : parsed, meta);
      throw promotionsError(
        'invalid-body',
        `HTTP ${status}: data is not an array of promotions${requestIdNote}`,
        fields,
      );
    }
    if (!data.every(isPromotion))
      throw promotionsError(
        'invalid-body',
        `HTTP ${status}: data holds an item that is not a promotion (an object with a metadata object)${requestIdNote}`,
        fields,
      );
    reportWarnings(warnings, requestId);
    const size = query.size ?? DEFAULT_PAGE_SIZE;
    return {
      data,
      errors: vendorItems(envelope?.errors, settings.secrets),
      warnings,
      page: query.page ?? FIRST_PAGE,
      size,
      last: data.length < size,
      requestId,
    };
  }

  return {
    listPromotions,
    async getPromotion(promotionId, options = {}) {
      const operation = 'getPromotion';
      const query = promotionQuery(promotionId, options);
      const { status, parsed, warnings, requestId, attempts, meta } = await answer(
        operation,
        client.GET(PROMOTION_PATH, init({ path: { promotionId }, query }, options)),
        options.signal,
      );
      const promotion = envelopeData(status, parsed, meta);
      if (!isPromotion(promotion))
        throw promotionsError(
          'invalid-body',
          `HTTP ${status}: data is not a promotion (an object with a metadata object)${requestId ? ` (request id ${requestId})` : ''}`,
          { operation, status, requestId, attempts, warnings },
        );
      reportWarnings(warnings, requestId);
      return promotion;
    },
    async *iteratePromotions(options = {}) {
      const { maxPages, ...list } = options;
      const limit = maxPagesOf(maxPages);
      const { signal } = list;
      // The size is always sent, so that the last-page rule does not hang on the server's default.
      const size = list.size ?? DEFAULT_PAGE_SIZE;
      // What identifies each promotion read so far (its id, else its JSON): at most maxPages × size entries, since a
      // page longer than `size` ends the iteration.
      const readKeys = new Set<string>();
      const stopIfAborted = () => {
        if (signal?.aborted) throw Object.assign(aborted(signal.reason), { operation: 'listPromotions' });
      };
      for (let page = list.page ?? FIRST_PAGE, read = 0; ; page++, read++) {
        stopIfAborted();
        if (read === limit)
          throw promotionsError(
            'pagination',
            `iteratePromotions: no last page after ${limit} pages of ${size} (maxPages); stopped. Raise maxPages if the organisation has more promotions`,
          );
        const current = await listPromotions({ ...list, page, size });
        const { requestId } = current;
        // A server that ignores `size` may never send the short page that ends the list.
        if (current.data.length > size)
          throw promotionsError(
            'pagination',
            `iteratePromotions: page ${page} holds ${current.data.length} promotions, more than the size ${size} asked for (the server seems to ignore \`size\`); stopped`,
            { requestId },
          );
        // A server that ignores `page` answers the same promotions on every page, perhaps reordered or with a new
        // timestamp, so a full page is judged by whether it brings any promotion not read before.
        let bringsUnread = false;
        for (const promotion of current.data) {
          const key = typeof promotion.id === 'string' ? promotion.id : JSON.stringify(promotion);
          if (readKeys.has(key)) continue;
          readKeys.add(key);
          bringsUnread = true;
        }
        if (!current.last && !bringsUnread)
          throw promotionsError(
            'pagination',
            `iteratePromotions: page ${page} holds no promotion that earlier pages did not (the server seems to ignore \`page\`); stopped`,
            { requestId },
          );
        for (const promotion of current.data) {
          yield promotion;
          // The caller may abort while handling a promotion: the rest of the page is not handed out.
          stopIfAborted();
        }
        if (current.last) return;
      }
    },
  };
}
