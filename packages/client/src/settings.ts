// The options of the client and of its parts (the fetch wrapper, the middleware), each checked once, where it is
// given: a bad option fails at creation with an `invalid-argument` error, never on the first call.
import { CLUSTER_BASE_URLS, type Cluster } from './clusters.js';
import { invalidArgument } from './errors.js';
import { DEFAULT_MAX_RESPONSE_BYTES, headerSafe } from './transport.js';
import type { TargetGroupsApiError } from './errors.js';

export interface RetryOptions {
  /** Requests per call, the first one included: 1 to 10 (default 3; 1 disables retries). */
  attempts?: number;
  /** First backoff step; it doubles per retry, with full jitter (default 200 ms). */
  baseDelayMs?: number;
  /** Longest wait between two attempts (default 5000 ms). A longer `Retry-After` ends the call instead. */
  maxDelayMs?: number;
}

/** What the fetch wrapper does around each request: its deadline, retries and body size limit. */
export interface TransportOptions {
  /** The `fetch` to wrap (default: `globalThis.fetch`, looked up at call time). */
  fetch?: typeof fetch;
  /** Deadline of one call, retries, backoff and the body read included (default 10000 ms; 0 = none). */
  timeoutMs?: number;
  /**
   * Retries on network errors and HTTP 429, 502, 503, 504 (default `{ attempts: 3 }`); `false` disables them. The
   * OAuth token request is retried on network errors with the same settings.
   */
  retry?: RetryOptions | false;
  /** Largest body read, in bytes (default 16 MiB); a longer one ends the call (`too-large`) as it streams in. */
  maxResponseBytes?: number;
}

export interface TransportSettings {
  fetch: () => typeof fetch;
  timeoutMs: number;
  retry: Required<RetryOptions>;
  maxResponseBytes: number;
}

/** The transport options with their defaults, or an `invalid-argument` error that names the bad one. */
export function transportSettings(options: TransportOptions, where: string): TransportSettings {
  const { timeoutMs = 10_000, maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES } = options;
  const retry = {
    attempts: 3,
    baseDelayMs: 200,
    maxDelayMs: 5000,
    ...(options.retry === false ? { attempts: 1 } : options.retry),
  };
  // A retry storm is never what a caller meant: 10 attempts already wait up to 9 maxDelayMs.
  if (
    !(timeoutMs >= 0) ||
    !(Number.isInteger(retry.attempts) && retry.attempts > 0 && retry.attempts < 11) ||
    !(Number.isSafeInteger(maxResponseBytes) && maxResponseBytes > 0)
  )
    throw invalidArgument(
      `${where}: \`timeoutMs\` must be >= 0, \`retry.attempts\` 1 to 10, \`maxResponseBytes\` an integer > 0`,
    );
  return { fetch: () => options.fetch ?? globalThis.fetch, timeoutMs, retry, maxResponseBytes };
}

/** The base URL of the API, or an `invalid-argument` error. */
export function resolveBaseUrl({ baseUrl, cluster }: { baseUrl?: string; cluster?: Cluster }): string {
  const url = cluster === undefined ? baseUrl : baseUrl === undefined ? CLUSTER_BASE_URLS[cluster] : undefined;
  // Credentials, a query or a fragment in the base URL would leak into every request URL and error.
  if (typeof url !== 'string' || !/^https?:\/\/[^/?#@]+(\/[^?#@]*)?$/.test(url)) {
    throw invalidArgument(
      `createTargetGroupsClient: pass \`baseUrl\` (http(s), no credentials, query or fragment) or \`cluster\` (${Object.keys(CLUSTER_BASE_URLS).join(', ')})`,
    );
  }
  return url.replace(/\/+$/, '');
}

/** A credential or header value that cannot be sent as it is; the message names where it came from, never its value. */
export const unusable = (what: string): TargetGroupsApiError =>
  invalidArgument(
    `${what} holds a control character (CR, LF, NUL...) or, in a header, one past U+00FF; value not shown`,
  );

/** Header values that fetch would refuse with a TypeError quoting them; the error here names the header only. */
export function checkHeaders(where: string, headers: Record<string, string> | undefined): void {
  for (const name in headers) if (!headerSafe(headers[name])) throw unusable(`${where}: header ${name}`);
}
