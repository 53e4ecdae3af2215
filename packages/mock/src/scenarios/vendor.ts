// What the vendor does around every operation: its error envelope, its OAuth token request, and the credentials it
// accepts for the security schemes an operation declares (HTTP Basic with the MD5 of the password, an OAuth token).
import type { Operation } from '@target-groups/spec/portable';

/** The vendor's answer for a failure: `{ data: null, errors: [{ code, message }], warnings: null }`. */
export const vendorEnvelope = (code: number, message: string) => ({
  data: null,
  errors: [{ code, message }],
  warnings: null,
});

export const TOKEN_PATH = '/v3/oauth/token/generate';
const TOKEN_TTL_SECONDS = 300;
const MAX_TOKENS = 10_000;

/**
 * The one account the engine accepts, when given; without it any Basic credential whose password part is an MD5 hex
 * digest, and any token, is accepted (the mock checks what a credential looks like, not whose it is).
 */
export interface VendorCredentials {
  username: string;
  /** The lowercase hex MD5 digest of the password, as the API receives it. */
  passwordMd5: string;
  /** The OAuth client key and secret that `POST /v3/oauth/token/generate` takes. */
  key: string;
  secret: string;
}

export interface VendorRequest {
  header(name: string): string | null | undefined;
  text?(): Promise<string>;
}

export type TokenAnswer = { status: number; body: unknown };

export function createVendor(credentials: VendorCredentials | undefined) {
  const tokens = new Map<string, number>();

  /** Who the request authenticates as (`basic:...`, `token:...`) by one of the operation's ways, or undefined. */
  function credentialOf(request: VendorRequest, operation: Operation): string | undefined {
    for (const way of operation.security) {
      for (const { scheme } of way.schemes) {
        if (scheme?.type === 'http' && String(scheme.scheme).toLowerCase() === 'basic') {
          const basic = basicOf(request.header('authorization'));
          if (
            basic &&
            (credentials
              ? basic.user === credentials.username && basic.password === credentials.passwordMd5
              : /^[0-9a-f]{32}$/.test(basic.password))
          )
            return `basic:${basic.user}`;
        } else if (scheme?.type === 'apiKey' && scheme.in === 'header' && typeof scheme.name === 'string') {
          const token = request.header(scheme.name)?.trim();
          if (token && (!credentials || (tokens.get(token) ?? 0) > Date.now())) return `token:${token}`;
        }
      }
    }
    return undefined;
  }

  /** `POST /v3/oauth/token/generate` with `{ key, secret }`: a token for 300 seconds, or the vendor's 401. */
  async function issueToken(request: VendorRequest): Promise<TokenAnswer> {
    let body: { key?: unknown; secret?: unknown } | undefined;
    try {
      body = JSON.parse((await request.text?.()) ?? '');
    } catch {
      return { status: 400, body: vendorEnvelope(310145, 'Invalid key') };
    }
    const { key, secret } = body ?? {};
    const valid = credentials
      ? key === credentials.key && secret === credentials.secret
      : typeof key === 'string' && key !== '' && typeof secret === 'string' && secret !== '';
    if (!valid) return { status: 401, body: vendorEnvelope(310145, 'Invalid key') };
    const accessToken = `mock-${globalThis.crypto.randomUUID()}`;
    if (tokens.size >= MAX_TOKENS) tokens.delete(tokens.keys().next().value!);
    tokens.set(accessToken, Date.now() + TOKEN_TTL_SECONDS * 1000);
    return { status: 200, body: { data: { accessToken, ttlSeconds: TOKEN_TTL_SECONDS }, errors: null } };
  }

  return { credentialOf, issueToken };
}

function basicOf(header: string | null | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  let decoded: string;
  try {
    decoded = atob(match[1]!);
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(':');
  return colon > 0 ? { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) } : undefined;
}
