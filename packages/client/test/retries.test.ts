// The client's time limits, retries and argument checks against the fake vendor, where the faults are a
// socket's: a server that never answers, stalls halfway, drops the connection, asks to wait, or is not there.
import { describe, expect, test } from 'vitest';
import { createTargetGroupsClient, type TargetGroupsClientOptions } from '../src/index.js';
import { startScenarioServer, vendorEnvelope } from '@target-groups/mock/scenarios';
import { OAUTH_KEY, OK_BODY, PASSWORD, vendorSuite, json } from './support/fakeVendor.js';

const { suite, basicClient, failure, thrown, credentialsNeverLeak } = vendorSuite({ errors: 25, requests: 20 });

describe('time limits and cancellation', () => {
  test('a slow answer times out', async () => {
    suite.server.handle(() => undefined); // never answers
    const started = Date.now();
    const error = await failure(basicClient({ timeoutMs: 150 }).getTargetGroups(566881933));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('150 ms');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('a body that stalls halfway times out too', async () => {
    suite.server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(OK_BODY.length) });
      res.write(OK_BODY.slice(0, 100));
    });
    expect((await failure(basicClient({ timeoutMs: 150 }).getTargetGroups(566881933))).kind).toBe('timeout');
  });

  test("the caller's signal stops the call at once and is never retried", async () => {
    const controller = new AbortController();
    // The server never answers; the caller aborts once this call's request has arrived (a timer could fire before it
    // is sent; a late request of an earlier test must not fire it).
    suite.server.handle((req) => {
      if (req.url?.startsWith('/v3/users/28/')) controller.abort(new Error('user navigated away'));
    });
    const started = Date.now();
    const error = await failure(basicClient({ timeoutMs: 5000 }).getTargetGroups(28, { signal: controller.signal }));
    expect(error.kind).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(2500); // far from the 5 s timeout
    // This call's requests only: a late request of an earlier test on the shared server is not this one's retry.
    expect(suite.server.received.filter((r) => r.path === '/v3/users/28/targetGroups')).toHaveLength(1);
  });

  test('an abort during the backoff wait ends the call', async () => {
    const controller = new AbortController();
    // The first answer asks for a 4 s wait; the caller aborts 100 ms into it.
    suite.server.handle((_req, res) => {
      json(res, 503, vendorEnvelope(503, 'busy'), { 'Retry-After': '4' });
      setTimeout(() => controller.abort(), 100);
    });
    const started = Date.now();
    const error = await failure(
      basicClient({ retry: { attempts: 3, maxDelayMs: 5000 } }).getTargetGroups(29, {
        signal: controller.signal,
      }),
    );
    expect(error.kind).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(3000); // the server asked for 4 s
    expect(suite.server.received.filter((r) => r.path === '/v3/users/29/targetGroups')).toHaveLength(1);
  });

  test('an already aborted signal sends nothing', async () => {
    suite.server.handle((_req, res) => json(res, 200, OK_BODY));
    const error = await failure(basicClient().getTargetGroups(566881933, { signal: AbortSignal.abort() }));
    expect(error.kind).toBe('aborted');
    expect(suite.server.received).toHaveLength(0);
  });
});

describe('retries', () => {
  test('503 with Retry-After in seconds: waits that long, then succeeds', async () => {
    let calls = 0;
    suite.server.handle((_req, res) =>
      ++calls === 1 ? json(res, 503, vendorEnvelope(503, 'busy'), { 'Retry-After': '1' }) : json(res, 200, OK_BODY),
    );
    const started = Date.now();
    await basicClient().getTargetGroups(566881933);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(suite.server.received).toHaveLength(2);
  });

  test('Retry-After as an HTTP date is honoured', async () => {
    let calls = 0;
    suite.server.handle((_req, res) =>
      ++calls === 1
        ? json(res, 429, vendorEnvelope(429, 'slow down'), { 'Retry-After': new Date(Date.now() + 2000).toUTCString() })
        : json(res, 200, OK_BODY),
    );
    const started = Date.now();
    await basicClient({ retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 3000 } }).getTargetGroups(566881933);
    // The date has whole seconds: the wait is between 1 and 2 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(suite.server.received).toHaveLength(2);
  });

  test.each([429, 502, 503, 504])('HTTP %i is retried, a bounded number of times', async (status) => {
    suite.server.handle((_req, res) => json(res, status, vendorEnvelope(status, 'try later')));
    const error = await failure(basicClient().getTargetGroups(566881933));
    expect(error).toMatchObject({ kind: 'http', status, attempts: 3 });
    expect(suite.server.received).toHaveLength(3);
  });

  test('a Retry-After longer than maxDelayMs ends the call and says how long to wait', async () => {
    suite.server.handle((_req, res) => json(res, 503, vendorEnvelope(503, 'maintenance'), { 'Retry-After': '120' }));
    const error = await failure(basicClient().getTargetGroups(566881933));
    expect(error).toMatchObject({ kind: 'http', status: 503, retryAfterMs: 120_000, attempts: 1 });
    expect(suite.server.received).toHaveLength(1);
  });

  test('retry: false sends one request', async () => {
    suite.server.handle((_req, res) => json(res, 502, vendorEnvelope(502, 'bad gateway')));
    expect((await failure(basicClient({ retry: false }).getTargetGroups(566881933))).attempts).toBe(1);
    expect(suite.server.received).toHaveLength(1);
  });

  test('a dropped connection is retried, and fails as a network error when it keeps happening', async () => {
    let calls = 0;
    suite.server.handle((req, res) => (++calls === 1 ? req.socket.destroy() : json(res, 200, OK_BODY)));
    await expect(basicClient().getTargetGroups(566881933)).resolves.toBeTruthy();
    expect(suite.server.received).toHaveLength(2);

    suite.server.handle((req) => req.socket.destroy());
    const error = await failure(basicClient().getTargetGroups(566881933));
    expect(error).toMatchObject({ kind: 'network', attempts: 3 });
    expect(error.status).toBeUndefined();
    expect(suite.server.received).toHaveLength(3);
  });

  test('a refused connection is a network error', async () => {
    const gone = await startScenarioServer();
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
    suite.server.handle((_req, res) => json(res, 200, OK_BODY));
    const error = await failure(basicClient().getTargetGroups(userId as number));
    expect(error.kind).toBe('invalid-argument');
    expect(error.message).toContain('userId must be a positive integer');
    expect(suite.server.received).toHaveLength(0);
  });

  test('query values of the wrong type', async () => {
    const client = basicClient();
    expect((await failure(client.getTargetGroups(1, { includeInactive: 'yes' as unknown as boolean }))).kind).toBe(
      'invalid-argument',
    );
    expect((await failure(client.getTargetGroups(1, { targetRuleId: 1.5 }))).kind).toBe('invalid-argument');
  });

  test('client options', () => {
    const attempt = (options: unknown) => thrown(() => createTargetGroupsClient(options as TargetGroupsClientOptions));
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

credentialsNeverLeak();
