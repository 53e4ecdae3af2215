// The client against the fake vendor (a socket, for the faults that need one) and against in-process answers
// through its `fetch` option (for what it makes of an answer): what it makes of answers and bodies.
import { describe, expect, test } from 'vitest';
import { createTargetGroupsClient } from '../src/index.js';
import { vendorEnvelope } from '@target-groups/mock/scenarios';
import { BASIC, OK_BODY, OK_VALUE, PASSWORD, PASSWORD_MD5, vendorSuite, json } from './support/fakeVendor.js';

const { suite, basicClient, failure, credentialsNeverLeak } = vendorSuite({ errors: 10, requests: 10 });

describe('success', () => {
  test('returns the typed data and sends what the vendor requires', async () => {
    suite.server.handle((_req, res) => json(res, 200, OK_BODY, { 'X-Cap-Requestid': 'req-1' }));
    const data = await basicClient({ userAgent: 'shop-backend/2.1' }).getTargetGroups(566881933, {
      includeInactive: false,
      includeInactiveTargets: true,
      targetRuleId: 2996,
      headers: { Prefer: 'example=x' },
    });
    expect(data).toEqual((OK_VALUE as { data: unknown }).data);
    const [req] = suite.server.received;
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
    suite.server.handle((_req, res) => json(res, 200, body));
    const data = await basicClient().getTargetGroups(566881933);
    expect(data.targetGroups[0]?.trackingType).toBe('SOMETHING_NEW');
  });

  test('passwordMd5 gives the same header as the password; the default user agent names the client', async () => {
    suite.server.handle((_req, res) => json(res, 200, OK_BODY));
    await createTargetGroupsClient({
      baseUrl: suite.server.url,
      auth: { type: 'basic', username: 'store.till', passwordMd5: PASSWORD_MD5 },
    }).getTargetGroups('566881933');
    expect(suite.server.received[0]?.headers.authorization).toBe(BASIC);
    expect(suite.server.received[0]?.headers['user-agent']).toMatch(/^target-groups-client\/\d+\.\d+\.\d+/);
  });
});

describe('warnings on a successful answer', () => {
  test('reach onWarnings with the request id; an answer without warnings does not call it', async () => {
    const seen: Array<[unknown, string | undefined]> = [];
    const client = basicClient({ onWarnings: (warnings, requestId) => seen.push([warnings, requestId]) });
    const withWarnings = { ...JSON.parse(OK_BODY), warnings: [{ message: 'Target group 2750 is being phased out' }] };
    suite.server.handle((_req, res) => json(res, 200, JSON.stringify(withWarnings), { 'X-Cap-Requestid': 'req-w' }));
    const data = await client.getTargetGroups(566881933);
    expect(data.userId).toBe(566881933);
    expect(seen).toEqual([[[{ message: 'Target group 2750 is being phased out' }], 'req-w']]);
    suite.server.handle((_req, res) => json(res, 200, OK_BODY));
    await client.getTargetGroups(566881933);
    expect(seen).toHaveLength(1);
  });

  test('a malformed item reaches onWarnings too, as a message that quotes it', async () => {
    const seen: unknown[] = [];
    const client = basicClient({ onWarnings: (warnings) => seen.push(...warnings) });
    const warnings = [{ message: 'ok' }, 'phased out', null, { code: 7 }, { message: 42 }];
    suite.server.handle((_req, res) => json(res, 200, JSON.stringify({ ...JSON.parse(OK_BODY), warnings })));
    await client.getTargetGroups(566881933);
    expect(seen).toEqual([
      { message: 'ok' },
      { message: 'a warning item without a message: "phased out"' },
      { message: 'a warning item without a message: null' },
      { message: 'a warning item without a message: {"code":7}' },
      { message: 'a warning item without a message: {"message":42}' },
    ]);
  });

  test("a malformed item's quote is scrubbed as a whole, a key or a number included, and cut short", async () => {
    const seen: { message: string }[] = [];
    const pin = '12345678';
    const client = basicClient({
      auth: { type: 'basic', username: 'store.till', password: pin },
      onWarnings: (warnings) => seen.push(...warnings),
    });
    const warnings = [{ echoed: Number(pin) }, { [pin]: true }, { note: 'x'.repeat(5000) }];
    suite.server.handle((_req, res) => json(res, 200, JSON.stringify({ ...JSON.parse(OK_BODY), warnings })));
    await client.getTargetGroups(566881933);
    expect(seen.map((w) => w.message.slice(0, 60))).toEqual([
      'a warning item without a message: {"echoed":[redacted]}',
      'a warning item without a message: {"[redacted]":true}',
      `a warning item without a message: {"note":"${'x'.repeat(17)}`,
    ]);
    expect(seen[2]!.message.length).toBeLessThan(600);
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
    const { client, requests } = answeredBy(status, vendorEnvelope(code, message), {
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
    const { client } = answeredBy(200, vendorEnvelope(8015, 'Customer not found for given identifiers'), {
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
    suite.server.handle((_req, res) => json(res, 200, ''));
    const error = await failure(basicClient().getTargetGroups(566881933));
    expect(error).toMatchObject({ kind: 'invalid-body', status: 200 });
    expect(error.message).toContain('empty body');
    suite.server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end();
    });
    expect((await failure(basicClient().getTargetGroups(566881933))).message).toContain('empty body');
  });

  test('truncated body: Content-Length larger than what arrives, then the connection closes', async () => {
    suite.server.handle((_req, res) => {
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
    suite.server.handle((_req, res) => json(res, 400, text, { 'X-Cap-Requestid': 'raw-1' }));
    const raw = await basicClient().fetchRaw(566881933, { includeInactive: true });
    expect(raw).toMatchObject({ status: 400, text, requestId: 'raw-1' });
    expect(suite.server.received[0]?.path).toBe('/v3/users/566881933/targetGroups?includeInactive=true');
    suite.server.handle((_req, res) => json(res, 200, 'not json'));
    expect(await basicClient().fetchRaw(1)).toMatchObject({ status: 200, text: 'not json' });
  });
});

credentialsNeverLeak();
