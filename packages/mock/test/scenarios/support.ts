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
}

export function targetGroupsUrl(base: string, userId: string | number, query: Call['query'] = {}): string {
  const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)])).toString();
  return `${base}/v3/users/${userId}/targetGroups${search ? `?${search}` : ''}`;
}

export async function call(
  fetcher: (input: string, init?: RequestInit) => Promise<Response>,
  base: string,
  userId: string | number,
  { query, prefer, headers = {}, auth = true }: Call = {},
) {
  const response = await fetcher(targetGroupsUrl(base, userId, query), {
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
