// The connected-organisations path in the scenario engine: a parent organisation (which authenticates) and two
// children, DATA-SCOPE choosing whose target groups answer, each group with its orgId, the header rules refused with
// the vendor's envelope at the spec's 400. Every answer is judged by the validator compiled for the operation.
import { loadSpec } from '@target-groups/spec';
import { createValidator } from '@target-groups/validator';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CONNECTED_ORGS, createMockFetch, startScenarioServer } from '../../src/scenarios/index.js';
import { call } from './support.js';

const BASE = 'https://eu.api.capillarytech.com';
const spec = await loadSpec();
const operation = spec.operations.find((o) => o.operationId === 'getConnectedOrgUserTargetGroups')!;
const validator = createValidator(spec, { operationId: operation.operationId });
const mock = createMockFetch();
const ALL_GROUPS = { includeInactive: true, includeInactiveTargets: true };
const { parent, children } = CONNECTED_ORGS;

/** A v3.1 call with the data-scope headers given (none: the header is absent). */
async function scoped(userId: string | number, headers: Record<string, string> = {}, query = ALL_GROUPS) {
  const answer = await call(mock, BASE, userId, { path: operation.path, headers, query });
  expect(validator.validateText(answer.text, answer.status), answer.text).toEqual([]);
  return answer;
}
const groupsOf = (answer: { body: any }) => answer.body?.data?.targetGroups as { id: number; orgId: number }[];
const orgsOf = (answer: { body: any }) => [...new Set((groupsOf(answer) ?? []).map((group) => group.orgId))];

/** Generated users enrolled in groups of every org (a generated user may have none in one org). */
const enrolledEverywhere: number[] = [];
for (let userId = 1; enrolledEverywhere.length < 3 && userId <= 100; userId++)
  if (orgsOf(await call(mock, BASE, userId, { path: operation.path, headers: { 'DATA-SCOPE': 'ALL' } })).length === 3)
    enrolledEverywhere.push(userId);
const [USER, OTHER_USER, THIRD_USER] = enrolledEverywhere as [number, number, number];

test('most generated users have groups in every org', () => {
  expect(enrolledEverywhere).toHaveLength(3);
  expect(USER).toBeLessThan(10);
});

describe('DATA-SCOPE chooses whose target groups answer', () => {
  test("SELF, and no header, give the parent's groups: the user's groups on the v3 path, each with the parent's orgId", async () => {
    // (566881933, a named example of the v3 operation, is answered there with its example.)
    for (const userId of [USER, 999, 123_456]) {
      const self = await scoped(userId, { 'DATA-SCOPE': 'SELF' });
      expect(self.status).toBe(200);
      expect((await scoped(userId)).body).toEqual(self.body);
      expect(orgsOf(self)).toEqual([parent]);
      const v3 = await call(mock, BASE, userId, { query: ALL_GROUPS });
      expect(groupsOf(self)).toEqual(v3.body.data.targetGroups.map((group: object) => ({ ...group, orgId: parent })));
      expect(self.body.data.userId).toBe(userId);
    }
  });

  test('OTHER gives the groups of the children listed in DATA-SCOPE-ORG, in their order, and only theirs', async () => {
    const [first, second] = children;
    const one = await scoped(USER, { 'DATA-SCOPE': 'OTHER', 'DATA-SCOPE-ORG': String(second) });
    expect(one.status).toBe(200);
    expect(orgsOf(one)).toEqual([second]);
    const both = await scoped(USER, { 'DATA-SCOPE': 'OTHER', 'DATA-SCOPE-ORG': `${first},${second}` });
    const firstOnly = await scoped(USER, { 'DATA-SCOPE': 'OTHER', 'DATA-SCOPE-ORG': String(first) });
    expect(groupsOf(both)).toEqual([...groupsOf(firstOnly), ...groupsOf(one)]);
    // An org listed twice is answered once.
    const twice = await scoped(USER, { 'DATA-SCOPE': 'OTHER', 'DATA-SCOPE-ORG': `${first},${first}` });
    expect(twice.body).toEqual(firstOnly.body);
    // The orgs' programmes differ and their group ids are their own.
    const self = await scoped(USER);
    const ids = [self, firstOnly, one].map((answer) => new Set(groupsOf(answer).map((group) => group.id)));
    expect(ids.every((set) => set.size > 0)).toBe(true);
    expect([...ids[0]!].some((id) => ids[1]!.has(id) || ids[2]!.has(id))).toBe(false);
  });

  test('ALL gives the union: the parent, then each child', async () => {
    for (const userId of [OTHER_USER, THIRD_USER]) {
      const all = await scoped(userId, { 'DATA-SCOPE': 'ALL' });
      const self = await scoped(userId, { 'DATA-SCOPE': 'SELF' });
      const other = await scoped(userId, { 'DATA-SCOPE': 'OTHER', 'DATA-SCOPE-ORG': children.join(',') });
      expect(all.status).toBe(200);
      expect(groupsOf(all)).toEqual([...groupsOf(self), ...groupsOf(other)]);
      expect(orgsOf(all)).toEqual([parent, ...children]);
    }
  });

  test('DATA-SCOPE-ORG beside SELF or ALL changes nothing (the endpoint sample sends it with SELF)', async () => {
    const self = await scoped(5);
    expect((await scoped(5, { 'DATA-SCOPE': 'SELF', 'DATA-SCOPE-ORG': String(children[0]) })).body).toEqual(self.body);
    const all = await scoped(5, { 'DATA-SCOPE': 'ALL' });
    expect((await scoped(5, { 'DATA-SCOPE': 'ALL', 'DATA-SCOPE-ORG': String(children[1]) })).body).toEqual(all.body);
  });

  test("the filters apply across the orgs: includeInactive, includeInactiveTargets and a child group's targetRuleId", async () => {
    const all = await scoped(USER, { 'DATA-SCOPE': 'ALL' });
    const active = await scoped(
      USER,
      { 'DATA-SCOPE': 'ALL' },
      { includeInactive: true, includeInactiveTargets: false },
    );
    expect(groupsOf(active).length).toBeLessThanOrEqual(groupsOf(all).length);
    expect(orgsOf(active).every((org) => orgsOf(all).includes(org))).toBe(true);
    const childGroup = groupsOf(all).find((group) => group.orgId === children[1])!;
    const byRule = await scoped(USER, { 'DATA-SCOPE': 'ALL' }, {
      ...ALL_GROUPS,
      targetRuleId: childGroup.id,
    } as typeof ALL_GROUPS);
    expect(groupsOf(byRule)).toEqual([childGroup]);
  });

  test("the endpoint page's user: its body is its org's own data, what the parent gets with OTHER and that org", async () => {
    const example = operation.responseFor(200)!.examples.find((e) => e.name === 'connectedOrgsSelfScope')!;
    const value = example.value as { data: { userId: number; targetGroups: { orgId: number }[] } };
    const org = value.data.targetGroups[0]!.orgId;
    expect(children).toContain(org);
    const answer = await scoped(value.data.userId, { 'DATA-SCOPE': 'OTHER', 'DATA-SCOPE-ORG': String(org) }, {
      includeInactive: true,
    } as typeof ALL_GROUPS);
    expect(answer.body).toEqual(example.value);
    // ALL adds the parent's and the other child's generated groups around the page's groups.
    const all = await scoped(value.data.userId, { 'DATA-SCOPE': 'ALL' });
    expect(groupsOf(all).filter((group) => group.orgId === org)).toEqual(value.data.targetGroups);
    expect(orgsOf(all)).toEqual([parent, ...children]);
  });

  test('a userId beyond 2^53 comes back with all its digits, in every org scope', async () => {
    const answer = await call(mock, BASE, '9223372036854775807', {
      path: operation.path,
      headers: { 'DATA-SCOPE': 'ALL' },
    });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('"userId":9223372036854775807');
  });

  test('the scenarios of the v3 path apply: noTargetGroups and userNotFound', async () => {
    const none = await call(mock, BASE, 8, {
      path: operation.path,
      headers: { 'DATA-SCOPE': 'ALL' },
      prefer: 'scenario=noTargetGroups',
    });
    expect(none.body.data.targetGroups).toEqual([]);
    const missing = await call(mock, BASE, 8, { path: operation.path, prefer: 'scenario=userNotFound' });
    expect(missing.status).toBe(200);
    expect(missing.body.data).toBeNull();
  });
});

describe("the header rules: the vendor's envelope at 400, or 403 for an org that is not a child", () => {
  const orgsMissing = operation.responseFor(400)!.examples.find((e) => e.name === 'dataScopeOrgsMissing')!.value;

  test.each([
    ['OTHER without DATA-SCOPE-ORG', { 'DATA-SCOPE': 'OTHER' }, /mandatory with DATA-SCOPE OTHER/],
    [
      'more than two orgs',
      { 'DATA-SCOPE': 'OTHER', 'DATA-SCOPE-ORG': '50363,50364,50365' },
      /at most 2 org ids, got 3/,
    ],
    ['more than two orgs with ALL', { 'DATA-SCOPE': 'ALL', 'DATA-SCOPE-ORG': '1,2,3' }, /at most 2 org ids/],
    ['an org id that is not one', { 'DATA-SCOPE': 'OTHER', 'DATA-SCOPE-ORG': '50363,abc' }, /must be org ids/],
    ['an unknown DATA-SCOPE', { 'DATA-SCOPE': 'EVERYONE' }, /DATA-SCOPE/],
  ])('%s', async (_label, headers, message) => {
    const answer = await scoped(1, headers);
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeNull();
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors[0].message).toMatch(message);
  });

  // Valid credentials, not allowed this organisation's data: the operation's 403.
  test.each([
    ['an org that is not a child', { 'DATA-SCOPE': 'OTHER', 'DATA-SCOPE-ORG': '50399' }, /50399 is not a child/],
    ['the parent as a child', { 'DATA-SCOPE': 'OTHER', 'DATA-SCOPE-ORG': '50363,50362' }, /50362 is not a child/],
  ])('%s: 403', async (_label, headers, message) => {
    const answer = await scoped(1, headers);
    expect(answer.status).toBe(403);
    expect(operation.responseFor(403)).toBeDefined();
    expect(answer.body).toMatchObject({ data: null, errors: [{ code: 403, message: expect.stringMatching(message) }] });
  });

  test("OTHER without DATA-SCOPE-ORG is answered with the spec's own example", async () => {
    expect((await scoped(1, { 'DATA-SCOPE': 'OTHER' })).body).toEqual(orgsMissing);
  });
});

test('the HTTP face carries the headers: ALL and a refused OTHER over a socket', async () => {
  const server = await startScenarioServer({ requireAuth: false });
  try {
    const url = `${server.url}${operation.path.replace('{userId}', String(USER))}`;
    const all = await fetch(url, { headers: { 'data-scope': 'ALL' } });
    expect(all.status).toBe(200);
    const body = (await all.json()) as { data: { targetGroups: { orgId: number }[] } };
    expect(new Set(body.data.targetGroups.map((group) => group.orgId))).toEqual(new Set([parent, ...children]));
    expect((await fetch(url, { headers: { 'DATA-SCOPE': 'OTHER' } })).status).toBe(400);
  } finally {
    await server.close();
  }
});

test('random requests: each 2xx body passes the check and holds only the scoped orgs, each refusal is the envelope', async () => {
  const orgIds = fc.constantFrom(String(parent), ...children.map(String), '50399', '0', 'x');
  const seen = new Set<number>();
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }), fc.bigInt({ min: 1n, max: 1000n })),
      fc.option(fc.constantFrom('SELF', 'OTHER', 'ALL', 'other', ''), { nil: undefined }),
      fc.option(fc.array(orgIds, { minLength: 1, maxLength: 3 }), { nil: undefined }),
      async (userId, scope, orgs) => {
        const headers: Record<string, string> = {};
        if (scope !== undefined) headers['DATA-SCOPE'] = scope;
        if (orgs !== undefined) headers['DATA-SCOPE-ORG'] = orgs.join(',');
        const answer = await call(mock, BASE, String(userId), { path: operation.path, headers, query: ALL_GROUPS });
        seen.add(answer.status);
        const violations = validator.validateText(answer.text, answer.status);
        const big = userId > BigInt(Number.MAX_SAFE_INTEGER);
        expect(violations.filter((v) => !(big && /is beyond 2\^53/.test(v.message)))).toEqual([]);
        if (answer.status !== 200) {
          expect([400, 403]).toContain(answer.status);
          expect(answer.body.data).toBeNull();
          return;
        }
        const allowed = scope === 'ALL' ? [parent, ...children] : scope === 'OTHER' ? orgs!.map(Number) : [parent];
        expect(orgsOf(answer).every((org) => allowed.includes(org))).toBe(true);
        expect(answer.text).toContain(`"userId":${userId}`);
      },
    ),
    { numRuns: 500 },
  );
  expect([...seen].sort()).toEqual([200, 400, 403]);
});
