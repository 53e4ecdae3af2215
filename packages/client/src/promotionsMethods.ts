// The loyalty promotions methods (GET /v3/promotions and GET /v3/promotions/{promotionId}, spec/promotions.yaml),
// calls of openapi-fetch's `GET` like getTargetGroups, so every middleware sees them: each answer becomes the
// envelope's `data` or a TargetGroupsApiError. An entry of its own, loaded on the first promotions call, so that the
// main entry stays within its size budget.
import type { paths } from '@target-groups/types';
import type { Promotion, paths as PromotionsPaths, WarningItem } from '@target-groups/types/promotions';
import type { Client } from 'openapi-fetch';
import {
  type AnswerMeta,
  aborted,
  envelopeData,
  parseBody,
  requestIdOf,
  TargetGroupsApiError,
  type TargetGroupsApiErrorInit,
  type TargetGroupsOperation,
  toApiError,
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
   * One page of the organisation's loyalty promotions. Throws `TargetGroupsApiError` for a non-2xx status, a 200
   * with `errors` and no `data`, a `data` that is not an array of promotions, a fault, or a bad argument.
   */
  listPromotions(options?: ListPromotionsOptions): Promise<PromotionsPage>;
  /** One loyalty promotion (the envelope's `data`); throws `TargetGroupsApiError` as `getTargetGroups` does. */
  getPromotion(promotionId: string, options?: GetPromotionOptions): Promise<Promotion>;
  /**
   * Every promotion from `page` on, page by page (`size` per request, default 10), up to the last page: the first
   * with fewer than `size` promotions. Ends with a `pagination` error when a page repeats the one before or after
   * `maxPages` pages, and with `aborted` when `signal` fires, between pages as well as during a request.
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
const failed = (
  kind: 'invalid-body' | 'pagination',
  message: string,
  fields: Omit<TargetGroupsApiErrorInit, 'kind'> = {},
) => new TargetGroupsApiError(message, { operation: 'listPromotions', ...fields, kind });

const isPromotion = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

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
      const error = toApiError(cause, signal);
      // The fetch wrapper's faults name no operation (it serves both APIs); the OAuth token request keeps its own.
      if (error.operation === 'getTargetGroups') Object.assign(error, { operation });
      throw error;
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
    const envelope = parsed.body as { data?: unknown; warnings?: unknown } | null | undefined;
    const warnings = (Array.isArray(envelope?.warnings) ? envelope.warnings : []) as WarningItem[];
    return { status: response.status, parsed, envelope, warnings, requestId, attempts, meta };
  }

  /** A successful answer's warnings, which must not vanish unseen (a failed one's are in its error). */
  const tell = (warnings: WarningItem[], requestId: string | undefined) => {
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
    const said = requestId ? ` (request id ${requestId})` : '';
    const ok = status >= 200 && status < 300;
    if (!(ok && Array.isArray(data) && !Array.isArray(envelope))) {
      // Every other answer is described as getTargetGroups describes it; a 2xx whose `data` is an object is not a page.
      envelopeData(status, parsed, meta);
      throw failed('invalid-body', `HTTP ${status}: data is not an array of promotions${said}`, fields);
    }
    if (!data.every(isPromotion))
      throw failed('invalid-body', `HTTP ${status}: data holds an item that is not a promotion object${said}`, fields);
    tell(warnings, requestId);
    const size = query.size ?? DEFAULT_PAGE_SIZE;
    return {
      data: data as Promotion[],
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
      const { status, parsed, warnings, requestId, meta } = await answer(
        operation,
        client.GET(PROMOTION_PATH, init({ path: { promotionId }, query }, options)),
        options.signal,
      );
      const promotion = envelopeData(status, parsed, meta) as Promotion;
      tell(warnings, requestId);
      return promotion;
    },
    async *iteratePromotions(options = {}) {
      const { maxPages, ...list } = options;
      const limit = maxPagesOf(maxPages);
      const { signal } = list;
      // The size is always sent, so that the last-page rule does not hang on the server's default.
      const size = list.size ?? DEFAULT_PAGE_SIZE;
      let previous = '';
      const stopIfAborted = () => {
        if (signal?.aborted) throw Object.assign(aborted(signal.reason), { operation: 'listPromotions' });
      };
      for (let page = list.page ?? FIRST_PAGE, read = 0; ; page++, read++) {
        stopIfAborted();
        if (read === limit)
          throw failed(
            'pagination',
            `iteratePromotions: no last page after ${limit} pages of ${size} (maxPages); stopped. Raise maxPages if the organisation has more promotions`,
          );
        const current = await listPromotions({ ...list, page, size });
        // A server that ignores `page` answers the same full page forever.
        const seen = current.data.length ? JSON.stringify(current.data) : '';
        if (seen && seen === previous)
          throw failed(
            'pagination',
            `iteratePromotions: page ${page} repeats page ${page - 1} (the server ignores \`page\`?); stopped`,
            { requestId: current.requestId },
          );
        previous = seen;
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
