/**
 * `check --live`: asks the API for each user's target groups and checks the raw answer. Calls go through
 * `@target-groups/client` (its openapi-fetch client with the auth middleware, `client.raw`) when that is available,
 * otherwise through a small fetch adapter with the same authentication.
 */
import { createHash } from 'node:crypto';
import type { BodyUnit, ProblemUnit, Unit } from './sources.js';

export type Credentials =
  | { type: 'basic'; username: string; password: string }
  | { type: 'oauth'; key: string; secret: string }
  | { type: 'token'; token: string };

export const CREDENTIAL_VARIABLES = {
  basic: ['CAPILLARY_USERNAME', 'CAPILLARY_PASSWORD'],
  oauth: ['CAPILLARY_OAUTH_KEY', 'CAPILLARY_OAUTH_SECRET'],
  token: ['CAPILLARY_TOKEN'],
} as const;

export const MISSING_CREDENTIALS_MESSAGE =
  '--live needs credentials in the environment: CAPILLARY_USERNAME and CAPILLARY_PASSWORD (Basic: till user name and ' +
  'password; the MD5 digest is computed for you), or CAPILLARY_OAUTH_KEY and CAPILLARY_OAUTH_SECRET (OAuth token), ' +
  'or CAPILLARY_TOKEN (an OAuth access token)';

/** Token first (most specific), then OAuth key/secret, then Basic. Half-set pairs count as absent. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): Credentials | undefined {
  const value = (name: string) => (env[name] && env[name]!.trim() !== '' ? env[name] : undefined);
  const token = value('CAPILLARY_TOKEN');
  if (token) return { type: 'token', token };
  const key = value('CAPILLARY_OAUTH_KEY');
  const secret = value('CAPILLARY_OAUTH_SECRET');
  if (key && secret) return { type: 'oauth', key, secret };
  const username = value('CAPILLARY_USERNAME');
  const password = value('CAPILLARY_PASSWORD');
  if (username && password) return { type: 'basic', username, password };
  return undefined;
}

export interface LiveQuery {
  includeInactive?: boolean;
  includeInactiveTargets?: boolean;
  targetRuleId?: string;
}

export interface RawAnswer {
  status: number;
  text: string;
}

export interface RawFetcher {
  readonly via: string;
  get(userId: string, query: LiveQuery): Promise<RawAnswer>;
}

function queryString(query: LiveQuery): string {
  const params = new URLSearchParams();
  if (query.includeInactive !== undefined) params.set('includeInactive', String(query.includeInactive));
  if (query.includeInactiveTargets !== undefined)
    params.set('includeInactiveTargets', String(query.includeInactiveTargets));
  if (query.targetRuleId !== undefined) params.set('targetRuleId', query.targetRuleId);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function requestLabel(userId: string, query: LiveQuery): string {
  return `GET /v3/users/${userId}/targetGroups${queryString(query)}`;
}

class AuthError extends Error {
  override name = 'AuthError';
}

/** Plain fetch with the vendor's authentication, used when the client package offers no raw access. */
export function fetchAdapter(baseUrl: string, credentials: Credentials, fetchImpl: typeof fetch = fetch): RawFetcher {
  const base = baseUrl.replace(/\/+$/, '');
  let token: { value: string; expires: number } | undefined;
  const authHeaders = async (): Promise<Record<string, string>> => {
    if (credentials.type === 'basic') {
      const digest = createHash('md5').update(credentials.password).digest('hex');
      return { authorization: `Basic ${Buffer.from(`${credentials.username}:${digest}`).toString('base64')}` };
    }
    if (credentials.type === 'token') return { 'X-CAP-API-OAUTH-TOKEN': credentials.token };
    if (!token || token.expires <= Date.now()) {
      const response = await fetchImpl(`${base}/v3/oauth/token/generate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ key: credentials.key, secret: credentials.secret }),
      });
      const text = await response.text();
      let accessToken: unknown;
      let ttl: unknown;
      try {
        const parsed = JSON.parse(text) as { data?: { accessToken?: unknown; ttlSeconds?: unknown } };
        accessToken = parsed.data?.accessToken;
        ttl = parsed.data?.ttlSeconds;
      } catch {
        // reported below
      }
      if (!response.ok || typeof accessToken !== 'string') {
        throw new AuthError(`OAuth token generation failed (HTTP ${response.status})`);
      }
      // Renew a little early: a token that expires in flight fails the call.
      token = {
        value: accessToken,
        expires: Date.now() + Math.max(0, (typeof ttl === 'number' ? ttl : 300) - 30) * 1000,
      };
    }
    return { 'X-CAP-API-OAUTH-TOKEN': token.value };
  };
  return {
    via: 'fetch',
    async get(userId, query) {
      const headers = { accept: 'application/json', ...(await authHeaders()) };
      const response = await fetchImpl(
        `${base}/v3/users/${encodeURIComponent(userId)}/targetGroups${queryString(query)}`,
        { headers },
      );
      return { status: response.status, text: await response.text() };
    },
  };
}

interface ClientLike {
  fetchRaw?: (userId: string, options: Record<string, unknown>) => Promise<{ status: number; text: string }>;
  raw?: {
    GET?: (
      path: string,
      init: Record<string, unknown>,
    ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  };
}

type ClientModule = {
  createTargetGroupsClient?: (options: { baseUrl: string; auth: Record<string, string>; retry?: false }) => ClientLike;
};

function clientQuery(query: LiveQuery): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  if (query.includeInactive !== undefined) q.includeInactive = query.includeInactive;
  if (query.includeInactiveTargets !== undefined) q.includeInactiveTargets = query.includeInactiveTargets;
  if (query.targetRuleId !== undefined) q.targetRuleId = Number(query.targetRuleId);
  return q;
}

/**
 * The client package's raw access (`fetchRaw`: status and body text exactly as received; or its openapi-fetch client
 * `raw`), or undefined when the package is not there or offers neither.
 */
export async function clientAdapter(baseUrl: string, credentials: Credentials): Promise<RawFetcher | undefined> {
  let mod: ClientModule;
  try {
    const specifier = '@target-groups/client';
    mod = (await import(specifier)) as ClientModule;
  } catch {
    return undefined;
  }
  if (typeof mod.createTargetGroupsClient !== 'function') return undefined;
  const { type, ...rest } = credentials;
  // A drift check reports what one request got; retrying would hide flaky answers.
  const client = mod.createTargetGroupsClient({ baseUrl, auth: { type, ...rest }, retry: false });
  if (typeof client.fetchRaw === 'function') {
    const fetchRaw = client.fetchRaw.bind(client);
    return {
      via: '@target-groups/client',
      async get(userId, query) {
        const { status, text } = await fetchRaw(userId, clientQuery(query));
        return { status, text };
      },
    };
  }
  const raw = client.raw;
  if (!raw || typeof raw.GET !== 'function') return undefined;
  const get = raw.GET.bind(raw);
  return {
    via: '@target-groups/client (raw)',
    async get(userId, query) {
      const { data, error, response } = await get('/v3/users/{userId}/targetGroups', {
        params: { path: { userId }, query: clientQuery(query) },
        parseAs: 'text',
      });
      // openapi-fetch parses error bodies itself; a string means the body was not JSON and is passed on as is.
      const body = response.ok ? data : error;
      const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
      return { status: response.status, text };
    },
  };
}

function describeFailure(error: unknown): string {
  if (error instanceof AuthError) return error.message;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return error instanceof Error ? error.message : String(error);
}

function vendorErrors(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { errors?: { code?: unknown; message?: unknown }[] | null };
    if (Array.isArray(body.errors) && body.errors.length > 0) {
      return body.errors.map((e) => `${String(e?.code)} ${String(e?.message)}`).join('; ');
    }
  } catch {
    // not JSON: the check reports it
  }
  return undefined;
}

export async function* liveUnits(
  fetcher: RawFetcher,
  baseUrl: string,
  userIds: string[],
  query: LiveQuery,
): AsyncGenerator<Unit[]> {
  for (const userId of userIds) {
    const name = requestLabel(userId, query);
    let answer: RawAnswer;
    try {
      answer = await fetcher.get(userId, query);
    } catch (error) {
      yield [
        {
          kind: 'problem',
          name,
          message: `request to ${baseUrl} failed: ${describeFailure(error)}`,
        } satisfies ProblemUnit,
      ];
      continue;
    }
    const unit: BodyUnit = { kind: 'body', name, status: answer.status, text: answer.text };
    const errors = vendorErrors(answer.text);
    if (answer.status < 200 || answer.status >= 300) {
      const reason = answer.status === 401 || answer.status === 403 ? ' (check the credentials)' : '';
      unit.note = `the API answered HTTP ${answer.status}${reason}${errors ? `: ${errors}` : ''}; the user's target groups were not checked`;
    } else if (errors) {
      unit.note = `the API answered HTTP ${answer.status} with errors: ${errors}; the user's target groups were not checked`;
    }
    yield [unit];
  }
}
