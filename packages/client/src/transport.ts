// What every request of the client goes through, the OAuth token request included: no redirect is followed, no
// body is read past a size limit, and only some answers are worth a retry. The README's "Redirects and size limit"
// and "Retries and time limits" sections explain the rules.
import { TargetGroupsApiError, type TargetGroupsOperation, requestIdOf } from './errors.js';

export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** The statuses that fetch would follow (its "redirect status"). */
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

const ignore = () => undefined;

/**
 * Throws `redirect` for a redirect answer (requests are sent with `redirect: 'manual'`, so fetch hands it over
 * instead of re-sending the credentials to wherever `Location` points). The message names the target's origin
 * only: a location's path or query is not ours to repeat.
 */
export function refuseRedirect(
  response: Response,
  request: { url: string },
  operation: TargetGroupsOperation = 'getTargetGroups',
): void {
  // A browser hides a manual redirect's status and Location behind an `opaqueredirect` response.
  if (response.type !== 'opaqueredirect' && !REDIRECT_STATUSES.includes(response.status)) return;
  response.body?.cancel().catch(ignore);
  const requestUrl = request.url;
  const location = response.headers.get('location');
  let target = 'an unknown location';
  try {
    if (location) target = new URL(location, requestUrl).origin;
  } catch {
    // An invalid Location names no origin; a browser shows none at all.
  }
  throw new TargetGroupsApiError(
    `Redirect (HTTP ${response.status}) to ${target} refused: credentials go only to ${new URL(requestUrl).origin}`,
    { kind: 'redirect', operation, status: response.status, requestId: requestIdOf(response) },
  );
}

/**
 * Whether fetch can read the body at once: a plain one (compressed bodies decode to more than announced) whose
 * Content-Length is within the limit, as fetch delivers no more than announced.
 */
export const announcedWithin = (headers: Headers, maxBytes: number): boolean => {
  const length = headers.get('content-length');
  return length !== null && +length <= maxBytes && !headers.has('content-encoding');
};

/** The body, read chunk by chunk; throws `too-large` as soon as more than `maxBytes` arrived or are announced. */
export async function readBytes(
  response: Response,
  maxBytes: number,
  operation: TargetGroupsOperation = 'getTargetGroups',
  attempts?: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const reader = response.body?.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  // Until the first chunk, `size` is the announced Content-Length; from then on, what arrived.
  let size = Number(response.headers.get('content-length'));
  for (;;) {
    if (size > maxBytes) {
      reader?.cancel().catch(ignore);
      throw new TargetGroupsApiError(`HTTP ${response.status}: body over maxResponseBytes (${maxBytes} bytes)`, {
        kind: 'too-large',
        operation,
        status: response.status,
        requestId: requestIdOf(response),
        attempts,
      });
    }
    const next = await reader?.read();
    // One chunk (a small body) is the body; more are joined.
    if (!next || next.done)
      return chunks.length === 1 ? chunks[0]! : new Uint8Array(await new Blob(chunks).arrayBuffer());
    chunks.push(next.value as Uint8Array<ArrayBuffer>);
    size = (chunks.length > 1 ? size : 0) + next.value.length;
  }
}

/** The body text, read as `readBytes` reads it. */
export const readText = async (...args: Parameters<typeof readBytes>): Promise<string> =>
  new TextDecoder().decode(await readBytes(...args));

/** The statuses worth another attempt: rate limited, or a gateway or server that may answer next time. */
export const RETRY_STATUSES = [429, 502, 503, 504];

/** Milliseconds the server asked to wait (`Retry-After` in seconds or as an HTTP date), if it did. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter: a random wait in [0, min(max, base * 2^(retry-1))]. */
export function backoffDelay(retry: number, baseDelayMs: number, maxDelayMs: number): number {
  return Math.round(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1)));
}

/**
 * Whether `value` can go into an HTTP header as it is: no control character (CR, LF and NUL would split or end the
 * header; fetch throws a TypeError that quotes the whole value) and nothing past U+00FF.
 */
export const headerSafe = (value: unknown): boolean =>
  typeof value === 'string' && !/[^\t\x20-\x7e\x80-\xff]/.test(value);
