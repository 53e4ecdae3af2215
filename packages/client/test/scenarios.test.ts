// The client against the scenario engine's in-process face: `createMockFetch()` passed as the client's `fetch`, so no
// port and no process. Each test picks its scenario per call with `Prefer`, as a consumer's tests would.
import { createMockFetch } from '@target-groups/mock/scenarios';
import { describe, expect, test } from 'vitest';
import { createTargetGroupsClient, type TargetGroupsClientOptions } from '../src/index.js';
import { failure } from './support/failure.js';

function client(options: Partial<TargetGroupsClientOptions> = {}) {
  return createTargetGroupsClient({
    baseUrl: 'https://eu.api.capillarytech.com',
    auth: { type: 'basic', username: 'store.till', password: 'secret' },
    fetch: createMockFetch(),
    ...options,
  } as TargetGroupsClientOptions);
}
const prefer = (value: string) => ({ headers: { Prefer: value } });
describe('the client with createMockFetch', () => {
  test('any user is answered as that user; includeInactive adds the inactive cycles', async () => {
    const api = client();
    const current = await api.getTargetGroups(999, { includeInactive: false });
    const every = await api.getTargetGroups(999, { includeInactive: true });
    expect(current.userId).toBe(999);
    expect(current.customer.id).toBe(999);
    const all = every.targetGroups.flatMap((group) => group.targets.map((target) => target.periodId));
    for (const group of current.targetGroups)
      for (const target of group.targets) expect(all).toContain(target.periodId);
    expect(all.length).toBeGreaterThan(current.targetGroups.flatMap((group) => group.targets).length);
  });

  test('noTargetGroups and a named example', async () => {
    const api = client();
    expect((await api.getTargetGroups(5, prefer('scenario=noTargetGroups'))).targetGroups).toEqual([]);
    const example = await api.getTargetGroups(5, prefer('example=countTargetWithMilestones'));
    expect(example.targetGroups[0]?.targets[0]?.milestones?.map((milestone) => milestone.triggerValue)).toEqual([3, 5]);
  });

  test('userNotFound: HTTP 200 with errors is thrown as kind api', async () => {
    const error = await failure(client().getTargetGroups(5, prefer('scenario=userNotFound')));
    expect(error.kind).toBe('api');
    expect(error.status).toBe(200);
    expect(error.code).toBe(8015);
    expect(error.requestId).toBeTruthy();
  });

  test('a declared error status is thrown as kind http with the vendor code', async () => {
    const error = await failure(client().getTargetGroups(5, prefer('scenario=forbidden')));
    expect(error).toMatchObject({ kind: 'http', status: 403, code: 403 });
  });

  test('flaky: the client retries the 503 and succeeds; without retries the 503 is thrown', async () => {
    const data = await client({ retry: { baseDelayMs: 1 } }).getTargetGroups(21, prefer('scenario=flaky'));
    expect(data.userId).toBe(21);
    const error = await failure(client({ retry: false }).getTargetGroups(21, prefer('scenario=flaky')));
    expect(error).toMatchObject({ kind: 'http', status: 503, attempts: 1 });
  });

  test('rateLimited: the client honours Retry-After, then gives up after its attempts', async () => {
    const error = await failure(
      client({ retry: { attempts: 3 } }).getTargetGroups(5, prefer('scenario=rateLimited, retry-after=0')),
    );
    expect(error).toMatchObject({ kind: 'http', status: 429, attempts: 3, retryAfterMs: 0 });
  });

  test('slow: the call times out', async () => {
    const error = await failure(
      client({ timeoutMs: 100, retry: false }).getTargetGroups(5, prefer('scenario=slow, delay=5000')),
    );
    expect(error.kind).toBe('timeout');
  });

  test('reset: a dropped connection is a network error', async () => {
    const error = await failure(client({ retry: false }).getTargetGroups(5, prefer('scenario=reset')));
    expect(error.kind).toBe('network');
  });

  test('forwardCompatible: drifted answers (nulls, absent fields, new values) still reach the caller as data', async () => {
    const api = client({ fetch: createMockFetch({ defaultScenario: 'forwardCompatible' }) });
    for (let userId = 1; userId <= 30; userId++) {
      const data = await api.getTargetGroups(userId, { includeInactive: true, includeInactiveTargets: true });
      expect(data.userId).toBe(userId);
    }
  });

  test('OAuth: the client generates a token at the mock and sends it', async () => {
    const api = client({ auth: { type: 'oauth', key: 'client-key', secret: 'client-secret' } });
    expect((await api.getTargetGroups(77)).userId).toBe(77);
  });
});
