// Shared by the scenario tests: credentials the mock accepts, one call through any fetch, and the contract CLI.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

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

/** `target-groups-contract check ARGS` over bodies written as NDJSON: its parsed JSON report. */
export async function contractCheck(bodies: string[], args: string[]): Promise<any> {
  const dir = mkdtempSync(path.join(tmpdir(), 'scenarios-'));
  try {
    const file = path.join(dir, 'bodies.ndjson');
    writeFileSync(file, `${bodies.join('\n')}\n`);
    const cli = createRequire(import.meta.url).resolve('@target-groups/contract/package.json');
    const bin = path.join(path.dirname(cli), 'bin', 'target-groups-contract.mjs');
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'check', ...args, '--format', 'json', file]);
    return JSON.parse(stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
