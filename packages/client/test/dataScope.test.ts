// Connected organisations: a data scope sends the call to the v3.1 path with the DATA-SCOPE headers, through
// openapi-fetch (middleware sees it); the vendor's rules for the headers are enforced before anything is sent.
import { connectedFixturesDir, seedFixtures } from '@target-groups/spec';
import type { Middleware } from 'openapi-fetch';
import { describe, expect, test } from 'vitest';
import { DEPRECATION_WARNING_CODE, type GetTargetGroupsOptions, createTargetGroupsClient } from '../src/index.js';
import { forgetDeprecationWarning } from './support/deprecationWarning.js';
import { failure } from './support/failure.js';

const CONNECTED = seedFixtures(connectedFixturesDir).find((f) => f.file === '347286146.json')!;
const V31 = '/api_gateway/intouch-api-v3/v3.1/users/{userId}/targetGroups';

/** A client whose fetch records each request and answers with the connected-orgs page's body. */
function recordingClient(body = CONNECTED.text) {
  const sent: Request[] = [];
  const client = createTargetGroupsClient({
    baseUrl: 'https://eu.api.capillarytech.com',
    auth: { type: 'basic', username: 'store.till', password: 'scope-password' },
    retry: false,
    deprecationWarning: false,
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(new Request(input, init));
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    },
  });
  return { client, sent };
}

const scopeHeaders = (request: Request) => [request.headers.get('data-scope'), request.headers.get('data-scope-org')];

describe('getTargetGroups with a data scope', () => {
  test('OTHER goes to the v3.1 path with DATA-SCOPE and the comma-separated DATA-SCOPE-ORG, and resolves to data', async () => {
    const { client, sent } = recordingClient();
    const user = await client.getTargetGroups(347286146, {
      dataScope: 'OTHER',
      dataScopeOrgs: [50363, 50364],
      includeInactive: true,
    });
    expect(sent).toHaveLength(1);
    const url = new URL(sent[0]!.url);
    expect(`${url.pathname}${url.search}`).toBe(
      '/api_gateway/intouch-api-v3/v3.1/users/347286146/targetGroups?includeInactive=true',
    );
    expect(scopeHeaders(sent[0]!)).toEqual(['OTHER', '50363,50364']);
    expect(sent[0]!.headers.get('authorization')).toMatch(/^Basic /);
    expect(user.targetGroups.map((g) => g.orgId)).toContain(50363);
    expect(user.userId).toBe(347286146);
  });

  test.each([
    ['SELF', ['SELF', null]],
    ['ALL', ['ALL', null]],
  ] as const)('%s goes to the v3.1 path with DATA-SCOPE alone', async (dataScope, headers) => {
    const { client, sent } = recordingClient();
    await client.getTargetGroups('347286146', { dataScope });
    expect(new URL(sent[0]!.url).pathname).toBe('/api_gateway/intouch-api-v3/v3.1/users/347286146/targetGroups');
    expect(scopeHeaders(sent[0]!)).toEqual(headers);
  });

  test('without a data scope the call stays on the v3 path, with no data-scope header', async () => {
    const { client, sent } = recordingClient();
    await client.getTargetGroups(347286146);
    expect(new URL(sent[0]!.url).pathname).toBe('/v3/users/347286146/targetGroups');
    expect(scopeHeaders(sent[0]!)).toEqual([null, null]);
  });

  test("the scope's headers win over a same-named header the caller passes", async () => {
    const { client, sent } = recordingClient();
    await client.getTargetGroups(347286146, { dataScope: 'ALL', headers: { 'DATA-SCOPE': 'SELF' } });
    expect(scopeHeaders(sent[0]!)).toEqual(['ALL', null]);
  });

  test('fetchRaw takes the same scope and sends the same call', async () => {
    const { client, sent } = recordingClient();
    const raw = await client.fetchRaw(347286146, { dataScope: 'OTHER', dataScopeOrgs: [50363] });
    expect(raw.status).toBe(200);
    expect(raw.text).toBe(CONNECTED.text);
    expect(new URL(sent[0]!.url).pathname).toBe('/api_gateway/intouch-api-v3/v3.1/users/347286146/targetGroups');
    expect(scopeHeaders(sent[0]!)).toEqual(['OTHER', '50363']);
  });

  test('a middleware sees the call under the v3.1 path template, as for any openapi-fetch call', async () => {
    const { client } = recordingClient();
    const seen: string[] = [];
    const tracing: Middleware = {
      onRequest({ request, schemaPath }) {
        seen.push(`${schemaPath} ${request.headers.get('data-scope')}`);
      },
    };
    client.use(tracing);
    await client.getTargetGroups(347286146, { dataScope: 'SELF' });
    await client.getTargetGroups(347286146);
    expect(seen).toEqual([`${V31} SELF`, '/v3/users/{userId}/targetGroups null']);
  });
});

describe('drift signals', () => {
  test('a sampled v3.1 answer is checked against the same contract: a broken body is reported', async () => {
    const broken = CONNECTED.text.replace('"periodId": 38375,', '"periodId": "38375",');
    expect(broken).not.toBe(CONNECTED.text);
    const reports: Array<{ violations: Array<{ pointer: string }> }> = [];
    const client = createTargetGroupsClient({
      baseUrl: 'https://eu.api.capillarytech.com',
      auth: { type: 'token', token: 'scope-token' },
      deprecationWarning: false,
      drift: { sampleRate: 1, onDrift: (report) => void reports.push(report) },
      fetch: async () => new Response(broken, { status: 200 }),
    });
    await client.getTargetGroups(347286146, { dataScope: 'SELF' });
    await client.drift.flush();
    expect(reports.flatMap((r) => r.violations.map((v) => v.pointer))).toContain(
      '/data/targetGroups/0/targets/0/periodId',
    );
  });
});

describe('the data-scope rules, enforced before any request', () => {
  const cases: Array<[string, GetTargetGroupsOptions, RegExp]> = [
    ['OTHER without org ids', { dataScope: 'OTHER' }, /dataScope OTHER needs dataScopeOrgs: 1 or 2 child org ids/],
    [
      'OTHER with an empty list',
      { dataScope: 'OTHER', dataScopeOrgs: [] },
      /dataScope OTHER needs dataScopeOrgs: 1 or 2 child org ids/,
    ],
    [
      'more than two org ids',
      { dataScope: 'OTHER', dataScopeOrgs: [1, 2, 3] },
      /dataScopeOrgs takes at most 2 org ids; got 3/,
    ],
    [
      'org ids with SELF',
      { dataScope: 'SELF', dataScopeOrgs: [50363] },
      /dataScopeOrgs goes with dataScope OTHER only; got dataScope SELF/,
    ],
    [
      'org ids with ALL',
      { dataScope: 'ALL', dataScopeOrgs: [50363] },
      /dataScopeOrgs goes with dataScope OTHER only; got dataScope ALL/,
    ],
    [
      'org ids without a scope',
      { dataScopeOrgs: [50363] },
      /dataScopeOrgs goes with dataScope OTHER only; got dataScope undefined/,
    ],
    [
      'a scope the vendor does not know',
      { dataScope: 'PARENT' as 'SELF' },
      /dataScope must be SELF, OTHER or ALL; got "PARENT"/,
    ],
    [
      'an org id that is not a positive integer',
      { dataScope: 'OTHER', dataScopeOrgs: [50363, 1.5] },
      /dataScopeOrgs holds positive integer org ids; got \[50363,1\.5\]/,
    ],
    ['org id 0', { dataScope: 'OTHER', dataScopeOrgs: [0] }, /positive integer org ids; got \[0\]/],
  ];

  test.each(cases)('%s: invalid-argument naming the rule, and nothing sent', async (_label, options, message) => {
    const { client, sent } = recordingClient();
    for (const call of [client.getTargetGroups(347286146, options), client.fetchRaw(347286146, options)]) {
      const error = await failure(call);
      expect(error.kind).toBe('invalid-argument');
      expect(error.message).toMatch(message);
      expect(error.message.startsWith('getTargetGroups: ')).toBe(true);
    }
    expect(sent).toEqual([]);
  });
});

describe('the deprecation warning', () => {
  test('is not emitted for the connected-orgs call (the vendor deprecates the v3 path only), and is for v3', async () => {
    forgetDeprecationWarning();
    const codes: unknown[] = [];
    const listen = (warning: Error & { code?: string }) => codes.push(warning.code);
    process.on('warning', listen);
    try {
      const sent: string[] = [];
      const client = createTargetGroupsClient({
        baseUrl: 'https://eu.api.capillarytech.com',
        auth: { type: 'token', token: 'scope-token' },
        fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
          sent.push(new Request(input, init).url);
          return new Response(CONNECTED.text, { status: 200 });
        },
      });
      await client.getTargetGroups(347286146, { dataScope: 'SELF' });
      await new Promise((resolve) => setImmediate(resolve));
      expect(codes).toEqual([]);
      await client.getTargetGroups(347286146);
      await new Promise((resolve) => setImmediate(resolve));
      expect(codes).toEqual([DEPRECATION_WARNING_CODE]);
      expect(sent).toHaveLength(2);
    } finally {
      process.off('warning', listen);
    }
  });
});
