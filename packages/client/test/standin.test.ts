// The client against the vendor stand-in (a socket, for the faults that need one) and against in-process answers
// through its `fetch` option (for what it makes of an answer): every failure mode of issue 3, and the auth flows.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TargetGroupsApiError, createTargetGroupsClient, type TargetGroupsClientOptions } from '../src/index.js';
import { failure as rejection } from './support/failure.js';
import { seedFixtures } from '@target-groups/spec';
import { envelopeError, json, startStandIn, type StandIn } from '@test/vendor-stand-in';

// Credentials that must never show up in anything the client throws or sends in a URL.
const PASSWORD = 'pw-Secret-7f3a9c';
const PASSWORD_MD5 = createHash('md5').update(PASSWORD).digest('hex');
const BASIC = `Basic ${Buffer.from(`store.till:${PASSWORD_MD5}`).toString('base64')}`;
const OAUTH_KEY = 'key-Secret-91b2';
const OAUTH_SECRET = 'secret-Secret-c4d5e6';
const TOKEN_PREFIX = 'tok-Secret-';
const READY_TOKEN = 'ready-Secret-0a1b2c';
const SECRETS = [PASSWORD, PASSWORD_MD5, BASIC.slice(6), OAUTH_SECRET, OAUTH_KEY, TOKEN_PREFIX, READY_TOKEN];

const seed = seedFixtures().find((s) => s.file === '566881933.json');
if (!seed) throw new Error('seed body 566881933.json is missing from spec/fixtures/seed');
const OK_BODY = seed.text;

let server: StandIn;
const provoked: unknown[] = [];

beforeAll(async () => {
  server = await startStandIn();
});
afterAll(async () => {
  await server.close();
});

function basicClient(extra: Partial<TargetGroupsClientOptions> = {}) {
  return createTargetGroupsClient({
    baseUrl: server.url,
    auth: { type: 'basic', username: 'store.till', password: PASSWORD },
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2000 },
    ...extra,
  } as TargetGroupsClientOptions);
}

/** The error the promise rejects with (a TargetGroupsApiError), kept for the credential check below. */
async function failure(promise: Promise<unknown>): Promise<TargetGroupsApiError> {
  const error = await rejection(promise);
  provoked.push(error);
  return error;
}

describe('success', () => {
  test('returns the typed data and sends what the vendor requires', async () => {
    server.handle((_req, res) => json(res, 200, OK_BODY, { 'X-Cap-Requestid': 'req-1' }));
    const data = await basicClient({ userAgent: 'shop-backend/2.1' }).getTargetGroups(566881933, {
      includeInactive: false,
      includeInactiveTargets: true,
      targetRuleId: 2996,
      headers: { Prefer: 'example=x' },
    });
    expect(data).toEqual((seed.value as { data: unknown }).data);
    const [req] = server.received;
    expect(req?.method).toBe('GET');
    expect(req?.path).toBe(
      '/v3/users/566881933/targetGroups?includeInactive=false&includeInactiveTargets=true&targetRuleId=2996',
    );
    expect(req?.headers.authorization).toBe(BASIC);
    expect(req?.headers.accept).toBe('application/json');
    expect(req?.headers['user-agent']).toBe('shop-backend/2.1');
    expect(req?.headers.prefer).toBe('example=x');
  });

  test('passes unknown enum values through unchanged', async () => {
    const body = JSON.parse(OK_BODY);
    body.data.targetGroups[0].trackingType = 'SOMETHING_NEW';
    server.handle((_req, res) => json(res, 200, body));
    const data = await basicClient().getTargetGroups(566881933);
    expect(data.targetGroups[0]?.trackingType).toBe('SOMETHING_NEW');
  });

  test('passwordMd5 gives the same header as the password; the default user agent names the client', async () => {
    server.handle((_req, res) => json(res, 200, OK_BODY));
    await createTargetGroupsClient({
      baseUrl: server.url,
      auth: { type: 'basic', username: 'store.till', passwordMd5: PASSWORD_MD5 },
    }).getTargetGroups('566881933');
    expect(server.received[0]?.headers.authorization).toBe(BASIC);
    expect(server.received[0]?.headers['user-agent']).toMatch(/^target-groups-client\/\d+\.\d+\.\d+/);
  });
});

describe('warnings on a successful answer', () => {
  test('reach onWarnings with the request id; an answer without warnings does not call it', async () => {
    const seen: Array<[unknown, string | undefined]> = [];
    const client = basicClient({ onWarnings: (warnings, requestId) => seen.push([warnings, requestId]) });
    const withWarnings = { ...JSON.parse(OK_BODY), warnings: [{ message: 'Target group 2750 is being phased out' }] };
    server.handle((_req, res) => json(res, 200, JSON.stringify(withWarnings), { 'X-Cap-Requestid': 'req-w' }));
    const data = await client.getTargetGroups(566881933);
    expect(data.userId).toBe(566881933);
    expect(seen).toEqual([[[{ message: 'Target group 2750 is being phased out' }], 'req-w']]);
    server.handle((_req, res) => json(res, 200, OK_BODY));
    await client.getTargetGroups(566881933);
    expect(seen).toHaveLength(1);
  });
});

/**
 * A client whose `fetch` answers in-process, without a socket: for tests about what the client makes of an answer.
 * `requests` holds what it sent.
 */
function answeredBy(status: number, body: unknown, headers: Record<string, string> = {}) {
  const requests: Request[] = [];
  const client = createTargetGroupsClient({
    baseUrl: 'https://eu.api.capillarytech.com',
    auth: { type: 'basic', username: 'store.till', password: PASSWORD },
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2000 },
    fetch: async (input, init) => {
      requests.push(new Request(input, init));
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      return new Response(text, { status, headers: { 'Content-Type': 'application/json', ...headers } });
    },
  });
  return { client, requests };
}

describe('errors in the vendor envelope', () => {
  test.each([
    [400, 310011, 'Invalid userId'],
    [401, 401, 'Invalid credentials'],
    [403, 403, 'Access denied'],
    [404, 404, 'Resource not found'],
    [500, 500, 'Internal server error'],
  ])('HTTP %i is thrown with status, errors and request id, not retried', async (status, code, message) => {
    const { client, requests } = answeredBy(status, envelopeError(code, message), {
      'X-Cap-Requestid': `rid-${status}`,
    });
    const error = await failure(client.getTargetGroups(566881933));
    expect(error).toMatchObject({
      kind: 'http',
      status,
      errors: [{ code, message }],
      requestId: `rid-${status}`,
      attempts: 1,
    });
    expect(error.code).toBe(code);
    expect(error.message).toContain(`HTTP ${status}`);
    expect(error.message).toContain(`${code} ${message}`);
    expect(error.message).toContain(`rid-${status}`);
    expect(requests).toHaveLength(1);
  });

  test('HTTP 200 with errors and no data is an error (kind api)', async () => {
    const { client } = answeredBy(200, envelopeError(8015, 'Customer not found for given identifiers'), {
      'X-Cap-Requestid': 'r200',
    });
    const error = await failure(client.getTargetGroups(566881933));
    expect(error).toMatchObject({ kind: 'api', status: 200, errors: [{ code: 8015 }], requestId: 'r200' });
    expect(error.message).toContain('8015 Customer not found');
  });

  test('HTTP 200 with neither data nor errors is an invalid body', async () => {
    const { client } = answeredBy(200, { data: null, errors: null, warnings: null });
    const error = await failure(client.getTargetGroups(566881933));
    expect(error).toMatchObject({ kind: 'invalid-body', status: 200 });
    expect(error.message).toContain('neither data nor errors');
  });
});

describe('bodies that are not the envelope', () => {
  test('non-JSON 200', async () => {
    const { client } = answeredBy(200, '<html>gateway</html>', { 'Content-Type': 'text/html' });
    const error = await failure(client.getTargetGroups(566881933));
    expect(error).toMatchObject({ kind: 'invalid-body', status: 200 });
    expect(error.message).toContain('body is not JSON');
  });

  test('non-JSON 500', async () => {
    const { client } = answeredBy(500, 'Internal Server Error', { 'Content-Type': 'text/plain' });
    const error = await failure(client.getTargetGroups(566881933));
    expect(error).toMatchObject({ kind: 'http', status: 500, errors: [] });
    expect(error.message).toContain('body is not JSON');
  });

  test('empty 200 (Content-Length: 0 and chunked)', async () => {
    server.handle((_req, res) => json(res, 200, ''));
    const error = await failure(basicClient().getTargetGroups(566881933));
    expect(error).toMatchObject({ kind: 'invalid-body', status: 200 });
    expect(error.message).toContain('empty body');
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end();
    });
    expect((await failure(basicClient().getTargetGroups(566881933))).message).toContain('empty body');
  });

  test('truncated body: Content-Length larger than what arrives, then the connection closes', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': String(OK_BODY.length),
        'X-Cap-Requestid': 'cut',
      });
      res.write(OK_BODY.slice(0, 200));
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const error = await failure(basicClient().getTargetGroups(566881933));
    expect(error).toMatchObject({ kind: 'invalid-body', status: 200, requestId: 'cut' });
    expect(error.message).toContain('cut short');
  });

  test('fetchRaw returns status and body text exactly as received, for any status', async () => {
    const text = '{"data":null,"errors":[{"code":310011,"message":"Invalid userId"}],"warnings":null}\n';
    server.handle((_req, res) => json(res, 400, text, { 'X-Cap-Requestid': 'raw-1' }));
    const raw = await basicClient().fetchRaw(566881933, { includeInactive: true });
    expect(raw).toMatchObject({ status: 400, text, requestId: 'raw-1' });
    expect(server.received[0]?.path).toBe('/v3/users/566881933/targetGroups?includeInactive=true');
    server.handle((_req, res) => json(res, 200, 'not json'));
    expect(await basicClient().fetchRaw(1)).toMatchObject({ status: 200, text: 'not json' });
  });
});

describe('time limits and cancellation', () => {
  test('a slow answer times out', async () => {
    server.handle(() => undefined); // never answers
    const started = Date.now();
    const error = await failure(basicClient({ timeoutMs: 150 }).getTargetGroups(566881933));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('150 ms');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('a body that stalls halfway times out too', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(OK_BODY.length) });
      res.write(OK_BODY.slice(0, 100));
    });
    expect((await failure(basicClient({ timeoutMs: 150 }).getTargetGroups(566881933))).kind).toBe('timeout');
  });

  test("the caller's signal stops the call at once and is never retried", async () => {
    server.handle(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user navigated away')), 50);
    const started = Date.now();
    const error = await failure(
      basicClient({ timeoutMs: 5000 }).getTargetGroups(566881933, { signal: controller.signal }),
    );
    expect(error.kind).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(2500); // far from the 5 s timeout
    expect(server.received).toHaveLength(1);
  });

  test('an abort during the backoff wait ends the call', async () => {
    server.handle((_req, res) => json(res, 503, envelopeError(503, 'busy'), { 'Retry-After': '4' }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await failure(
      basicClient({ retry: { attempts: 3, maxDelayMs: 5000 } }).getTargetGroups(566881933, {
        signal: controller.signal,
      }),
    );
    expect(error.kind).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(3000); // the server asked for 4 s
    expect(server.received).toHaveLength(1);
  });

  test('an already aborted signal sends nothing', async () => {
    server.handle((_req, res) => json(res, 200, OK_BODY));
    const error = await failure(basicClient().getTargetGroups(566881933, { signal: AbortSignal.abort() }));
    expect(error.kind).toBe('aborted');
    expect(server.received).toHaveLength(0);
  });
});

describe('retries', () => {
  test('503 with Retry-After in seconds: waits that long, then succeeds', async () => {
    let calls = 0;
    server.handle((_req, res) =>
      ++calls === 1 ? json(res, 503, envelopeError(503, 'busy'), { 'Retry-After': '1' }) : json(res, 200, OK_BODY),
    );
    const started = Date.now();
    await basicClient().getTargetGroups(566881933);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.received).toHaveLength(2);
  });

  test('Retry-After as an HTTP date is honoured', async () => {
    let calls = 0;
    server.handle((_req, res) =>
      ++calls === 1
        ? json(res, 429, envelopeError(429, 'slow down'), { 'Retry-After': new Date(Date.now() + 2000).toUTCString() })
        : json(res, 200, OK_BODY),
    );
    const started = Date.now();
    await basicClient({ retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 3000 } }).getTargetGroups(566881933);
    // The date has whole seconds: the wait is between 1 and 2 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(server.received).toHaveLength(2);
  });

  test.each([429, 502, 503, 504])('HTTP %i is retried, a bounded number of times', async (status) => {
    server.handle((_req, res) => json(res, status, envelopeError(status, 'try later')));
    const error = await failure(basicClient().getTargetGroups(566881933));
    expect(error).toMatchObject({ kind: 'http', status, attempts: 3 });
    expect(server.received).toHaveLength(3);
  });

  test('a Retry-After longer than maxDelayMs ends the call and says how long to wait', async () => {
    server.handle((_req, res) => json(res, 503, envelopeError(503, 'maintenance'), { 'Retry-After': '120' }));
    const error = await failure(basicClient().getTargetGroups(566881933));
    expect(error).toMatchObject({ kind: 'http', status: 503, retryAfterMs: 120_000, attempts: 1 });
    expect(server.received).toHaveLength(1);
  });

  test('retry: false sends one request', async () => {
    server.handle((_req, res) => json(res, 502, envelopeError(502, 'bad gateway')));
    expect((await failure(basicClient({ retry: false }).getTargetGroups(566881933))).attempts).toBe(1);
    expect(server.received).toHaveLength(1);
  });

  test('a dropped connection is retried, and fails as a network error when it keeps happening', async () => {
    let calls = 0;
    server.handle((req, res) => (++calls === 1 ? req.socket.destroy() : json(res, 200, OK_BODY)));
    await expect(basicClient().getTargetGroups(566881933)).resolves.toBeTruthy();
    expect(server.received).toHaveLength(2);

    server.handle((req) => req.socket.destroy());
    const error = await failure(basicClient().getTargetGroups(566881933));
    expect(error).toMatchObject({ kind: 'network', attempts: 3 });
    expect(error.status).toBeUndefined();
    expect(server.received).toHaveLength(3);
  });

  test('a refused connection is a network error', async () => {
    const gone = await startStandIn();
    const url = gone.url;
    await gone.close();
    const client = createTargetGroupsClient({
      baseUrl: url,
      auth: { type: 'basic', username: 'store.till', password: PASSWORD },
      retry: { attempts: 2, baseDelayMs: 1 },
    });
    const error = await failure(client.getTargetGroups(566881933));
    expect(error).toMatchObject({ kind: 'network', attempts: 2 });
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('bad arguments are rejected before anything is sent', () => {
  test.each([[0], [-5], [1.5], ['abc'], ['12a'], [Number.NaN], [2 ** 60]])('userId %s', async (userId) => {
    server.handle((_req, res) => json(res, 200, OK_BODY));
    const error = await failure(basicClient().getTargetGroups(userId as number));
    expect(error.kind).toBe('invalid-argument');
    expect(error.message).toContain('userId must be a positive integer');
    expect(server.received).toHaveLength(0);
  });

  test('query values of the wrong type', async () => {
    const client = basicClient();
    expect((await failure(client.getTargetGroups(1, { includeInactive: 'yes' as unknown as boolean }))).kind).toBe(
      'invalid-argument',
    );
    expect((await failure(client.getTargetGroups(1, { targetRuleId: 1.5 }))).kind).toBe('invalid-argument');
  });

  test('client options', () => {
    const attempt = (options: unknown) => {
      try {
        createTargetGroupsClient(options as TargetGroupsClientOptions);
      } catch (error) {
        provoked.push(error);
        return error as TargetGroupsApiError;
      }
      throw new Error('expected createTargetGroupsClient to throw');
    };
    const basic = { type: 'basic', username: 'store.till', password: PASSWORD };
    expect(attempt({ auth: basic }).message).toContain('baseUrl');
    expect(attempt({ baseUrl: 'https://eu.api.capillarytech.com', cluster: 'eu', auth: basic }).kind).toBe(
      'invalid-argument',
    );
    expect(attempt({ cluster: 'mars', auth: basic }).message).toContain('india, asia2, eu, us, china');
    expect(attempt({ baseUrl: `https://store.till:${PASSWORD}@eu.api.capillarytech.com`, auth: basic }).kind).toBe(
      'invalid-argument',
    );
    expect(attempt({ cluster: 'eu', auth: { type: 'basic', username: 'store.till' } }).message).toContain('password');
    expect(attempt({ cluster: 'eu', auth: { type: 'basic', username: 'u', passwordMd5: 'nothex' } }).message).toContain(
      '32 hex',
    );
    expect(attempt({ cluster: 'eu', auth: { type: 'oauth', key: OAUTH_KEY } }).message).toContain('secret');
    expect(attempt({ cluster: 'eu', auth: { type: 'token', token: '' } }).message).toContain('token');
    expect(attempt({ cluster: 'eu', auth: { type: 'magic' } }).message).toContain('got type "magic"');
    expect(attempt({ cluster: 'eu', auth: basic, retry: { attempts: 0 } }).message).toContain('retry.attempts');
    expect(createTargetGroupsClient({ cluster: 'india', auth: basic as never }).baseUrl).toBe(
      'https://apac.api.capillarytech.com',
    );
  });
});

describe('token auth', () => {
  test('a ready token is sent in X-CAP-API-OAUTH-TOKEN, a function is asked before each request', async () => {
    server.handle((_req, res) => json(res, 200, OK_BODY));
    await createTargetGroupsClient({
      baseUrl: server.url,
      auth: { type: 'token', token: READY_TOKEN },
    }).getTargetGroups(1);
    expect(server.received[0]?.headers['x-cap-api-oauth-token']).toBe(READY_TOKEN);
    expect(server.received[0]?.headers.authorization).toBeUndefined();
    let n = 0;
    server.handle((_req, res) => json(res, 200, OK_BODY));
    const client = createTargetGroupsClient({
      baseUrl: server.url,
      auth: { type: 'token', token: async () => `${READY_TOKEN}-${++n}` },
    });
    await client.getTargetGroups(1);
    await client.getTargetGroups(1);
    expect(server.received.map((r) => r.headers['x-cap-api-oauth-token'])).toEqual([
      `${READY_TOKEN}-1`,
      `${READY_TOKEN}-2`,
    ]);
  });
});

describe('OAuth', () => {
  interface OAuthServer {
    tokenRequests: number;
    issued: string[];
    /** Tokens the API accepts; others get 401. */
    valid: Set<string>;
  }
  function oauthServer(ttlSeconds: number, opts: { rejectFirstToken?: boolean; delayMs?: number } = {}): OAuthServer {
    const state: OAuthServer = { tokenRequests: 0, issued: [], valid: new Set() };
    server.handle(async (req, res) => {
      if (req.url === '/v3/oauth/token/generate') {
        expect(req.method).toBe('POST');
        expect(JSON.parse(req.body)).toEqual({ key: OAUTH_KEY, secret: OAUTH_SECRET });
        state.tokenRequests++;
        if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
        const token = `${TOKEN_PREFIX}${state.tokenRequests}`;
        state.issued.push(token);
        if (!(opts.rejectFirstToken && state.tokenRequests === 1)) state.valid.add(token);
        return json(res, 200, { data: { accessToken: token, ttlSeconds }, errors: null });
      }
      const token = String(req.headers['x-cap-api-oauth-token'] ?? '');
      return state.valid.has(token) ? json(res, 200, OK_BODY) : json(res, 401, envelopeError(401, 'Invalid token'));
    });
    return state;
  }
  const oauthClient = () =>
    createTargetGroupsClient({
      baseUrl: server.url,
      auth: { type: 'oauth', key: OAUTH_KEY, secret: OAUTH_SECRET },
      retry: { baseDelayMs: 1 },
    });

  test('the token is generated once and reused while it is fresh', async () => {
    const state = oauthServer(300);
    const client = oauthClient();
    await client.getTargetGroups(1);
    await client.getTargetGroups(1);
    expect(state.tokenRequests).toBe(1);
    const apiCalls = server.received.filter((r) => r.path.startsWith('/v3/users/'));
    expect(apiCalls.map((r) => r.headers['x-cap-api-oauth-token'])).toEqual([`${TOKEN_PREFIX}1`, `${TOKEN_PREFIX}1`]);
    expect(apiCalls.every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  test('a token is renewed shortly before its TTL ends', async () => {
    const state = oauthServer(1); // renewed 100 ms before the second is over
    const client = oauthClient();
    await client.getTargetGroups(1);
    await new Promise((r) => setTimeout(r, 500));
    await client.getTargetGroups(1);
    expect(state.tokenRequests).toBe(1);
    await new Promise((r) => setTimeout(r, 450));
    await client.getTargetGroups(1);
    expect(state.tokenRequests).toBe(2);
  });

  test('a 401 renews the token once and repeats the request', async () => {
    const state = oauthServer(300, { rejectFirstToken: true });
    const data = await oauthClient().getTargetGroups(1);
    expect(data.userId).toBe(566881933);
    expect(state.tokenRequests).toBe(2);
    const apiCalls = server.received.filter((r) => r.path.startsWith('/v3/users/'));
    expect(apiCalls.map((r) => r.headers['x-cap-api-oauth-token'])).toEqual([`${TOKEN_PREFIX}1`, `${TOKEN_PREFIX}2`]);
  });

  test('a second 401 is the answer: thrown, no endless renewal', async () => {
    const state = oauthServer(300);
    state.valid.add('never');
    server.handle(async (req, res) => {
      if (req.url === '/v3/oauth/token/generate') {
        state.tokenRequests++;
        return json(res, 200, {
          data: { accessToken: `${TOKEN_PREFIX}${state.tokenRequests}`, ttlSeconds: 300 },
          errors: null,
        });
      }
      return json(res, 401, envelopeError(401, 'Invalid token'), { 'X-Cap-Requestid': 'r401' });
    });
    const error = await failure(oauthClient().getTargetGroups(1));
    expect(error).toMatchObject({ kind: 'http', status: 401, requestId: 'r401' });
    expect(state.tokenRequests).toBe(2);
  });

  test('100 concurrent calls share one token request', async () => {
    const state = oauthServer(300, { delayMs: 100 });
    const client = oauthClient();
    const results = await Promise.all(Array.from({ length: 100 }, () => client.getTargetGroups(566881933)));
    expect(results).toHaveLength(100);
    expect(results.every((r) => r.userId === 566881933)).toBe(true);
    expect(state.tokenRequests).toBe(1);
    expect(server.received.filter((r) => r.path.startsWith('/v3/users/'))).toHaveLength(100);
  });

  test('a failed token request is an error of the token operation', async () => {
    server.handle((_req, res) =>
      json(res, 401, envelopeError(310145, 'invalid key'), { 'X-Cap-Requestid': 'tok-rid' }),
    );
    const error = await failure(oauthClient().getTargetGroups(1));
    expect(error).toMatchObject({
      kind: 'http',
      operation: 'generateToken',
      status: 401,
      errors: [{ code: 310145 }],
      requestId: 'tok-rid',
    });
    expect(error.message).toContain('OAuth token request failed');
    server.handle((_req, res) => json(res, 200, { data: {}, errors: null }));
    const noToken = await failure(oauthClient().getTargetGroups(1));
    expect(noToken).toMatchObject({ kind: 'invalid-body', operation: 'generateToken' });
    expect(noToken.message).toContain('accessToken');
  });

  test('client.raw uses the same token cache: a rejected token is renewed once, getTargetGroups reuses the new one', async () => {
    const state = oauthServer(300, { rejectFirstToken: true });
    const client = oauthClient();
    const { data, response } = await client.raw.GET('/v3/users/{userId}/targetGroups', {
      params: { path: { userId: 1 } },
    });
    expect(response.status).toBe(200);
    expect(data?.data?.userId).toBe(566881933);
    await client.getTargetGroups(1);
    expect(state.tokenRequests).toBe(2);
    const apiCalls = server.received.filter((r) => r.path.startsWith('/v3/users/'));
    expect(apiCalls.map((r) => r.headers['x-cap-api-oauth-token'])).toEqual([
      `${TOKEN_PREFIX}1`,
      `${TOKEN_PREFIX}2`,
      `${TOKEN_PREFIX}2`,
    ]);
  });
});

describe('client.raw (openapi-fetch, loaded on its first call)', () => {
  test('sends the base URL, headers and Basic auth; its middleware runs for raw calls, not for getTargetGroups', async () => {
    server.handle((_req, res) => json(res, 200, OK_BODY));
    const client = basicClient({ headers: { 'X-CAP-API-ATTRIBUTION-ENTITY-TYPE': 'TILL' } });
    const seen: string[] = [];
    client.raw.use({
      onRequest({ request }) {
        seen.push(request.url);
        request.headers.set('X-Trace', 't1');
        return request;
      },
    });
    const { data, response } = await client.raw.GET('/v3/users/{userId}/targetGroups', {
      params: { path: { userId: 566881933 }, query: { includeInactive: true } },
    });
    expect(response.status).toBe(200);
    expect(data?.data?.userId).toBe(566881933);
    await client.getTargetGroups(566881933);
    const [viaRaw, viaClient] = server.received;
    expect(viaRaw?.path).toBe('/v3/users/566881933/targetGroups?includeInactive=true');
    expect(viaRaw?.headers).toMatchObject({
      authorization: BASIC,
      accept: 'application/json',
      'x-cap-api-attribution-entity-type': 'TILL',
      'x-trace': 't1',
    });
    expect(viaClient?.headers.authorization).toBe(BASIC);
    expect(viaClient?.headers['x-trace']).toBeUndefined();
    expect(seen).toEqual([`${server.url}/v3/users/566881933/targetGroups?includeInactive=true`]);
  });

  test('use and eject work before and after raw has loaded', async () => {
    server.handle((_req, res) => json(res, 200, OK_BODY));
    const client = basicClient();
    const header = (name: string) => ({
      onRequest({ request }: { request: Request }) {
        request.headers.set(name, 'on');
        return request;
      },
    });
    const early = header('X-Early');
    const kept = header('X-Kept');
    const late = header('X-Late');
    client.raw.use(early, kept);
    client.raw.eject(early);
    const get = () => client.raw.GET('/v3/users/{userId}/targetGroups', { params: { path: { userId: 1 } } });
    await get();
    client.raw.use(late);
    await get();
    client.raw.eject(late);
    await get();
    expect(server.received.map((r) => [r.headers['x-early'], r.headers['x-kept'], r.headers['x-late']])).toEqual([
      [undefined, 'on', undefined],
      [undefined, 'on', 'on'],
      [undefined, 'on', undefined],
    ]);
  });

  test('a ready token goes into X-CAP-API-OAUTH-TOKEN', async () => {
    server.handle((_req, res) => json(res, 200, OK_BODY));
    const client = createTargetGroupsClient({
      baseUrl: server.url,
      auth: { type: 'token', token: async () => READY_TOKEN },
    });
    const { response } = await client.raw.GET('/v3/users/{userId}/targetGroups', { params: { path: { userId: 1 } } });
    expect(response.status).toBe(200);
    expect(server.received[0]?.headers['x-cap-api-oauth-token']).toBe(READY_TOKEN);
    expect(server.received[0]?.headers.authorization).toBeUndefined();
  });
});

describe('credentials never leak', () => {
  test('no provoked error holds a credential in its message, fields, JSON, stack or cause', () => {
    expect(provoked.length).toBeGreaterThan(30);
    for (const error of provoked) {
      const e = error as TargetGroupsApiError;
      const views = [
        e.message,
        e.stack ?? '',
        JSON.stringify(e),
        JSON.stringify(Object.getOwnPropertyNames(e).map((k) => String((e as unknown as Record<string, unknown>)[k]))),
        String(e.cause ?? ''),
        (e.cause as Error | undefined)?.stack ?? '',
        JSON.stringify(e.cause ?? null),
        String(((e.cause as { cause?: unknown } | undefined)?.cause as Error | undefined)?.message ?? ''),
      ];
      for (const view of views)
        for (const secret of SECRETS) expect(view, `${e.kind}: ${e.message}`).not.toContain(secret);
    }
  });

  test('no request URL held a credential', () => {
    expect(server.requests.length).toBeGreaterThan(100);
    for (const request of server.requests) for (const secret of SECRETS) expect(request.path).not.toContain(secret);
  });
});
