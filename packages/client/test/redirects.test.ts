// No credential leaves the configured origin: two fake vendors (the scenario engine's HTTP face) on different 127.0.0.1 ports, the API's and a foreign
// one, and every auth kind against every redirect status, for the API call and for the OAuth token request.
import { inspect } from 'node:util';
import {
  exampleUserIds,
  type ScenarioRedirect,
  type ScenarioServer,
  startScenarioServer,
} from '@target-groups/mock/scenarios';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TargetGroupsApiError, type TargetGroupsAuth, createTargetGroupsClient } from '../src/index.js';
import { failure as refused } from './support/failure.js';

const READY_TOKEN = 'ready-Secret-5e6f7a';
const STATUSES: ScenarioRedirect['status'][] = [301, 302, 303, 307, 308];
const USER = exampleUserIds[0]!;

/** The account the API accepts. */
const ACCOUNT = {
  username: 'redirect.till',
  password: 'pw-Secret-9d8c',
  key: 'key-Secret-1a2b',
  secret: 'sec-Secret-3c4d',
};
let api: ScenarioServer;
let foreign: ScenarioServer;

beforeAll(async () => {
  [api, foreign] = await Promise.all([
    startScenarioServer({ credentials: ACCOUNT }),
    startScenarioServer({ credentials: ACCOUNT }),
  ]);
});
afterAll(async () => {
  await Promise.all([api.close(), foreign.close()]);
});

const AUTHS: Record<string, () => TargetGroupsAuth> = {
  basic: () => ({ type: 'basic', username: ACCOUNT.username, password: ACCOUNT.password }),
  oauth: () => ({ type: 'oauth', key: ACCOUNT.key, secret: ACCOUNT.secret }),
  token: () => ({ type: 'token', token: READY_TOKEN }),
};

/** Everything that identifies the caller, in every form it could take on the wire. */
function secrets(): string[] {
  const { username, password, key, secret } = ACCOUNT;
  return [password, key, secret, READY_TOKEN, Buffer.from(username).toString('base64').slice(0, 12)];
}

function client(auth: TargetGroupsAuth) {
  return createTargetGroupsClient({ baseUrl: api.url, auth, retry: false, timeoutMs: 5000 });
}

/** The foreign server got nothing that identifies the caller: no auth header, no token, no key or secret. */
function expectNoCredentialAt(server: ScenarioServer): void {
  for (const request of server.received) {
    expect(request.headers.authorization, 'Authorization header').toBeUndefined();
    expect(request.headers['x-cap-api-oauth-token'], 'token header').toBeUndefined();
    const seen = JSON.stringify(request);
    for (const secret of secrets()) expect(seen).not.toContain(secret);
  }
}

function expectRefusal(error: TargetGroupsApiError, status: number, operation: string): void {
  expect(error).toMatchObject({ kind: 'redirect', status, operation });
  expect(error.message).toContain(foreign.url);
  expect(error.message).toContain(api.url);
  for (const view of [error.message, error.stack ?? '', JSON.stringify(error), inspect(error, { depth: 5 })])
    for (const secret of secrets()) expect(view).not.toContain(secret);
}

describe('a redirect of the API call to another origin is refused', () => {
  for (const [kind, auth] of Object.entries(AUTHS)) {
    for (const method of ['getTargetGroups', 'fetchRaw'] as const) {
      test.each(STATUSES)(`${kind} auth, ${method}, HTTP %i`, async (status) => {
        api.redirect({ status, to: foreign.url, only: 'api' });
        foreign.handle();
        const error = await refused(client(auth())[method](USER));
        expectRefusal(error, status, 'getTargetGroups');
        expectNoCredentialAt(foreign);
        expect(foreign.received).toEqual([]);
        expect(api.received.filter((r) => r.path.startsWith('/v3/users/'))).toHaveLength(1);
      });
    }
  }

  test("openapi-fetch's GET refuses it as well, and follows nothing", async () => {
    api.redirect({ status: 307, to: foreign.url, only: 'api' });
    foreign.handle();
    const error = await refused(
      client(AUTHS.oauth!()).GET('/v3/users/{userId}/targetGroups', { params: { path: { userId: Number(USER) } } }),
    );
    expectRefusal(error, 307, 'getTargetGroups');
    expect(foreign.received).toEqual([]);
  });
});

describe('a redirect of the OAuth token request to another origin is refused', () => {
  test.each(STATUSES)('HTTP %i: the key and secret stay home, no foreign token is used', async (status) => {
    api.redirect({ status, to: foreign.url, only: 'token' });
    foreign.handle();
    const error = await refused(client(AUTHS.oauth!()).getTargetGroups(USER));
    expectRefusal(error, status, 'generateToken');
    expectNoCredentialAt(foreign);
    expect(foreign.received).toEqual([]);
    // Nothing reached the API either: there is no token to send.
    expect(api.received.filter((r) => r.path.startsWith('/v3/users/'))).toEqual([]);
  });
});

describe('same-origin redirects', () => {
  test.each(STATUSES)('HTTP %i to the same origin is refused as well, and not followed', async (status) => {
    api.redirect({ status, to: api.url, only: 'api' });
    const error = await refused(client(AUTHS.basic!()).getTargetGroups(USER));
    expect(error).toMatchObject({ kind: 'redirect', status });
    expect(api.received).toHaveLength(1);
  });

  test("a browser's opaque redirect (no status, no Location) is refused without a target", async () => {
    const opaque = { type: 'opaqueredirect', status: 0, ok: false, headers: new Headers(), body: null };
    const error = await refused(
      createTargetGroupsClient({
        baseUrl: 'https://eu.api.capillarytech.com',
        auth: AUTHS.token!(),
        fetch: async () => opaque as unknown as Response,
      }).getTargetGroups(USER),
    );
    expect(error.kind).toBe('redirect');
    expect(error.message).toContain('https://eu.api.capillarytech.com');
  });
});

describe('without a redirect', () => {
  test('every auth kind still reaches the API', async () => {
    api.redirect();
    api.handle();
    for (const kind of ['basic', 'oauth'] as const) {
      const data = await client(AUTHS[kind]!()).getTargetGroups(USER);
      expect(String(data.userId)).toBe(USER);
    }
  });
});
