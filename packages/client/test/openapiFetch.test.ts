// The client is openapi-fetch's client for the API: a user's middleware (`client.use`) sees every call, the client's
// own methods included, around the client's middleware; and a team with its own `createClient<paths>()` gets the
// client's auth, retries, limits and drift signals from the exported fetch wrapper and middleware.
import { createHash } from 'node:crypto';
import { seedFixtures } from '@target-groups/spec';
import type { paths } from '@target-groups/types';
import { type ScenarioServer, startScenarioServer, vendorEnvelope } from '@target-groups/mock/scenarios';
import { json } from './support/fakeVendor.js';
import createClient, { type Middleware } from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type DriftReport,
  TargetGroupsApiError,
  type TargetGroupsClientOptions,
  createTargetGroupsClient,
  createTargetGroupsFetch,
  createTargetGroupsMiddleware,
} from '../src/index.js';
import { failure } from './support/failure.js';

const PATH = '/v3/users/{userId}/targetGroups';
const OK_BODY = seedFixtures().find((s) => s.file === '566881933.json')!.text;
const PASSWORD = 'pw-Secret-31d7';
const BASIC = `Basic ${Buffer.from(`store.till:${createHash('md5').update(PASSWORD).digest('hex')}`).toString('base64')}`;

let server: ScenarioServer;
beforeAll(async () => {
  server = await startScenarioServer();
});
afterAll(async () => {
  await server.close();
});

const client = (extra: Partial<TargetGroupsClientOptions> = {}) =>
  createTargetGroupsClient({
    baseUrl: server.url,
    auth: { type: 'basic', username: 'store.till', password: PASSWORD },
    retry: { baseDelayMs: 1 },
    deprecationWarning: false,
    ...extra,
  } as TargetGroupsClientOptions);

interface Seen {
  hook: string;
  schemaPath: string;
  authorization?: string | null;
  status?: number;
  error?: unknown;
}

/** A tracing middleware as a team would write it: records each hook it sees, and tags each request. */
function tracing(seen: Seen[]): Middleware {
  return {
    onRequest({ request, schemaPath }) {
      seen.push({ hook: 'request', schemaPath, authorization: request.headers.get('authorization') });
      request.headers.set('X-Trace', 'trace-1');
      return request;
    },
    async onResponse({ response, schemaPath }) {
      // Reading a clone leaves the body to the client, as with any Response.
      await response.clone().text();
      seen.push({ hook: 'response', schemaPath, status: response.status });
      return response;
    },
    onError({ error, schemaPath }) {
      seen.push({ hook: 'error', schemaPath, error });
    },
  };
}

describe("a user's middleware sees every call", () => {
  test('getTargetGroups, fetchRaw and GET alike: the request before the credentials go in, the final answer', async () => {
    server.handle((_req, res) => json(res, 200, OK_BODY));
    const seen: Seen[] = [];
    const api = client();
    api.use(tracing(seen));
    const data = await api.getTargetGroups(566881933, { includeInactive: true });
    const raw = await api.fetchRaw(566881933);
    const { data: viaGet, response } = await api.GET(PATH, { params: { path: { userId: 566881933 } } });
    expect(data.userId).toBe(566881933);
    expect(JSON.parse(raw.text).data.userId).toBe(566881933);
    expect(viaGet?.data?.userId).toBe(566881933);
    expect(response.status).toBe(200);
    expect(seen).toEqual(
      [1, 2, 3].flatMap(() => [
        { hook: 'request', schemaPath: PATH, authorization: null },
        { hook: 'response', schemaPath: PATH, status: 200 },
      ]),
    );
    // Every request carried the client's credentials and the user's header.
    expect(server.received).toHaveLength(3);
    for (const request of server.received)
      expect(request.headers).toMatchObject({ authorization: BASIC, 'x-trace': 'trace-1' });
  });

  test('an OAuth token renewed after a 401: the user sees one request and the answer that came with the new token', async () => {
    let tokens = 0;
    server.handle((req, res) => {
      if (req.url === '/v3/oauth/token/generate')
        return json(res, 200, { data: { accessToken: `token-${++tokens}`, ttlSeconds: 300 }, errors: null });
      return req.headers['x-cap-api-oauth-token'] === 'token-2'
        ? json(res, 200, OK_BODY)
        : json(res, 401, vendorEnvelope(401, 'Invalid token'));
    });
    const seen: Seen[] = [];
    const api = client({ auth: { type: 'oauth', key: 'key-1', secret: 'secret-1' } });
    api.use(tracing(seen));
    expect((await api.getTargetGroups(1)).userId).toBe(566881933);
    expect(seen.map((s) => [s.hook, s.status])).toEqual([
      ['request', undefined],
      ['response', 200],
    ]);
    expect(server.received.filter((r) => r.path.startsWith('/v3/users/')).map((r) => r.headers['x-trace'])).toEqual([
      'trace-1',
      'trace-1',
    ]);
  });

  test("a fault reaches the user's onError as a TargetGroupsApiError, and the call rejects with it", async () => {
    server.handle(() => undefined); // never answers
    const seen: Seen[] = [];
    const api = client({ timeoutMs: 100 });
    api.use(tracing(seen));
    const error = await failure(api.getTargetGroups(1));
    expect(error.kind).toBe('timeout');
    expect(seen.map((s) => s.hook)).toEqual(['request', 'error']);
    expect(seen[1]!.error).toBe(error);
  });

  test('use and eject: middleware added late runs from then on, the client keeps its own next to fetch', async () => {
    server.handle((_req, res) => json(res, 200, OK_BODY));
    const header = (name: string): Middleware => ({
      onRequest({ request }) {
        request.headers.set(name, 'on');
        return request;
      },
    });
    const early = header('X-Early');
    const late = header('X-Late');
    const api = client();
    api.use(early);
    await api.getTargetGroups(1);
    api.use(late);
    await api.getTargetGroups(1);
    api.eject(early, late);
    await api.getTargetGroups(1);
    expect(server.received.map((r) => [r.headers['x-early'], r.headers['x-late'], r.headers.authorization])).toEqual([
      ['on', undefined, BASIC],
      ['on', 'on', BASIC],
      [undefined, undefined, BASIC],
    ]);
  });

  test("GET keeps openapi-fetch's { data, error }: an error envelope is `error`, a fault still throws", async () => {
    server.handle((_req, res) => json(res, 400, vendorEnvelope(310011, 'Invalid userId'), { 'X-Cap-Requestid': 'r4' }));
    const { data, error, response } = await client().GET(PATH, { params: { path: { userId: 1 } } });
    expect(data).toBeUndefined();
    expect(error).toEqual(vendorEnvelope(310011, 'Invalid userId'));
    expect(response.headers.get('x-cap-requestid')).toBe('r4');
    server.handle((req) => req.socket.destroy());
    const fault = await client({ retry: { attempts: 2, baseDelayMs: 1 } })
      .GET(PATH, { params: { path: { userId: 1 } } })
      .catch((e: unknown) => e);
    expect(fault).toBeInstanceOf(TargetGroupsApiError);
    expect(fault).toMatchObject({ kind: 'network', attempts: 2 });
    expect(server.received).toHaveLength(2);
  });
});

describe('a client of your own, with the exported fetch wrapper and middleware', () => {
  test('auth, retries and drift signals, one line each', async () => {
    const drifted = JSON.parse(OK_BODY);
    drifted.data.targetGroups[0].loyaltyTier = 'GOLD';
    let calls = 0;
    server.handle((_req, res) =>
      ++calls === 1 ? json(res, 503, vendorEnvelope(503, 'busy')) : json(res, 200, JSON.stringify(drifted)),
    );
    const reports: DriftReport[] = [];
    const own = createClient<paths>({
      baseUrl: server.url,
      fetch: createTargetGroupsFetch({ retry: { baseDelayMs: 1 } }),
    });
    const middleware = createTargetGroupsMiddleware({
      auth: { type: 'basic', username: 'store.till', password: PASSWORD },
      drift: { sampleRate: 1, onDrift: (report) => void reports.push(report) },
    });
    own.use(middleware);
    const { data, response } = await own.GET(PATH, { params: { path: { userId: 566881933 } } });
    expect(response.status).toBe(200);
    expect(data?.data?.userId).toBe(566881933);
    expect(server.received.map((r) => r.headers.authorization)).toEqual([BASIC, BASIC]);
    await middleware.drift.flush();
    expect(reports.map((r) => r.violations.map((v) => [v.pointer, v.severity]))).toEqual([
      [['/data/targetGroups/0/loyaltyTier', 'warning']],
    ]);
  });

  test('the fetch wrapper alone: a deadline, a size limit and no redirect', async () => {
    const quick = createTargetGroupsFetch({ timeoutMs: 100, retry: false });
    server.handle(() => undefined);
    expect(await failure(quick(new Request(`${server.url}/v3/users/1/targetGroups`)))).toMatchObject({
      kind: 'timeout',
    });
    // A deadline a loaded machine cannot miss, so the size limit and the redirect are what fail these calls.
    const fetchWrapper = createTargetGroupsFetch({ timeoutMs: 30_000, maxResponseBytes: 1000, retry: false });
    const wrapped = (url: string) => fetchWrapper(new Request(url));
    server.handle((_req, res) => json(res, 200, OK_BODY));
    expect(await failure(wrapped(`${server.url}/v3/users/1/targetGroups`))).toMatchObject({ kind: 'too-large' });
    server.handle((_req, res) => {
      res.writeHead(307, { Location: 'http://127.0.0.1:9/elsewhere' });
      res.end();
    });
    expect(await failure(wrapped(`${server.url}/v3/users/1/targetGroups`))).toMatchObject({ kind: 'redirect' });
  });

  test('options are checked where they are given', () => {
    expect(() => createTargetGroupsFetch({ retry: { attempts: 11 } })).toThrow(
      /createTargetGroupsFetch: .*retry\.attempts/,
    );
    expect(() => createTargetGroupsMiddleware({ auth: { type: 'basic' } as never })).toThrow(
      /createTargetGroupsMiddleware: `auth` must be/,
    );
  });
});
