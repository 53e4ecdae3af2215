import type { ErrorItem, WarningItem } from '@target-groups/types';
import { redact } from './redact.js';

/**
 * What went wrong, as one word:
 * - `http`: the API answered with a non-2xx status (`status`, `errors` and `requestId` say more);
 * - `api`: HTTP 2xx whose envelope carries `errors` and no `data` (or an empty list): the vendor reports "not
 *   found" this way;
 * - `invalid-body`: the body is empty, not JSON, cut short, or not the `{ data, errors, warnings }` envelope;
 * - `network`: no answer (connection refused, reset or dropped before the status line);
 * - `timeout`: `timeoutMs` elapsed;
 * - `aborted`: the caller's `AbortSignal` fired;
 * - `invalid-argument`: a bad option, credential, `userId` or query value, rejected before anything is sent;
 * - `redirect`: the server answered with a redirect, which the client never follows (see the README);
 * - `too-large`: the body grew past `maxResponseBytes`; reading stopped there;
 * - `pagination`: the pages of `iteratePromotions` do not end (a full page brought no promotion not read before,
 *   a page held more than `size`, or more than `maxPages` pages).
 */
export type TargetGroupsErrorKind =
  | 'http'
  | 'api'
  | 'invalid-body'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'invalid-argument'
  | 'redirect'
  | 'too-large'
  | 'pagination';

/** The request that failed: an operation of either API, or the OAuth token request made on its behalf. */
export type TargetGroupsOperation = 'getTargetGroups' | 'listPromotions' | 'getPromotion' | 'generateToken';

export interface TargetGroupsApiErrorInit {
  kind: TargetGroupsErrorKind;
  operation?: TargetGroupsOperation;
  status?: number;
  errors?: ErrorItem[];
  warnings?: WarningItem[];
  requestId?: string;
  attempts?: number;
  retryAfterMs?: number;
  bodyExcerpt?: string;
  contentType?: string;
  cause?: unknown;
}

// Each entry of the package (and its ESM and CJS builds) holds its own copy of this class: `instanceof` asks for this
// mark instead of one constructor, so an error from any copy is a TargetGroupsApiError.
const MARK = Symbol.for('@target-groups/client.TargetGroupsApiError');

/**
 * The one error type the client throws. It never holds credentials: no request headers, no request body, no token.
 */
export class TargetGroupsApiError extends Error {
  override readonly name = 'TargetGroupsApiError';
  declare readonly kind: TargetGroupsErrorKind;
  declare readonly operation: TargetGroupsOperation;
  /** HTTP status of the answer, when there was one. */
  declare readonly status: number | undefined;
  /**
   * The vendor's `errors` (`{ code, message }` objects; malformed items are counted in the message instead), any
   * credential the client sent replaced by `[redacted]`; empty when the body had none.
   */
  declare readonly errors: ErrorItem[];
  /** The vendor's `warnings`, scrubbed as `errors` are. */
  declare readonly warnings: WarningItem[];
  /** The `X-Cap-Requestid` response header: quote it when reporting a problem to the vendor. */
  declare readonly requestId: string | undefined;
  /** How many requests were sent for this call (retries included). */
  declare readonly attempts: number;
  /** The server's `Retry-After` in milliseconds, when it answered 429/502/503/504 with one. */
  declare readonly retryAfterMs: number | undefined;
  /**
   * For an answer that is not the vendor's JSON envelope (a gateway's HTML page, a truncated body, a problem
   * document): its first 512 characters, any credential the client sent replaced by `[redacted]`.
   */
  declare readonly bodyExcerpt: string | undefined;
  /** That answer's `Content-Type`, which tells a gateway page from the API. */
  declare readonly contentType: string | undefined;

  constructor(message: string, { cause, ...fields }: TargetGroupsApiErrorInit) {
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, { operation: 'getTargetGroups', errors: [], warnings: [], attempts: 0 }, fields);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return (value as { [MARK]?: boolean } | null)?.[MARK] === true;
  }

  get [MARK](): true {
    return true;
  }

  /** The vendor's first error code, if any (for example 310011 for an invalid user id). */
  get code(): number | undefined {
    return this.errors[0]?.code;
  }

  /** Own fields plus `message`: what a logger should record (there is nothing secret in it). */
  toJSON(): object {
    return { ...this, message: this.message };
  }
}

/** The `X-Cap-Requestid` header: the vendor's name for this exchange. */
export const requestIdOf = (response: Response): string | undefined =>
  response.headers.get('x-cap-requestid') ?? undefined;

export function invalidArgument(message: string): TargetGroupsApiError {
  return new TargetGroupsApiError(message, { kind: 'invalid-argument' });
}

/** The caller's signal stopped the call; its reason is the cause. */
export const aborted = (reason: unknown, attempts = 0): TargetGroupsApiError =>
  new TargetGroupsApiError('Aborted by the caller', { kind: 'aborted', attempts, cause: reason });

/** The JSON body, or why there is none (`empty body`, `body is not JSON`). */
export const CUT_SHORT = 'body cut short';

export function parseBody(text: string | undefined): { body?: unknown; problem?: string } {
  if (!text) return { problem: 'empty body' };
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { problem: 'body is not JSON' };
  }
}

interface Envelope {
  data?: unknown;
  errors?: unknown;
  warnings?: unknown;
}

export interface AnswerMeta {
  operation?: TargetGroupsOperation;
  cause?: unknown;
  requestId?: string;
  attempts?: number;
  retryAfterMs?: number;
  /** The answer's body and headers, kept as evidence when the body is not the envelope. */
  text?: string;
  headers?: Headers;
  /** What the client sent that must never be quoted back (a body can echo a request). */
  secrets?: readonly string[];
}

const EXCERPT_CHARS = 512;

/** The start of `text` with every secret in it replaced; scrubbed before cutting, so no secret survives in part. */
export const excerpt = (text: string, secrets?: readonly string[]): string =>
  redact(text, secrets).slice(0, EXCERPT_CHARS);

/** Whether a parsed JSON value is an object: not null, not an array. */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The vendor's envelope: an object with `data`, `errors` or `warnings` (a problem document has none of them). */
const isEnvelope = (body: unknown): body is Envelope =>
  isObject(body) && ['data', 'errors', 'warnings'].some((key) => Object.hasOwn(body, key));

/** Whether `item` is a vendor item `{ code?, message? }`: an object, its code a number and its message a string. */
const isItem = (item: unknown): item is ErrorItem =>
  isObject(item) &&
  typeof ((item as ErrorItem).code ?? 0) === 'number' &&
  typeof ((item as ErrorItem).message ?? '') === 'string';

/** An envelope's list, every credential the client sent scrubbed from each text: a server may quote the request. */
const scrubbed = (list: unknown, secrets?: readonly string[]): unknown[] =>
  // Most answers carry none: no copy to make on every successful call.
  !Array.isArray(list) || list.length === 0
    ? []
    : JSON.parse(JSON.stringify(list), (_key, value) => (typeof value === 'string' ? redact(value, secrets) : value));

/**
 * The well-formed items of an envelope's `errors` (a malformed one is named in the error's message), scrubbed: a
 * server may quote the request (its Authorization header, its token) in an error message.
 */
export const vendorItems = (list: unknown, secrets?: readonly string[]): ErrorItem[] =>
  scrubbed(list, secrets).filter(isItem);

/**
 * An envelope's `warnings`, scrubbed as `errors` are; an item that is not `{ message }` is not dropped unseen but
 * becomes one whose message quotes it.
 */
export const warningItems = (list: unknown, secrets?: readonly string[]): WarningItem[] =>
  scrubbed(list, secrets).map((item) =>
    typeof (item as WarningItem | null)?.message === 'string'
      ? (item as WarningItem)
      : // The text whole, not only its strings: a key or a number can be a credential too.
        { message: `a warning item without a message: ${excerpt(JSON.stringify(item), secrets)}` },
  );

/**
 * The `data` object of a `{ data, errors, warnings }` answer, or the TargetGroupsApiError that describes it:
 * a non-2xx status (`http`), a 2xx with errors and no data (`api`), anything else unexpected (`invalid-body`).
 */
export function envelopeData(
  status: number,
  parsed: { body?: unknown; problem?: string },
  answer: AnswerMeta | (() => AnswerMeta),
): object {
  const { body, problem } = parsed;
  const envelope = isEnvelope(body) ? body : undefined;
  const data = envelope?.data;
  const ok = status >= 200 && status < 300;
  if (ok && isObject(data)) return data;
  // What describes a failed answer is gathered only for one (`answer` may be a function for that).
  const { text, headers, secrets, ...meta } = typeof answer === 'function' ? answer() : answer;
  const items = scrubbed(envelope?.errors, secrets);
  const errors = items.filter(isItem);
  const listed = items
    .map((e) => (isItem(e) && [e.code, e.message].join(' ').trim()) || 'an error item without a code or message')
    .join('; ');
  const kind = !ok ? 'http' : envelope && data == null && errors.length ? 'api' : 'invalid-body';
  const detail =
    listed ||
    problem ||
    (!envelope
      ? `body is not the { data, errors, warnings } envelope`
      : data == null
        ? 'neither data nor errors'
        : 'data is not an object');
  const what = meta.operation === 'generateToken' ? 'OAuth token request failed: ' : '';
  throw new TargetGroupsApiError(
    redact(`${what}HTTP ${status}: ${detail}${meta.requestId ? ` (request id ${meta.requestId})` : ''}`, secrets),
    {
      ...meta,
      kind,
      status,
      errors,
      ...(!envelope && {
        bodyExcerpt: text && excerpt(text, secrets),
        contentType: headers?.get('content-type') ?? undefined,
      }),
      warnings: warningItems(envelope?.warnings, secrets),
    },
  );
}

/**
 * What a fault thrown by `fetch` becomes (openapi-fetch's `onError`, a method's failed call): a
 * TargetGroupsApiError as it is; an abort by the caller's signal, `aborted`; anything else, `network`, its message
 * and cause's code kept, never the request. `operation` names the call that failed: the fetch wrapper serves every
 * operation and names none, while the OAuth token request made on the call's behalf keeps its own.
 */
export function toApiError(
  error: unknown,
  signal: AbortSignal | undefined,
  operation?: TargetGroupsOperation,
): TargetGroupsApiError {
  const failure =
    error instanceof TargetGroupsApiError
      ? error
      : signal?.aborted
        ? aborted(signal.reason)
        : new TargetGroupsApiError(`Request failed: ${errorText(error)}`, {
            kind: 'network',
            attempts: 1,
            cause: error,
          });
  if (operation && failure.operation !== 'generateToken') Object.assign(failure, { operation });
  return failure;
}

/** `fetch failed: ECONNREFUSED`: the error's message and its cause's code, never its request. */
export function errorText(error: unknown): string {
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return `${error instanceof Error ? error.message : String(error)}${code ? `: ${code}` : ''}`;
}
