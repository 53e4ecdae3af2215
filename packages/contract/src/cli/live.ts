/**
 * `check --live`: asks the API for each user's target groups through `@target-groups/client` (its `fetchRaw`: one
 * request with the client's authentication, redirect refusal and size limit, the body exactly as received) and checks
 * the raw answer. The client's README explains its rules; none is restated here.
 */
import {
  createTargetGroupsClient,
  type DataScope,
  TargetGroupsApiError,
  type TargetGroupsClient,
} from '@target-groups/client';
import type { BodyUnit, ProblemUnit, Unit } from './sources.js';

export type Credentials =
  | { type: 'basic'; username: string; password: string }
  | { type: 'oauth'; key: string; secret: string }
  | { type: 'token'; token: string };

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
  /** A data scope sends the call to the connected-orgs path (v3.1) with the DATA-SCOPE headers. */
  dataScope?: DataScope;
  dataScopeOrgs?: number[];
}

/** The values of DATA-SCOPE (the compiler holds them to the generated header type). */
export const DATA_SCOPES = ['SELF', 'OTHER', 'ALL'] as const satisfies readonly DataScope[];

export interface RawAnswer {
  status: number;
  text: string;
}

export interface RawFetcher {
  readonly via: string;
  /** How many answers were redirects, refused (the client follows none: credentials stay with the API's origin). */
  readonly refusedRedirects: number;
  get(userId: string, query: LiveQuery): Promise<RawAnswer>;
}

/** The exit code of a run in which the API redirected: it outranks the others, since no answer can be trusted. */
export const EXIT_REDIRECT_REFUSED = 3;

function queryString(query: LiveQuery): string {
  const params = new URLSearchParams();
  if (query.includeInactive !== undefined) params.set('includeInactive', String(query.includeInactive));
  if (query.includeInactiveTargets !== undefined)
    params.set('includeInactiveTargets', String(query.includeInactiveTargets));
  if (query.targetRuleId !== undefined) params.set('targetRuleId', query.targetRuleId);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The path and query the client requests for a user, as the spec reader matches it. */
function requestTarget(userId: string, query: LiveQuery): string {
  const path =
    query.dataScope === undefined
      ? `/v3/users/${userId}/targetGroups`
      : `/api_gateway/intouch-api-v3/v3.1/users/${userId}/targetGroups`;
  return `${path}${queryString(query)}`;
}

/** The request the client sends for a user, as the report names it: its target, and the data scope headers. */
export function requestLabel(userId: string, query: LiveQuery): string {
  const scope =
    query.dataScope === undefined
      ? ''
      : ` (DATA-SCOPE ${query.dataScope}${query.dataScopeOrgs ? `, DATA-SCOPE-ORG ${query.dataScopeOrgs.join(',')}` : ''})`;
  return `GET ${requestTarget(userId, query)}${scope}`;
}

export interface ClientFetcherOptions {
  /** Largest answer read (the check's --max-body-size). */
  maxResponseBytes?: number;
  /** `fetch` for the client (tests). */
  fetch?: typeof fetch;
}

/**
 * Raw answers through the client. A client that cannot be created (a credential it refuses, a base URL with user
 * info) makes every request fail with the client's reason, so that each user is reported as not checked.
 */
export function clientFetcher(
  baseUrl: string,
  credentials: Credentials,
  options: ClientFetcherOptions = {},
): RawFetcher {
  let client: TargetGroupsClient | undefined;
  let unusable: unknown;
  try {
    // A drift check reports what one request got; retrying would hide flaky answers.
    client = createTargetGroupsClient({ baseUrl, auth: credentials, retry: false, ...options });
  } catch (error) {
    unusable = error;
  }
  let refusedRedirects = 0;
  return {
    via: '@target-groups/client',
    get refusedRedirects() {
      return refusedRedirects;
    },
    async get(userId, query) {
      if (!client) throw unusable;
      try {
        const { status, text } = await client.fetchRaw(userId, {
          includeInactive: query.includeInactive,
          includeInactiveTargets: query.includeInactiveTargets,
          targetRuleId: query.targetRuleId === undefined ? undefined : Number(query.targetRuleId),
          ...(query.dataScope !== undefined && { dataScope: query.dataScope }),
          ...(query.dataScopeOrgs !== undefined && { dataScopeOrgs: query.dataScopeOrgs }),
        });
        return { status, text };
      } catch (error) {
        if (error instanceof TargetGroupsApiError && error.kind === 'redirect') refusedRedirects++;
        throw error;
      }
    },
  };
}

/** The run's exit code: a refused redirect outranks the check's own code. */
export function liveExitCode(fetcher: RawFetcher | undefined, checkExitCode: number): number {
  return fetcher && fetcher.refusedRedirects > 0 ? EXIT_REDIRECT_REFUSED : checkExitCode;
}

function describeFailure(error: unknown): string {
  // The client's messages name the failure and never a credential.
  if (error instanceof TargetGroupsApiError) return error.message;
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
  /** The spec's operation a request is (its id), as `check` matches captured calls. */
  operationOf: (method: string, url: string) => string | undefined,
): AsyncGenerator<Unit[]> {
  for (const userId of userIds) {
    const name = requestLabel(userId, query);
    const operationId = operationOf('GET', requestTarget(userId, query));
    if (operationId === undefined) {
      yield [{ kind: 'problem', name, message: 'the spec declares no operation for this request; not sent' }];
      continue;
    }
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
    const unit: BodyUnit = { kind: 'body', name, status: answer.status, operationId, text: answer.text };
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
