// Shared by the scenario tests: credentials the mock accepts, and one call through any fetch.
import { createHash } from 'node:crypto';

export const BASIC_AUTHORIZATION = `Basic ${Buffer.from(
  `store.till:${createHash('md5').update('secret').digest('hex')}`,
).toString('base64')}`;

export interface Call {
  query?: Record<string, string | boolean | number>;
  prefer?: string;
  headers?: Record<string, string>;
  auth?: boolean;
  /** The operation's path template (default: the v3 operation's). */
  path?: string;
}

export const V3_PATH = '/v3/users/{userId}/targetGroups';

export function targetGroupsUrl(
  base: string,
  userId: string | number,
  query: Call['query'] = {},
  path = V3_PATH,
): string {
  const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)])).toString();
  return `${base}${path.replace('{userId}', String(userId))}${search ? `?${search}` : ''}`;
}

export async function call(
  fetcher: (input: string, init?: RequestInit) => Promise<Response>,
  base: string,
  userId: string | number,
  { query, prefer, headers = {}, auth = true, path }: Call = {},
) {
  const response = await fetcher(targetGroupsUrl(base, userId, query, path), {
    headers: {
      ...(auth && { authorization: BASIC_AUTHORIZATION }),
      ...(prefer && { prefer }),
      ...headers,
    },
  });
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}
