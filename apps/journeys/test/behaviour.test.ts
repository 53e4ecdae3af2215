// What the mock promises its users beyond the examples: any declared status on request, and the vendor's
// envelope (not Prism's own problem documents) for invalid and unauthenticated requests.
import { describe, expect, inject, it } from 'vitest';
import { BASIC, errorsOf, slViolations, validator } from './support/helpers.js';
import { examples, pathFor, pathOf, statuses } from './support/spec.js';

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${inject('mockUrl')}${path}`, { headers });
  const text = await res.text();
  return { res, text, body: JSON.parse(text) as Record<string, unknown> };
}

function expectVendorErrorEnvelope(body: Record<string, unknown>) {
  expect(Object.keys(body).sort()).toEqual(['data', 'errors', 'warnings']);
  expect(body.data).toBeNull();
  expect(Array.isArray(body.errors)).toBe(true);
  const errors = body.errors as { code: unknown; message: unknown }[];
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(Number.isInteger(e.code)).toBe(true);
    expect(typeof e.message).toBe('string');
  }
}

describe('Prefer: code=NNN', () => {
  it.each(statuses.map((s) => [s]))('answers the declared %i with a body that passes the check', async (status) => {
    const { res, body } = await get(pathFor(566881933), { authorization: BASIC, prefer: `code=${status}` });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(errorsOf(validator.validate(body, status))).toEqual([]);
    if (status >= 400) expectVendorErrorEnvelope(body);
  });
});

describe('Prefer: example=NAME alone, for an example of any status', () => {
  const otherStatus = examples.filter((e) => e.status !== 200);
  const success = examples.filter((e) => e.status === 200);

  it('the spec has such examples', () => {
    expect(otherStatus.length).toBeGreaterThanOrEqual(3);
  });

  it.each(otherStatus.map((e) => [`${e.operationId} ${e.status} ${e.name}`, e] as const))(
    '%s: its status and exactly its body',
    async (_label, example) => {
      const { res, body } = await get(pathFor(566881933, pathOf(example)), {
        authorization: BASIC,
        prefer: `example=${example.name}`,
      });
      expect(res.status).toBe(example.status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(body).toEqual(example.value);
    },
  );

  it.each(otherStatus.map((e) => [`${e.operationId} ${e.status} ${e.name}`, e] as const))(
    '%s: the form with code= still works',
    async (_label, example) => {
      const { res, body } = await get(pathFor(566881933, pathOf(example)), {
        authorization: BASIC,
        prefer: `code=${example.status}, example=${example.name}`,
      });
      expect(res.status).toBe(example.status);
      expect(body).toEqual(example.value);
    },
  );

  it.each(success.map((e) => [`${e.operationId} ${e.name}`, e] as const))(
    '200 %s is unchanged',
    async (_label, example) => {
      const { res, body } = await get(pathFor(566881933, pathOf(example)), {
        authorization: BASIC,
        prefer: `example=${example.name}`,
      });
      expect(res.status).toBe(200);
      expect(body).toEqual(example.value);
    },
  );
});

describe('invalid requests get the declared 400 in the vendor envelope', () => {
  const cases: [string, string, string[]][] = [
    ['userId abc', pathFor('abc'), ['userid']],
    ['includeInactive maybe', `${pathFor(566881933)}?includeInactive=maybe`, ['includeinactive']],
    ['both', `${pathFor('abc')}?includeInactive=maybe`, ['userid', 'includeinactive']],
    ['includeInactiveTargets 1x', `${pathFor(566881933)}?includeInactiveTargets=1x`, ['includeinactivetargets']],
    ['targetRuleId twelve', `${pathFor(566881933)}?targetRuleId=twelve`, ['targetruleid']],
  ];

  it.each(cases)('%s', async (_label, path, parameters) => {
    const { res, body } = await get(path, { authorization: BASIC });
    expect(res.status).toBe(400);
    // Not Prism's own 422 problem+json: the spec declares 400, so the mock answers with its example.
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expectVendorErrorEnvelope(body);
    expect(errorsOf(validator.validate(body, 400))).toEqual([]);
    const flagged = slViolations(res).map((v) => v.location.at(-1)?.toLowerCase());
    for (const parameter of parameters) expect(flagged).toContain(parameter);
  });

  it('a valid request is not flagged', async () => {
    const { res } = await get(
      `${pathFor(566881933)}?includeInactive=true&includeInactiveTargets=false&targetRuleId=12`,
      {
        authorization: BASIC,
      },
    );
    expect(res.status).toBe(200);
    expect(slViolations(res)).toEqual([]);
  });
});

describe('credentials', () => {
  it('a request without credentials gets the declared 401 in the vendor envelope', async () => {
    const { res, body } = await get(pathFor(566881933));
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expectVendorErrorEnvelope(body);
    expect(errorsOf(validator.validate(body, 401))).toEqual([]);
  });

  it.each([
    ['Basic', { authorization: BASIC }],
    ['an OAuth token', { 'x-cap-api-oauth-token': 'any-token' }],
  ])('a request with %s is served', async (_label, headers) => {
    const { res, body } = await get(pathFor(566881933), headers);
    expect(res.status).toBe(200);
    expect(body.data).not.toBeNull();
  });
});

// The spec: `userId` is an int64. Every 64-bit integer is a valid id; what is not one gets the spec's 400.
describe('userId: every int64, and nothing else', () => {
  it.each([
    ['2^63 - 1', '9223372036854775807'],
    ['-2^63', '-9223372036854775808'],
    ['2^53 + 1', '9007199254740993'],
    ['0', '0'],
    ['leading zeros', '000566881933'],
  ])('%s (%s) is served', async (_label, userId) => {
    const { res, body } = await get(pathFor(userId), { authorization: BASIC });
    expect(res.status).toBe(200);
    expect(slViolations(res)).toEqual([]);
    expect(body.data).not.toBeNull();
  });

  it.each([
    ['2^63', '9223372036854775808'],
    ['-2^63 - 1', '-9223372036854775809'],
    ['1.2e29 written out', '120000000000000000000000000000'],
    ['a fraction', '1.5'],
    ['an exponent', '1e3'],
    ['hexadecimal', '0x10'],
    ['a word', 'abc'],
  ])('%s (%s) gets the 400 in the vendor envelope', async (_label, userId) => {
    const { res, body } = await get(pathFor(userId), { authorization: BASIC });
    expect(res.status).toBe(400);
    expectVendorErrorEnvelope(body);
    expect(slViolations(res).map((v) => v.location.join('.'))).toContain('request.path.userid');
  });

  it('targetRuleId, also an int64, takes 2^63 - 1 and refuses 2^63', async () => {
    const ok = await get(`${pathFor(566881933)}?targetRuleId=9223372036854775807`, { authorization: BASIC });
    expect(ok.res.status).toBe(200);
    const refused = await get(`${pathFor(566881933)}?targetRuleId=9223372036854775808`, { authorization: BASIC });
    expect(refused.res.status).toBe(400);
  });
});

describe('a preference Prism does not understand', () => {
  it.each([['scenario=noTargetGroups'], ['scenario=noTargetGroup'], ['respond-async']])(
    'Prefer: %s gets the mock problem document, not a user',
    async (prefer) => {
      const { res, body } = await get(pathFor(566881933), { authorization: BASIC, prefer });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('x-mock-problem')).toBe('unknown-preference');
      expect(body).toMatchObject({ type: 'urn:target-groups-mock:unknown-preference', engine: 'prism' });
      expect(body.preferences).toEqual(['code', 'example', 'dynamic', 'seed']);
      expect(body.data).toBeUndefined();
    },
  );
});
