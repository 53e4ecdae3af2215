// The HTTP face as the fake vendor of the repository's tests: one account (Basic with the MD5 of the password, or an
// OAuth token), the seed's real bodies, drifted copies and the vendor's failures at reserved userIds, a request
// log, redirects and a test's own answers.
import { createHash } from 'node:crypto';
import { seedFixtures } from '@target-groups/spec';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  DRIFTS,
  type ScenarioServer,
  startScenarioServer,
  VENDOR_ERROR_USER_IDS,
  vendorEnvelope,
} from '../../src/scenarios/index.js';

const ACCOUNT = { username: 'vendor.till', password: 'pw-7f3a', key: 'k-91b2', secret: 's-c4d5' };
const BASIC = `Basic ${Buffer.from(`${ACCOUNT.username}:${createHash('md5').update(ACCOUNT.password).digest('hex')}`).toString('base64')}`;
const OTHER_BASIC = `Basic ${Buffer.from(`${ACCOUNT.username}:${createHash('md5').update('wrong').digest('hex')}`).toString('base64')}`;

let vendor: ScenarioServer;
let other: ScenarioServer;
beforeAll(async () => {
  [vendor, other] = await Promise.all([
    startScenarioServer({ credentials: ACCOUNT, drifts: true }),
    startScenarioServer({ credentials: ACCOUNT }),
  ]);
});
afterAll(() => Promise.all([vendor?.close(), other?.close()]));

const get = (
  server: ScenarioServer,
  userId: string | number,
  headers: Record<string, string> = { authorization: BASIC },
) => fetch(`${server.url}/v3/users/${userId}/targetGroups`, { headers, redirect: 'manual' });

describe('authentication', () => {
  test('the account only: Basic with the MD5 of its password; another password gets 401', async () => {
    expect((await get(vendor, 566881933)).status).toBe(200);
    expect((await get(vendor, 566881933, { authorization: OTHER_BASIC })).status).toBe(401);
    expect((await get(vendor, 566881933, {})).status).toBe(401);
  });

  test('an OAuth token from the token request with the account key and secret; another secret gets 401', async () => {
    const token = async (secret: string) =>
      fetch(`${vendor.url}/v3/oauth/token/generate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ key: ACCOUNT.key, secret }),
      });
    expect((await token('wrong')).status).toBe(401);
    const answer = (await (await token(ACCOUNT.secret)).json()) as {
      data: { accessToken: string; ttlSeconds: number };
    };
    expect(answer.data.ttlSeconds).toBe(300);
    expect((await get(vendor, 1, { 'x-cap-api-oauth-token': answer.data.accessToken })).status).toBe(200);
    expect((await get(vendor, 1, { 'x-cap-api-oauth-token': 'made-up' })).status).toBe(401);
  });
});

describe('bodies', () => {
  test("each seed body's user gets the real body's data", async () => {
    for (const fixture of seedFixtures()) {
      const real = fixture.value as { data: { userId: number } };
      const answer = await get(vendor, real.data.userId);
      expect(((await answer.json()) as { data: unknown }).data, fixture.file).toEqual(real.data);
    }
  });

  test('with drifts: each drifted user carries its drift at its pointer; without, the user is an ordinary one', async () => {
    for (const drift of DRIFTS) {
      const body = (await (await get(vendor, drift.userId)).json()) as Record<string, unknown>;
      const keys = drift.pointer.split('/').slice(1);
      const parent = keys.slice(0, -1).reduce((node: any, key) => node[key], body);
      if (drift.kind === 'required-dropped') expect(Object.hasOwn(parent, keys.at(-1)!)).toBe(false);
      else expect(Object.hasOwn(parent, keys.at(-1)!), drift.kind).toBe(true);
      const plain = (await (await get(other, drift.userId)).json()) as { data: { userId: number } };
      expect(plain.data.userId).toBe(Number(drift.userId));
      expect(JSON.stringify(plain)).not.toEqual(JSON.stringify(body));
    }
  });

  test("with drifts: the vendor's failures at their userIds", async () => {
    const notFound = await get(vendor, VENDOR_ERROR_USER_IDS.notFound);
    expect([notFound.status, await notFound.json()]).toEqual([
      200,
      vendorEnvelope(8015, 'Customer not found for given identifiers'),
    ]);
    expect((await get(vendor, VENDOR_ERROR_USER_IDS.serverError)).status).toBe(500);
    const gateway = await get(vendor, VENDOR_ERROR_USER_IDS.badGateway);
    expect([gateway.status, gateway.headers.get('content-type')]).toEqual([502, 'text/html']);
    expect(await gateway.text()).toContain('502 Bad Gateway');
  });

  test("a bad parameter gets the vendor's 400 naming it", async () => {
    expect(await (await get(vendor, 'abc')).json()).toEqual(vendorEnvelope(310011, 'Invalid userId'));
    const flag = await fetch(`${vendor.url}/v3/users/1/targetGroups?includeInactive=yes`, {
      headers: { authorization: BASIC },
    });
    expect(flag.status).toBe(400);
    expect(JSON.stringify(await flag.json())).toContain('includeInactive');
  });
});

describe('for tests', () => {
  test('every request is recorded with its headers, body and whether it authenticated', async () => {
    vendor.handle();
    await get(vendor, 7);
    await get(vendor, 8, { authorization: OTHER_BASIC });
    expect(vendor.received.map(({ method, path, authenticated }) => ({ method, path, authenticated }))).toEqual([
      { method: 'GET', path: '/v3/users/7/targetGroups', authenticated: true },
      { method: 'GET', path: '/v3/users/8/targetGroups', authenticated: false },
    ]);
    expect(vendor.received[0]!.headers.authorization).toBe(BASIC);
    expect(vendor.requests.length).toBeGreaterThan(vendor.received.length);
  });

  test("a test's own handler answers until handle() is called again", async () => {
    vendor.handle((request, response) => {
      response.writeHead(503, { 'content-type': 'application/json' });
      response.end(JSON.stringify(vendorEnvelope(503, `busy: ${request.method}`)));
    });
    const busy = await get(vendor, 1);
    expect([busy.status, await busy.json()]).toEqual([503, vendorEnvelope(503, 'busy: GET')]);
    vendor.handle();
    expect((await get(vendor, 1)).status).toBe(200);
  });

  test('redirects keep the path and query, for every request or only the token request', async () => {
    vendor.redirect({ status: 307, to: other.url });
    const moved = await fetch(`${vendor.url}/v3/users/5/targetGroups?includeInactive=true`, { redirect: 'manual' });
    expect([moved.status, moved.headers.get('location')]).toEqual([
      307,
      `${other.url}/v3/users/5/targetGroups?includeInactive=true`,
    ]);
    vendor.redirect({ status: 302, to: other.url, only: 'token' });
    expect((await get(vendor, 5)).status).toBe(200);
    const token = await fetch(`${vendor.url}/v3/oauth/token/generate`, {
      method: 'POST',
      body: '{}',
      redirect: 'manual',
    });
    expect(token.status).toBe(302);
    vendor.redirect();
    expect((await get(vendor, 5)).status).toBe(200);
  });
});
