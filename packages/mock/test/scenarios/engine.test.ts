// The scenario engine through its in-process face: answers consistent with the request, every scenario, request
// validation and auth as the contract says.
import { loadSpec } from '@target-groups/spec';
import { describe, expect, test } from 'vitest';
import {
  createMockFetch,
  exampleNames,
  isScenarioName,
  preferScenario,
  scenarioNames,
  ScenarioOptionError,
} from '../../src/scenarios/index.js';
import { BASIC_AUTHORIZATION, call } from './support.js';

const BASE = 'https://eu.api.capillarytech.com';
const spec = await loadSpec();
const v3Examples = spec.examples.filter((e) => e.operationId === 'getUserTargetGroups');
const mock = createMockFetch();
const get = (userId: string | number, options?: Parameters<typeof call>[3]) => call(mock, BASE, userId, options);
const ALL = { includeInactive: true, includeInactiveTargets: true };

/** Instant of a legacy (`+0530`) or ISO timestamp. */
const instant = (text: string) => Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
const targetKey = (target: any) => `${target.targetRuleId}/${target.periodId}`;

describe('answers consistent with the request', () => {
  test('user 999 is answered as user 999, the same way every time, each answer with its own request id', async () => {
    const first = await get(999);
    const second = await get(999);
    expect(first.status).toBe(200);
    expect(first.body.data.userId).toBe(999);
    expect(first.body.data.customer.id).toBe(999);
    expect(first.body.data.customer.profiles[0].userId).toBe(999);
    expect(second.body).toEqual(first.body);
    const ids = new Set<string | null>();
    for (let i = 0; i < 50; i++) ids.add((await get(999)).headers.get('x-cap-requestid'));
    expect(ids.size).toBe(50);
    expect([...ids].every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
  });

  test('different users are different', async () => {
    const bodies = await Promise.all(
      [1, 2, 3, 4, 5].map(async (id) => JSON.stringify((await get(id, { query: ALL })).body.data.targetGroups)),
    );
    expect(new Set(bodies).size).toBeGreaterThan(2);
  });

  test('a userId beyond 2^53 is echoed digit for digit', async () => {
    const answer = await get('9223372036854775807');
    expect(answer.text).toContain('"userId":9223372036854775807');
    expect(answer.text).toContain('"id":9223372036854775807');
  });

  test('generated data is coherent as the vendor data is', async () => {
    let achievedTargets = 0;
    let achievedStreaks = 0;
    for (let userId = 1; userId <= 300; userId++) {
      const { body } = await get(userId, { query: ALL });
      for (const group of body.data.targetGroups) {
        for (const target of group.targets) {
          const achieved = target.targetAchievedValue >= target.targetValue;
          expect(target.targetAchievedDateTime !== null, `user ${userId} target ${targetKey(target)}`).toBe(achieved);
          if ('targetAchievedDateTimeISO' in target) {
            expect(target.targetAchievedDateTimeISO === null).toBe(!achieved);
            expect(target.targetAchievedEventLogId === null).toBe(!achieved);
          }
          if (achieved) {
            achievedTargets++;
            expect(target.targetId).not.toBeNull();
            expect(instant(target.targetAchievedDateTime)).toBeGreaterThanOrEqual(instant(target.enrolledOn));
            if (target.targetAchievedDateTimeISO)
              expect(instant(target.targetAchievedDateTimeISO)).toBe(instant(target.targetAchievedDateTime));
          }
          expect(target.periodStartDate <= target.periodEndDate).toBe(true);
          expect(instant(target.periodStartDateWithTimeStamp)).toBeLessThan(instant(target.periodEndDateWithTimeStamp));
          if (target.enrolledOnISO) expect(instant(target.enrolledOnISO)).toBe(instant(target.enrolledOn));
          if (target.lastUpdatedOnISO) expect(instant(target.lastUpdatedOnISO)).toBe(instant(target.lastUpdatedOn));
          for (const milestone of target.milestones ?? [])
            expect(milestone.isAchieved).toBe(target.targetAchievedValue >= milestone.triggerValue);
        }
        for (const streak of group.streaks ?? []) {
          expect(streak.currentCount).toBeLessThanOrEqual(streak.totalTargetCountOfSequence);
          const achieved = streak.status === 'ACHIEVED';
          expect('streakAchievedDateTime' in streak).toBe(achieved);
          expect('streakAchievedUserTargetId' in streak).toBe(achieved);
          if (achieved) {
            achievedStreaks++;
            expect(streak.currentCount).toBe(streak.totalTargetCountOfSequence);
            expect(group.targets.map((t: any) => t.targetId)).toContain(streak.streakAchievedUserTargetId);
          }
          if (streak.status === 'NOT_STARTED') expect(streak.currentCount).toBe(0);
        }
        const { attribution } = group;
        expect(instant(attribution.lastUpdatedOn)).toBeGreaterThanOrEqual(instant(attribution.createdOn));
        if (attribution.createdOnISO) expect(instant(attribution.createdOnISO)).toBe(instant(attribution.createdOn));
      }
    }
    expect(achievedTargets).toBeGreaterThan(20);
    expect(achievedStreaks).toBeGreaterThan(0);
  });

  test('includeInactive=true returns at least the targets of false, and more for users with inactive cycles', async () => {
    let usersWithMore = 0;
    for (let userId = 1; userId <= 200; userId++) {
      const current = (await get(userId, { query: { includeInactive: false } })).body.data.targetGroups;
      const every = (await get(userId, { query: { includeInactive: true } })).body.data.targetGroups;
      expect(every.map((g: any) => g.id)).toEqual(current.map((g: any) => g.id));
      const all = new Set(every.flatMap((g: any) => g.targets.map(targetKey)));
      const some = current.flatMap((g: any) => g.targets.map(targetKey));
      for (const key of some) expect(all.has(key)).toBe(true);
      for (const group of current) for (const target of group.targets) expect(target.currentPeriod).toBe(true);
      if (all.size > some.length) usersWithMore++;
    }
    expect(usersWithMore).toBeGreaterThan(20);
  });

  test('without includeInactive the answer is that of includeInactive=false (the declared default)', async () => {
    expect((await get(42)).body).toEqual((await get(42, { query: { includeInactive: false } })).body);
  });

  test('includeInactiveTargets=true adds the deactivated target groups', async () => {
    let usersWithMore = 0;
    for (let userId = 1; userId <= 200; userId++) {
      const active = (await get(userId, { query: { includeInactiveTargets: false } })).body.data.targetGroups;
      const every = (await get(userId, { query: { includeInactiveTargets: true } })).body.data.targetGroups;
      const ids = new Set(every.map((g: any) => g.id));
      for (const group of active) expect(ids.has(group.id)).toBe(true);
      if (every.length > active.length) usersWithMore++;
    }
    expect(usersWithMore).toBeGreaterThan(10);
  });

  test('targetRuleId narrows to that target group, or to the targets of that rule', async () => {
    let narrowed = 0;
    for (let userId = 1; userId <= 60; userId++) {
      const groups = (await get(userId, { query: ALL })).body.data.targetGroups;
      for (const group of groups) {
        const byGroup = (await get(userId, { query: { ...ALL, targetRuleId: group.id } })).body.data.targetGroups;
        expect(byGroup).toEqual([group]);
        const ruleId = group.targets[0]?.targetRuleId;
        if (ruleId === undefined) continue;
        const byRule = (await get(userId, { query: { ...ALL, targetRuleId: ruleId } })).body.data.targetGroups;
        expect(byRule.map((g: any) => g.id)).toEqual([group.id]);
        expect(byRule[0].targets.every((t: any) => t.targetRuleId === ruleId)).toBe(true);
        narrowed++;
      }
    }
    expect(narrowed).toBeGreaterThan(10);
    expect((await get(7, { query: { ...ALL, targetRuleId: 1 } })).body.data.targetGroups).toEqual([]);
  });

  test('the userIds of the named examples answer with those examples', async () => {
    const users = v3Examples.filter((e) => e.status === '200' && (e.value as any).data);
    expect(users.length).toBeGreaterThanOrEqual(5);
    for (const example of users) {
      const answer = await get((example.value as any).data.userId, { query: { includeInactive: true } });
      expect(answer.body, example.name).toEqual(example.value);
    }
  });
});

describe('scenarios by Prefer header', () => {
  test('the scenario list', () => {
    expect([...scenarioNames].sort()).toEqual(
      [
        'forwardCompatible',
        'noTargetGroups',
        'userNotFound',
        'badRequest',
        'unauthorized',
        'forbidden',
        'notFound',
        'serverError',
        'rateLimited',
        'flaky',
        'slow',
        'reset',
      ].sort(),
    );
    // Each operation lists its own examples: a name two operations declare (userNotFound) is in both lists.
    expect(Object.keys(exampleNames)).toEqual(spec.operations.map((o) => o.id));
    for (const operation of spec.operations)
      expect(exampleNames[operation.id]).toEqual([
        ...new Set(spec.examples.filter((e) => e.operationId === operation.operationId).map((e) => e.name)),
      ]);
    expect(exampleNames.getUserTargetGroups).toContain('fixedWindowSalesTarget');
    expect(exampleNames.getUserTargetGroups).not.toContain('connectedOrgsSelfScope');
    expect(exampleNames.getConnectedOrgUserTargetGroups).toContain('userNotFound');
  });

  test('preferScenario writes the Prefer value the engine reads; a JavaScript caller gets one line for a bad one', async () => {
    expect(preferScenario('noTargetGroups')).toBe('scenario=noTargetGroups');
    expect(preferScenario('slow', { delay: 5 })).toBe('scenario=slow, delay=5');
    expect(preferScenario('rateLimited', { retryAfter: 3 })).toBe('scenario=rateLimited, retry-after=3');
    expect(preferScenario('flaky', { failures: 2 })).toBe('scenario=flaky, failures=2');
    expect(
      (await get(77, { prefer: preferScenario('rateLimited', { retryAfter: 3 }) })).headers.get('retry-after'),
    ).toBe('3');
    expect(scenarioNames.every(isScenarioName)).toBe(true);
    expect(isScenarioName('noTargetGroup')).toBe(false);
    expect(() => preferScenario('noTargetGroup' as never)).toThrow(
      /^no scenario "noTargetGroup"; scenarios: forwardCompatible/,
    );
    expect(() => preferScenario('slow', { delay: -1 })).toThrow(/delay must be an integer from 0 to 600000/);
    expect(() => preferScenario('noTargetGroups', { delay: 1 } as never)).toThrow(
      'scenario noTargetGroups takes no parameter "delay"',
    );
  });

  test('noTargetGroups: the user, with an empty list', async () => {
    const answer = await get(4242, { prefer: 'scenario=noTargetGroups' });
    expect(answer.status).toBe(200);
    expect(answer.body.data.userId).toBe(4242);
    expect(answer.body.data.targetGroups).toEqual([]);
    expect(answer.headers.get('preference-applied')).toBe('scenario=noTargetGroups');
  });

  test('userNotFound: HTTP 200 with an errors body', async () => {
    const answer = await get(4242, { prefer: 'scenario=userNotFound' });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toBeNull();
    expect(answer.body.errors.length).toBeGreaterThan(0);
  });

  test.each([
    ['badRequest', 400],
    ['unauthorized', 401],
    ['forbidden', 403],
    ['notFound', 404],
    ['serverError', 500],
  ])('%s: the declared %i with its example', async (scenario, status) => {
    const answer = await get(1, { prefer: `scenario=${scenario}` });
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual(v3Examples.find((e) => e.status === String(status))!.value);
    expect((await get(1, { prefer: `code=${status}` })).body).toEqual(answer.body);
  });

  test('example=NAME: the named example verbatim, at its status', async () => {
    for (const example of spec.examples) {
      const path = spec.operations.find((o) => o.operationId === example.operationId)!.path;
      const answer = await get(1, { prefer: `example=${example.name}`, path });
      expect(answer.status).toBe(Number(example.status));
      expect(answer.body).toEqual(example.value);
    }
  });

  test('rateLimited: 429 with Retry-After 0 from the fetch face (a test retries at once), or retry-after=S', async () => {
    const answer = await get(1, { prefer: 'scenario=rateLimited' });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('0');
    expect(answer.body).toMatchObject({ data: null, errors: [{ code: 429 }], warnings: null });
    expect((await get(1, { prefer: 'scenario=rateLimited, retry-after=7' })).headers.get('retry-after')).toBe('7');
    const realistic = createMockFetch({ retryAfterSeconds: 1 });
    expect((await call(realistic, BASE, 1, { prefer: 'scenario=rateLimited' })).headers.get('retry-after')).toBe('1');
  });

  test('flaky: a 503, then success, per user (failures=N for more)', async () => {
    const statuses = async (userId: number, prefer: string, n: number) => {
      const seen = [];
      for (let i = 0; i < n; i++) seen.push((await get(userId, { prefer })).status);
      return seen;
    };
    expect(await statuses(11, 'scenario=flaky', 4)).toEqual([503, 200, 503, 200]);
    expect(await statuses(12, 'scenario=flaky, failures=2', 3)).toEqual([503, 503, 200]);
    // Another user has its own count; another mock too.
    expect((await get(13, { prefer: 'scenario=flaky' })).status).toBe(503);
    expect((await call(createMockFetch(), BASE, 11, { prefer: 'scenario=flaky' })).status).toBe(503);
  });

  test('slow: the answer after the delay, and an abort ends the wait', async () => {
    const started = performance.now();
    const answer = await get(1, { prefer: 'scenario=slow, delay=150' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(answer.status).toBe(200);
    const slow = createMockFetch({ slowDelayMs: 60_000 });
    const controller = new AbortController();
    const pending = slow(`${BASE}/v3/users/1/targetGroups`, {
      headers: { authorization: BASIC_AUTHORIZATION, prefer: 'scenario=slow' },
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('reset: the fetch rejects as undici does when the connection drops', async () => {
    const error = await mock(`${BASE}/v3/users/1/targetGroups`, { headers: { prefer: 'scenario=reset' } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect(((error as TypeError).cause as { code: string }).code).toBe('UND_ERR_SOCKET');
  });

  test('forwardCompatible as the default scenario', async () => {
    const drifting = createMockFetch({ defaultScenario: 'forwardCompatible' });
    const answer = await call(drifting, BASE, 999);
    const plain = await get(999);
    expect(answer.body.data.userId).toBe(999);
    expect(answer.body).not.toEqual(plain.body);
    // A named example is still served verbatim.
    const example = await call(drifting, BASE, 1, { prefer: 'example=countTargetWithMilestones' });
    expect(example.body).toEqual(spec.examples.find((e) => e.name === 'countTargetWithMilestones')!.value);
  });

  test.each([
    ['scenario=bogus', 'unknown-scenario', 'noTargetGroups'],
    ['example=bogus', 'unknown-example', 'countTargetWithMilestones'],
    ['code=418', 'unknown-status', '401'],
    ['scenario=slow, delay=soon', 'bad-preference', 'delay'],
  ])('%s: a mock problem document, not an answer of the API', async (prefer, kind, listed) => {
    const answer = await get(1, { prefer });
    expect(answer.status).toBe(422);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.headers.get('x-mock-problem')).toBe(kind);
    expect(answer.headers.get('x-cap-requestid')).toBeNull();
    expect(answer.body.type).toBe(`urn:target-groups-mock:${kind}`);
    expect(answer.body.detail).toContain(listed);
    expect(answer.body.scenarios).toEqual(scenarioNames);
  });

  test('a preference the engine does not understand is a problem, not ignored: the test that sent it is wrong', async () => {
    const answer = await get(1, { prefer: 'respond-async, wait=5' });
    expect(answer.status).toBe(422);
    expect(answer.headers.get('x-mock-problem')).toBe('unknown-preference');
    expect(answer.body.detail).toBe(
      'The scenario engine does not understand Prefer respond-async. It understands scenario=, example=, code=, delay=, retry-after=, failures=.',
    );
    const unreadable = await get(1, { prefer: 'scenario noTargetGroups' });
    expect(unreadable.headers.get('x-mock-problem')).toBe('bad-preference');
    expect(unreadable.body.detail).toContain('cannot read Prefer "scenario noTargetGroups"');
    // An empty header, or empty parts, prefer nothing.
    expect((await get(1, { prefer: ' , ' })).status).toBe(200);
  });
});

describe('request validation and auth as the contract says', () => {
  test('a userId that is not an int64: the declared 400 (Invalid userId)', async () => {
    for (const userId of ['abc', '1.5', '99999999999999999999']) {
      const answer = await get(userId);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual(spec.examples.find((e) => e.name === 'invalidUserId')!.value);
    }
  });

  test.each([
    ['includeInactive', 'yes', 'not a boolean'],
    ['includeInactiveTargets', '1', 'not a boolean'],
    ['targetRuleId', 'x', 'not a 64-bit integer'],
  ])('a bad %s gets a 400 that names it', async (name, value, reason) => {
    const answer = await get(1, { query: { [name]: value } });
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeNull();
    expect(answer.body.errors[0].message).toBe(
      `Invalid ${name}: "${value}" is ${reason}${reason.includes('boolean') ? ' (true or false)' : ''}`,
    );
  });

  test('no credentials, or the plain password instead of its MD5 digest: the declared 401', async () => {
    const example = spec.examples.find((e) => e.status === '401')!.value;
    expect((await get(1, { auth: false })).body).toEqual(example);
    expect((await get(1, { auth: false })).status).toBe(401);
    const plain = `Basic ${Buffer.from('store.till:secret').toString('base64')}`;
    expect((await get(1, { auth: false, headers: { authorization: plain } })).status).toBe(401);
    expect(createMockFetch({ requireAuth: false })).toBeTypeOf('function');
    expect((await call(createMockFetch({ requireAuth: false }), BASE, 1, { auth: false })).status).toBe(200);
  });

  test('an OAuth token from the token request is accepted', async () => {
    const issued = await mock(`${BASE}/v3/oauth/token/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'client-key', secret: 'client-secret' }),
    });
    const token = (await issued.json()).data.accessToken;
    expect(typeof token).toBe('string');
    const answer = await get(5, { auth: false, headers: { 'x-cap-api-oauth-token': token } });
    expect(answer.status).toBe(200);
    const refused = await mock(`${BASE}/v3/oauth/token/generate`, { method: 'POST', body: '{}' });
    expect(refused.status).toBe(401);
  });

  test('another path: the declared 404', async () => {
    const answer = await mock(`${BASE}/v3/users/1/other`, { headers: { authorization: BASIC_AUTHORIZATION } });
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual(spec.examples.find((e) => e.status === '404')!.value);
  });

  test('a bad option is refused in one line', () => {
    // @ts-expect-error: a JavaScript caller's misspelt name, refused at run time too
    expect(() => createMockFetch({ defaultScenario: 'sometimes' })).toThrow(ScenarioOptionError);
    expect(() => createMockFetch({ slowDelayMs: -1 })).toThrow(/slowDelayMs must be an integer/);
  });
});
