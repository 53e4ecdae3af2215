// The client's token auth against the fake vendor: a ready token or a function, and OAuth (generated once,
// shared, renewed before its TTL ends and after a 401, its failures reported as the token request's).
import { describe, expect, test } from 'vitest';
import { createTargetGroupsClient } from '../src/index.js';
import { vendorEnvelope } from '@target-groups/mock/scenarios';
import {
  OAUTH_KEY,
  OAUTH_SECRET,
  OK_BODY,
  READY_TOKEN,
  TOKEN_PREFIX,
  vendorSuite,
  json,
} from './support/fakeVendor.js';

const { suite, failure, credentialsNeverLeak } = vendorSuite({ errors: 3, requests: 50 });

describe('token auth', () => {
  test('a ready token is sent in X-CAP-API-OAUTH-TOKEN, a function is asked before each request', async () => {
    suite.server.handle((_req, res) => json(res, 200, OK_BODY));
    await createTargetGroupsClient({
      baseUrl: suite.server.url,
      auth: { type: 'token', token: READY_TOKEN },
    }).getTargetGroups(1);
    expect(suite.server.received[0]?.headers['x-cap-api-oauth-token']).toBe(READY_TOKEN);
    expect(suite.server.received[0]?.headers.authorization).toBeUndefined();
    let n = 0;
    suite.server.handle((_req, res) => json(res, 200, OK_BODY));
    const client = createTargetGroupsClient({
      baseUrl: suite.server.url,
      auth: { type: 'token', token: async () => `${READY_TOKEN}-${++n}` },
    });
    await client.getTargetGroups(1);
    await client.getTargetGroups(1);
    expect(suite.server.received.map((r) => r.headers['x-cap-api-oauth-token'])).toEqual([
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
    suite.server.handle(async (req, res) => {
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
      return state.valid.has(token) ? json(res, 200, OK_BODY) : json(res, 401, vendorEnvelope(401, 'Invalid token'));
    });
    return state;
  }
  const oauthClient = () =>
    createTargetGroupsClient({
      baseUrl: suite.server.url,
      auth: { type: 'oauth', key: OAUTH_KEY, secret: OAUTH_SECRET },
      retry: { baseDelayMs: 1 },
    });

  test('the token is generated once and reused while it is fresh', async () => {
    const state = oauthServer(300);
    const client = oauthClient();
    await client.getTargetGroups(1);
    await client.getTargetGroups(1);
    expect(state.tokenRequests).toBe(1);
    const apiCalls = suite.server.received.filter((r) => r.path.startsWith('/v3/users/'));
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
    const apiCalls = suite.server.received.filter((r) => r.path.startsWith('/v3/users/'));
    expect(apiCalls.map((r) => r.headers['x-cap-api-oauth-token'])).toEqual([`${TOKEN_PREFIX}1`, `${TOKEN_PREFIX}2`]);
  });

  test('a second 401 is the answer: thrown, no endless renewal', async () => {
    const state = oauthServer(300);
    state.valid.add('never');
    suite.server.handle(async (req, res) => {
      if (req.url === '/v3/oauth/token/generate') {
        state.tokenRequests++;
        return json(res, 200, {
          data: { accessToken: `${TOKEN_PREFIX}${state.tokenRequests}`, ttlSeconds: 300 },
          errors: null,
        });
      }
      return json(res, 401, vendorEnvelope(401, 'Invalid token'), { 'X-Cap-Requestid': 'r401' });
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
    expect(suite.server.received.filter((r) => r.path.startsWith('/v3/users/'))).toHaveLength(100);
  });

  test('a failed token request is an error of the token operation', async () => {
    suite.server.handle((_req, res) =>
      json(res, 401, vendorEnvelope(310145, 'invalid key'), { 'X-Cap-Requestid': 'tok-rid' }),
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
    suite.server.handle((_req, res) => json(res, 200, { data: {}, errors: null }));
    const noToken = await failure(oauthClient().getTargetGroups(1));
    expect(noToken).toMatchObject({ kind: 'invalid-body', operation: 'generateToken' });
    expect(noToken.message).toContain('accessToken');
  });

  test("openapi-fetch's GET uses the same token cache: a rejected token is renewed once, getTargetGroups reuses the new one", async () => {
    const state = oauthServer(300, { rejectFirstToken: true });
    const client = oauthClient();
    const { data, response } = await client.GET('/v3/users/{userId}/targetGroups', {
      params: { path: { userId: 1 } },
    });
    expect(response.status).toBe(200);
    expect(data?.data?.userId).toBe(566881933);
    await client.getTargetGroups(1);
    expect(state.tokenRequests).toBe(2);
    const apiCalls = suite.server.received.filter((r) => r.path.startsWith('/v3/users/'));
    expect(apiCalls.map((r) => r.headers['x-cap-api-oauth-token'])).toEqual([
      `${TOKEN_PREFIX}1`,
      `${TOKEN_PREFIX}2`,
      `${TOKEN_PREFIX}2`,
    ]);
  });
});

credentialsNeverLeak();
