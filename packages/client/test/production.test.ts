// Drift signals, capture, deprecation and error evidence (issue 12), through the client's `fetch` option: the
// scenario engine's forwardCompatible answers, or a hand-made drifted body, and no socket.
import { createMockFetch } from '@target-groups/mock/scenarios';
import { seedFixtures } from '@target-groups/spec';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createDriftMonitor } from '../src/drift.js';
import {
  DEPRECATION_WARNING_CODE,
  type DeprecationNotice,
  type DriftReport,
  TargetGroupsApiError,
  type TargetGroupsClientOptions,
  createTargetGroupsClient,
} from '../src/index.js';
import { forgetDeprecationWarning } from './support/deprecationWarning.js';
import { failure } from './support/failure.js';

const seed = seedFixtures().find((fixture) => fixture.file.endsWith('566881933.json'));
if (!seed) throw new Error('seed body 566881933.json not found');

/** The seed answer with one drift of each kind: a new property, a null the contract has none for, a new enum value. */
function driftedText(): string {
  const body = structuredClone(seed!.value) as { data: { targetGroups: Record<string, unknown>[] } };
  const group = body.data.targetGroups[0]!;
  group.loyaltyTier = 'GOLD';
  group.name = null;
  group.targetEvaluationType = 'ROLLING_WINDOW';
  return JSON.stringify(body, null, 2);
}
const DRIFT = {
  '/data/targetGroups/0/loyaltyTier': 'warning',
  '/data/targetGroups/0/name': 'error',
  '/data/targetGroups/0/targetEvaluationType': 'warning',
};

const answering =
  (text: string, init: ResponseInit = { headers: { 'content-type': 'application/json' } }) =>
  async () =>
    new Response(text, init);

function client(options: Partial<TargetGroupsClientOptions>) {
  return createTargetGroupsClient({
    baseUrl: 'https://eu.api.capillarytech.com',
    auth: { type: 'basic', username: 'store.till', password: 'secret' },
    deprecationWarning: false,
    ...options,
  } as TargetGroupsClientOptions);
}

/** Resolves with the reports `onDrift` received once `count` of them arrived (or fails the test after 5 s). */
function driftReports(count: number) {
  const reports: DriftReport[] = [];
  let done: (value: DriftReport[]) => void;
  const all = new Promise<DriftReport[]>((resolve) => {
    done = resolve;
  });
  return {
    onDrift: (report: DriftReport) => {
      reports.push(report);
      if (reports.length === count) done(reports);
    },
    all,
    reports,
  };
}

afterEach(() => vi.restoreAllMocks());

describe('drift signals', () => {
  test('a drifted answer: onDrift gets each pointer with its severity, the value returned is the body as sent', async () => {
    const text = driftedText();
    const seen = driftReports(1);
    const api = client({ fetch: answering(text), drift: { sampleRate: 1, onDrift: seen.onDrift } });
    const data = await api.getTargetGroups(566881933);
    // Nothing reported before the caller has its value: the check runs in a later task.
    expect(seen.reports).toEqual([]);
    expect(data).toEqual(JSON.parse(text).data);
    const [report] = await seen.all;
    expect(Object.fromEntries(report!.violations.map((v) => [v.pointer, v.severity]))).toEqual(DRIFT);
    expect(report).toMatchObject({ status: 200, requestId: undefined });
    expect(data).toEqual(JSON.parse(text).data);
  });

  test('a flood of one drift is one signal within the window; after it, the drift is reported again', async () => {
    let now = 0;
    const reports: DriftReport[] = [];
    const { observe } = createDriftMonitor(
      { sampleRate: 1, onDrift: (r) => reports.push(r), dedupeWindowMs: 1000 },
      { now: () => now },
    );
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
    for (let i = 0; i < 20; i++) observe(driftedText(), 200, `r${i}`);
    await vi.waitFor(() => expect(reports).toHaveLength(1), { timeout: 5000 });
    await settle();
    expect(reports).toHaveLength(1);
    now = 1500;
    observe(driftedText(), 200, 'later');
    await vi.waitFor(() => expect(reports).toHaveLength(2), { timeout: 5000 });
    expect(reports[1]!.requestId).toBe('later');
  });

  test('the same drift in every item of a list is reported once, at its first item', async () => {
    const seen = driftReports(1);
    const { observe } = createDriftMonitor({ sampleRate: 1, onDrift: seen.onDrift });
    const body = structuredClone(seed!.value) as { data: { targetGroups: Record<string, unknown>[] } };
    body.data.targetGroups.push(structuredClone(body.data.targetGroups[0]!));
    for (const group of body.data.targetGroups) group.loyaltyTier = 'GOLD';
    observe(JSON.stringify(body), 200, undefined);
    const [report] = await seen.all;
    expect(report!.violations.map((v) => v.pointer)).toEqual(['/data/targetGroups/0/loyaltyTier']);
  });

  test('forwardCompatible answers (drifted but valid) come back as the scenario sent them, and are reported', async () => {
    const seen = driftReports(1);
    const mockFetch = createMockFetch();
    let sent = '';
    const api = client({
      fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
        const response = await mockFetch(input, init);
        sent = await response.clone().text();
        return response;
      },
      drift: { sampleRate: 1, onDrift: seen.onDrift },
    });
    const data = await api.getTargetGroups(5, { headers: { Prefer: 'scenario=forwardCompatible' } });
    expect(data).toEqual(JSON.parse(sent).data);
    const [report] = await seen.all;
    expect(report!.violations.length).toBeGreaterThan(0);
    expect(report!.violations.every((v) => v.severity === 'warning')).toBe(true);
  });

  test('sampleRate 0 checks nothing; a throwing onDrift goes to onError, never to the caller', async () => {
    const onDrift = vi.fn();
    await client({ fetch: answering(driftedText()), drift: { sampleRate: 0, onDrift } }).getTargetGroups(1);
    const errors: unknown[] = [];
    const api = client({
      fetch: answering(driftedText()),
      drift: {
        sampleRate: 1,
        onDrift: () => {
          throw new Error('consumer bug');
        },
        onError: (error) => errors.push(error),
      },
    });
    await expect(api.getTargetGroups(1)).resolves.toBeTruthy();
    await vi.waitFor(() => expect(errors).toHaveLength(1), { timeout: 5000 });
    expect(String(errors[0])).toContain('consumer bug');
    expect(onDrift).not.toHaveBeenCalled();
  });

  test('bad drift options are refused when the client is created', () => {
    for (const drift of [{ sampleRate: 2, onDrift() {} }, { sampleRate: -0.1, onDrift() {} }, { sampleRate: 0.5 }]) {
      expect(() => client({ drift } as Partial<TargetGroupsClientOptions>)).toThrow(
        /`drift` needs `sampleRate` 0 to 1/,
      );
    }
    expect(() => client({ drift: { sampleRate: 1, onDrift() {}, dedupeWindowMs: -1 } })).toThrow(TargetGroupsApiError);
  });

  test('capture: every sampled body as one NDJSON line, to a callback or a writable stream', async () => {
    const lines: string[] = [];
    const chunks: string[] = [];
    const text = driftedText();
    await client({
      fetch: answering(text),
      drift: { sampleRate: 1, capture: (line) => lines.push(line) },
    }).getTargetGroups(1);
    await client({
      fetch: answering(text),
      drift: { sampleRate: 1, capture: { write: (chunk: string) => chunks.push(chunk) } },
    }).getTargetGroups(1);
    await vi.waitFor(() => expect([...lines, ...chunks]).toHaveLength(2), { timeout: 5000 });
    for (const line of [...lines, ...chunks]) {
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1)).not.toMatch(/[\r\n]/);
      expect(JSON.parse(line)).toEqual(JSON.parse(text));
    }
  });
});

describe('deprecation', () => {
  test('the first call in a process emits one DeprecationWarning with a stable code; the option turns it off', async () => {
    forgetDeprecationWarning();
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const body = JSON.stringify(seed!.value);
    await client({ fetch: answering(body), deprecationWarning: false }).getTargetGroups(1);
    expect(emit).not.toHaveBeenCalled();
    const api = client({ fetch: answering(body), deprecationWarning: true });
    await api.getTargetGroups(1);
    await api.getTargetGroups(1);
    await client({ fetch: answering(body), deprecationWarning: true }).getTargetGroups(1);
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit.mock.calls[0]![1]).toMatchObject({ type: 'DeprecationWarning', code: DEPRECATION_WARNING_CODE });
  });

  test('Deprecation, Sunset and a successor-version Link reach onDeprecation once per distinct value, dates parsed', async () => {
    const notices: DeprecationNotice[] = [];
    const headers = (sunset: string) => ({
      'content-type': 'application/json',
      deprecation: '@1688169599',
      sunset,
      link: '<https://docs.example.com/a>; rel="alternate", <https://eu.api.capillarytech.com/v3/promotions>; rel="successor-version"',
      'x-cap-requestid': 'req-1',
    });
    let sunset = 'Wed, 31 Dec 2025 23:59:59 GMT';
    const body = JSON.stringify(seed!.value);
    const api = client({
      fetch: async () => new Response(body, { headers: headers(sunset) }),
      onDeprecation: (notice) => notices.push(notice),
    });
    await api.getTargetGroups(1);
    await api.getTargetGroups(1);
    sunset = 'Thu, 01 Jan 2026 00:00:00 GMT';
    await api.getTargetGroups(1);
    await vi.waitFor(() => expect(notices).toHaveLength(2), { timeout: 5000 });
    expect(notices[0]).toEqual({
      deprecation: new Date(1688169599 * 1000),
      sunset: new Date('2025-12-31T23:59:59Z'),
      link: 'https://eu.api.capillarytech.com/v3/promotions',
      requestId: 'req-1',
    });
    expect(notices[1]!.sunset).toEqual(new Date('2026-01-01T00:00:00Z'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(notices).toHaveLength(2);
  });
});

describe('errors keep their evidence', () => {
  test("a gateway's HTML page: a bounded excerpt and the content type", async () => {
    const page = `<html><body><h1>502 Bad Gateway</h1>${'x'.repeat(5000)}</body></html>`;
    const error = await failure(
      client({
        fetch: answering(page, { status: 502, headers: { 'content-type': 'text/html' } }),
        retry: false,
      }).getTargetGroups(1),
    );
    expect(error).toMatchObject({ kind: 'http', status: 502, contentType: 'text/html' });
    expect(error.bodyExcerpt).toBe(page.slice(0, 512));
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ bodyExcerpt: page.slice(0, 512) });
  });

  test('a truncated JSON body on a 200 keeps its start', async () => {
    const text = JSON.stringify(seed!.value).slice(0, 300);
    const error = await failure(client({ fetch: answering(text) }).getTargetGroups(1));
    expect(error).toMatchObject({ kind: 'invalid-body', bodyExcerpt: text, contentType: 'application/json' });
  });

  test("a problem document (the contract mock's answer to a Prefer it does not know) keeps its excerpt and says why", async () => {
    const error = await failure(
      client({ fetch: createMockFetch() }).getTargetGroups(566881933, {
        headers: { Prefer: 'scenario=noTargetGroup' },
      }),
    );
    expect(error).toMatchObject({ kind: 'http', status: 422, contentType: 'application/problem+json', errors: [] });
    expect(error.bodyExcerpt).toMatch(/^\{"type":"urn:target-groups-mock:unknown-scenario","title":"Unknown scenario"/);
    expect(error.bodyExcerpt).toHaveLength(512);
    expect(error.bodyExcerpt).toMatch(
      /"detail":"The mock has no scenario \\"noTargetGroup\\"\. Valid scenarios: .*noTargetGroups/,
    );
    expect(error.message).toBe('HTTP 422: body is not the { data, errors, warnings } envelope');
  });

  test('an envelope keeps no excerpt: its errors say what happened', async () => {
    const text = JSON.stringify({ data: null, errors: [{ code: 310011, message: 'Invalid userId' }] });
    const error = await failure(
      client({
        fetch: answering(text, { status: 400, headers: { 'content-type': 'application/json' } }),
      }).getTargetGroups(1),
    );
    expect(error).toMatchObject({ kind: 'http', status: 400 });
    expect(error.bodyExcerpt).toBeUndefined();
    expect(error.code).toBe(310011);
  });

  test.each([
    ['basic (password and its MD5)', { type: 'basic', username: 'store.till', password: 'secret-password' }],
    ['basic (passwordMd5)', { type: 'basic', username: 'store.till', passwordMd5: '5ebe2294ecd0e0f08eab7690d2a6ee69' }],
    ['token', { type: 'token', token: 'ready-token-0123456789' }],
    ['token function', { type: 'token', token: () => 'function-token-0123456789' }],
  ] as const)('a body that echoes the %s credentials never quotes them', async (_, auth) => {
    const echo = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const authorization = request.headers.get('authorization') ?? '';
      const md5 = authorization ? atob(authorization.slice(6)).split(':')[1] : '';
      const token = request.headers.get('x-cap-api-oauth-token') ?? '';
      const page = `<pre>${authorization} ${md5} ${token} ${JSON.stringify(auth)}</pre>`;
      return new Response(page, { status: 500, headers: { 'content-type': 'text/html' } });
    };
    const error = await failure(
      client({ auth, fetch: echo, retry: false } as Partial<TargetGroupsClientOptions>).getTargetGroups(1),
    );
    expect(error.bodyExcerpt).toContain('[redacted]');
    const shown = JSON.stringify(error);
    for (const secret of [
      'secret-password',
      '5ebe2294ecd0e0f08eab7690d2a6ee69',
      'ready-token-0123456789',
      'function-token-0123456789',
    ])
      expect(shown).not.toContain(secret);
    expect(shown).not.toMatch(/Basic [A-Za-z0-9+/=]{8,}/);
  });

  test('the OAuth token request: an echo of key and secret is scrubbed', async () => {
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      return new Response(`<pre>${await request.text()}</pre>`, {
        status: 500,
        headers: { 'content-type': 'text/html' },
      });
    };
    const error = await failure(
      client({ auth: { type: 'oauth', key: 'client-key-123', secret: 'client-secret-456' }, fetch }).getTargetGroups(1),
    );
    expect(error).toMatchObject({ operation: 'generateToken', contentType: 'text/html' });
    expect(error.bodyExcerpt).toBe('<pre>{"key":"[redacted]","secret":"[redacted]"}</pre>');
  });
});
