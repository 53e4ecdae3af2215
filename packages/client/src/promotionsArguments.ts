// The arguments of the promotions methods, checked before anything is sent, and the bounds they are checked
// against: those of spec/promotions.yaml (test/promotionsContract.test.ts holds them to it).
import type { GetPromotionQuery, ListPromotionsQuery } from '@target-groups/types/promotions';
import { TargetGroupsApiError, type TargetGroupsOperation } from './errors.js';
import { checkHeaders } from './settings.js';

/** `page` when none is given: the first (pages are 0-indexed). */
export const FIRST_PAGE = 0;
/** `size` when none is given: the vendor's default page size. */
export const DEFAULT_PAGE_SIZE = 10;
/** `page` and `size` are int32 in the contract; `size` has no other maximum. */
export const INT32_MAX = 2_147_483_647;
/** The contract's pattern of a promotion id (24 hexadecimal digits). */
export const PROMOTION_ID = /^[0-9a-fA-F]{24}$/;
/** Pages `iteratePromotions` reads at most unless told otherwise: 10,000 promotions at the default size. */
export const DEFAULT_MAX_PAGES = 1000;

export interface CallOptions {
  /** Stops the call (or the iteration) at once; an aborted call is never retried. */
  signal?: AbortSignal;
  /** Headers for this call only. */
  headers?: Record<string, string>;
}

export interface ListPromotionsOptions extends ListPromotionsQuery, CallOptions {}
export interface GetPromotionOptions extends GetPromotionQuery, CallOptions {}
export interface IteratePromotionsOptions extends Omit<ListPromotionsOptions, 'page'> {
  /** The page to start from (default 0). */
  page?: number;
  /**
   * Most pages read before the iteration ends with a `pagination` error (default 1000): a server that never sends
   * a short page must not keep the caller forever.
   */
  maxPages?: number;
}

/** An `invalid-argument` error of one of the promotions operations. */
export const badArgument = (operation: TargetGroupsOperation, message: string): TargetGroupsApiError =>
  new TargetGroupsApiError(`${operation}: ${message}`, { kind: 'invalid-argument', operation });

const isInt = (value: unknown, min: number): value is number =>
  Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= INT32_MAX;

const isFlag = (value: unknown) => value === undefined || typeof value === 'boolean';

function checkCall(operation: TargetGroupsOperation, { headers }: CallOptions): void {
  try {
    if (headers) checkHeaders(operation, headers);
  } catch (error) {
    throw Object.assign(error as TargetGroupsApiError, { operation });
  }
}

/** The query to send for `listPromotions`: only the parameters given, each checked. */
export function listQuery(operation: TargetGroupsOperation, options: ListPromotionsOptions): ListPromotionsQuery {
  const { searchText, status, page, size, includeDraftDetails } = options;
  if (page !== undefined && !isInt(page, 0))
    throw badArgument(operation, `\`page\` must be an integer from 0 (the first page), got ${JSON.stringify(page)}`);
  if (size !== undefined && !isInt(size, 1))
    throw badArgument(operation, `\`size\` must be an integer from 1 to ${INT32_MAX}, got ${JSON.stringify(size)}`);
  if (searchText !== undefined && typeof searchText !== 'string')
    throw badArgument(operation, '`searchText` must be a string');
  // Sent comma-separated: a value holding a comma would be read as two.
  if (
    status !== undefined &&
    !(Array.isArray(status) && status.every((s) => typeof s === 'string' && /^[^,\s]+$/.test(s)))
  )
    throw badArgument(operation, '`status` must be an array of statuses (strings without commas or spaces)');
  if (!isFlag(includeDraftDetails)) throw badArgument(operation, '`includeDraftDetails` must be a boolean');
  checkCall(operation, options);
  const query: ListPromotionsQuery = {};
  if (searchText !== undefined) query.searchText = searchText;
  if (status?.length) query.status = status;
  if (page !== undefined) query.page = page;
  if (size !== undefined) query.size = size;
  if (includeDraftDetails !== undefined) query.includeDraftDetails = includeDraftDetails;
  return query;
}

/** The path and query to send for `getPromotion`, each checked. */
export function promotionQuery(id: unknown, options: GetPromotionOptions): GetPromotionQuery {
  const operation = 'getPromotion';
  if (typeof id !== 'string' || !PROMOTION_ID.test(id))
    throw badArgument(operation, `the promotion id must be 24 hexadecimal digits, got ${JSON.stringify(id)}`);
  const { includeDraftDetails, includeParentDetails } = options;
  if (!isFlag(includeDraftDetails) || !isFlag(includeParentDetails))
    throw badArgument(operation, '`includeDraftDetails` and `includeParentDetails` must be booleans');
  checkCall(operation, options);
  const query: GetPromotionQuery = {};
  if (includeDraftDetails !== undefined) query.includeDraftDetails = includeDraftDetails;
  if (includeParentDetails !== undefined) query.includeParentDetails = includeParentDetails;
  return query;
}

/** `maxPages`, checked. */
export function maxPagesOf(maxPages: unknown = DEFAULT_MAX_PAGES): number {
  if (!(Number.isSafeInteger(maxPages) && (maxPages as number) > 0))
    throw badArgument('listPromotions', `\`maxPages\` must be a positive integer, got ${JSON.stringify(maxPages)}`);
  return maxPages as number;
}
