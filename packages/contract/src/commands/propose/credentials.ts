/**
 * Credentials in values from traffic. A gateway that echoes request headers puts the client's credential into a body
 * (`authorization: Basic …`, the OAuth token header); none of it may reach the spec, which is committed and
 * published, nor propose's report. The shapes are recognised without knowing the credential: a Basic or Bearer
 * value, a JWT, an MD5 hex digest (the form in which the vendor takes the password), a header line or query
 * parameter that names a credential; and, under a credential-like name (`authorization`, `token`, `password`, …),
 * any value at all.
 */
import { isObject } from '@target-groups/spec/portable';

/** What a credential is replaced by, as the client's error excerpts replace one. */
export const PLACEHOLDER = '[redacted]';

const HEADERS = 'authorization|proxy-authorization|x-cap-api-oauth-token|cookie|set-cookie|x-api-key';
const PARAMETERS = 'access_token|id_token|refresh_token|token|api_key|apikey|client_secret|secret|password';

const SHAPES: readonly [RegExp, string][] = [
  [/\bbasic\s+[A-Za-z0-9+/=._~-]{4,}/gi, 'a Basic authorization value'],
  [/\bbearer\s+[A-Za-z0-9+/=._~-]{8,}/gi, 'a bearer token'],
  // A JWT's header is base64url JSON, so it starts `eyJ`; two segments are enough (a message may cut the third).
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)?/g, 'a JWT'],
  [/(?<![0-9a-fA-F])[0-9a-fA-F]{32}(?![0-9a-fA-F])/g, 'an MD5 digest (32 hex digits)'],
  [new RegExp(`\\b(?:${HEADERS})\\s*[:=]\\s*[^\\s,;]+`, 'gi'), 'a header line that names a credential header'],
  [new RegExp(`[?&](?:${PARAMETERS})=[^&\\s#]+`, 'gi'), 'a credential query parameter'],
];

const CREDENTIAL_NAME = new RegExp(
  `^(?:${HEADERS}|api[-_]?key|(?:access|refresh|id|oauth|auth)[-_]?token|token|secret|client[-_]?secret|password|passwd|pwd|credentials?)$`,
  'i',
);

/** What kind of credential `text` holds (`'a Basic authorization value'`, ...), or undefined. */
export function credentialIn(text: string): string | undefined {
  for (const [pattern, kind] of SHAPES) {
    pattern.lastIndex = 0;
    if (pattern.test(text)) return kind;
  }
  return undefined;
}

/** A name under which any value is a credential: `authorization`, `x-cap-api-oauth-token`, `password`, ... */
export const isCredentialName = (name: string): boolean => CREDENTIAL_NAME.test(name);

/** `text` with every credential-shaped part replaced by the placeholder (for messages that quote traffic). */
export function redactCredentials(text: string): string {
  let out = text;
  for (const [pattern] of SHAPES) out = out.replace(pattern, PLACEHOLDER);
  return out;
}

/**
 * A copy of `value` in which every string that is a credential (by its shape, or by the name it is under: a
 * property, or the `value` of a `{ name, value }` header pair) is the placeholder; `found` names the first kind.
 */
export function withoutCredentials(value: unknown, name?: string): { value: unknown; found: string | undefined } {
  let found: string | undefined;
  const scrub = (item: unknown, under: string | undefined): unknown => {
    if (typeof item === 'string') {
      const kind = under !== undefined && isCredentialName(under) ? `a value of \`${under}\`` : credentialIn(item);
      if (!kind) return item;
      found ??= kind;
      return PLACEHOLDER;
    }
    if (Array.isArray(item)) return item.map((entry) => scrub(entry, under));
    if (!isObject(item)) return item;
    const pairName = typeof item.name === 'string' ? item.name : undefined;
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(item)) {
      const context = key === 'value' && pairName !== undefined && isCredentialName(pairName) ? pairName : key;
      Object.defineProperty(out, key, { value: scrub(entry, context), enumerable: true, writable: true });
    }
    return out;
  };
  const scrubbed = scrub(value, name);
  return { value: scrubbed, found };
}
