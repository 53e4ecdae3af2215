// Conformance of the scenario engine to the contract, checked by the contract's own validator
// (@target-groups/validator, the core of the contract check; its CLI judges them in apps/journeys) over thousands of random requests, and its named examples against the spec and Prism.
import { createValidator } from '@target-groups/validator';
import { loadSpec } from '@target-groups/spec';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
// Prism through the built package: startMock serves the spec copied next to dist/index.js.
import { startMock } from '../../dist/index.js';
import { createMockFetch, exampleNames } from '../../src/scenarios/index.js';
import { call } from './support.js';

const BASE = 'http://mock.test';
const RUNS = Number(process.env.SCENARIO_CONFORMANCE_RUNS ?? 3000);
const spec = await loadSpec();
const validator = createValidator();
const mock = createMockFetch({ slowDelayMs: 0 });

// The random requests are of the v3 operation, with its own examples: an example belongs to its operation.
const v3Examples = spec.examples.filter((e) => e.operationId === 'getUserTargetGroups');
/** The path template of the operation an example belongs to. */
const pathOf = (example: (typeof spec.examples)[number]) =>
  spec.operations.find((o) => o.operationId === example.operationId)!.path;
const exampleUserIds = v3Examples.flatMap((e) => {
  const userId = (e.value as any)?.data?.userId;
  return typeof userId === 'number' ? [BigInt(userId)] : [];
});
const userIds = fc.oneof(
  fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }),
  fc.bigInt({ min: 1n, max: 100_000n }),
  fc.constantFrom(...exampleUserIds),
);
const flag = fc.option(fc.boolean(), { nil: undefined });
// Ids of the generated programme's groups (1000..3521) and rules (10000..10111), and some that match nothing.
const targetRuleIds = fc.option(
  fc.oneof(fc.integer({ min: 1000, max: 3600 }), fc.integer({ min: 10_000, max: 10_120 })),
  {
    nil: undefined,
  },
);
const preferences = fc.option(
  fc.oneof(
    fc.constantFrom(
      'scenario=forwardCompatible',
      'scenario=noTargetGroups',
      'scenario=userNotFound',
      'scenario=badRequest',
      'scenario=unauthorized',
      'scenario=forbidden',
      'scenario=notFound',
      'scenario=serverError',
      'scenario=rateLimited',
      'scenario=flaky',
      'scenario=slow, delay=0',
      'code=200',
      'code=404',
    ),
    fc.constantFrom(...v3Examples.map((e) => `example=${e.name}`)),
  ),
  { nil: undefined },
);

/** The ErrorResponse envelope every declared error status shares; 429 and 503 (not declared) are held to it too. */
const ENVELOPE_STATUS = 500;

describe('every answer conforms to the contract', () => {
  test('the validator is the built-in contract compiled at build time, as the client and the check use it', () => {
    expect(validator.compiled).toBe('ahead-of-time');
  });

  test(`${RUNS} random requests: 2xx bodies pass the contract check, errors are the vendor envelope`, async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        userIds,
        flag,
        flag,
        targetRuleIds,
        preferences,
        async (userId, includeInactive, includeInactiveTargets, targetRuleId, prefer) => {
          const query: Record<string, string | boolean | number> = {};
          if (includeInactive !== undefined) query.includeInactive = includeInactive;
          if (includeInactiveTargets !== undefined) query.includeInactiveTargets = includeInactiveTargets;
          if (targetRuleId !== undefined) query.targetRuleId = targetRuleId;
          const answer = await call(mock, BASE, String(userId), { query, prefer });
          seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
          expect(answer.headers.get('x-cap-requestid')).toBeTruthy();
          const violations = validator.validateText(
            answer.text,
            validator.isDeclared(answer.status) ? answer.status : ENVELOPE_STATUS,
          );
          if (answer.status >= 200 && answer.status < 300) {
            expect(violations.filter((v) => v.severity === 'error')).toEqual([]);
            // Only the drift scenario may stray from what the contract documents, and then only as warnings. A userId
            // beyond 2^53 comes back as sent, which the check rightly warns JavaScript consumers read rounded.
            const strays = violations.filter(
              (v) => !(BigInt(userId) > BigInt(Number.MAX_SAFE_INTEGER) && /is beyond 2\^53/.test(v.message)),
            );
            if (prefer !== 'scenario=forwardCompatible') expect(strays).toEqual([]);
            if (answer.body.data && !prefer?.startsWith('example='))
              expect(answer.text).toContain(`"userId":${userId}`);
          } else {
            expect([...validator.statuses.map(Number), 429, 503]).toContain(answer.status);
            expect(violations).toEqual([]);
            expect(answer.body.data).toBeNull();
            expect(answer.body.errors.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: RUNS },
    );
    // The random requests did reach successes and errors alike.
    expect(seen.get(200)).toBeGreaterThan(RUNS / 4);
    expect([...seen.keys()].filter((status) => status >= 400).length).toBeGreaterThanOrEqual(5);
  });

  test(`forwardCompatible: ${RUNS} random users, each body has warnings and no errors`, async () => {
    const drifting = createMockFetch({ defaultScenario: 'forwardCompatible' });
    const kinds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(userIds, flag, async (userId, includeInactive) => {
        const answer = await call(drifting, BASE, String(userId), {
          query: { includeInactiveTargets: true, ...(includeInactive !== undefined && { includeInactive }) },
        });
        expect(answer.status).toBe(200);
        const violations = validator.validateText(answer.text, 200);
        expect(violations.filter((v) => v.severity === 'error')).toEqual([]);
        expect(violations.length).toBeGreaterThan(0);
        for (const violation of violations) kinds.add(violation.message.split(/[:"(]/)[0]!.trim());
        if (/"(targetId|milestones|userStreakId|targetAchievedDateTime)":null/.test(answer.text)) kinds.add('null');
        if (/\.\d{3}(?!\+0000|\+0530)[+-]\d{4}"/.test(answer.text)) kinds.add('other offset');
      }),
      { numRuns: RUNS },
    );
    // Both warning kinds (undocumented property, unknown open-enum value) and the silent drifts all occurred.
    expect(kinds.size).toBeGreaterThanOrEqual(4);
    expect(kinds.has('null')).toBe(true);
    expect(kinds.has('other offset')).toBe(true);
  });
});

describe('named examples', () => {
  test('each example, asked by name, is the spec example value at its status', async () => {
    expect(new Set(spec.examples.map(pathOf)).size).toBe(spec.operations.length);
    for (const example of spec.examples) {
      const answer = await call(mock, BASE, 1, { prefer: `example=${example.name}`, path: pathOf(example) });
      expect(answer.status, example.name).toBe(Number(example.status));
      expect(answer.body, example.name).toEqual(example.value);
    }
  });

  describe('beside Prism', () => {
    let prism: Awaited<ReturnType<typeof startMock>>;
    beforeAll(async () => {
      prism = await startMock();
    });
    afterAll(() => prism?.close());

    test('each example: the same status and body as Prism serves', async () => {
      const prismFetch = (input: string, init?: RequestInit) => fetch(input, init);
      for (const example of spec.examples) {
        const prefer = `example=${example.name}`;
        const ours = await call(mock, BASE, 566881933, { prefer, path: pathOf(example) });
        const theirs = await call(prismFetch, prism.url, 566881933, { prefer, path: pathOf(example) });
        expect(theirs.status, example.name).toBe(ours.status);
        expect(ours.body, example.name).toEqual(theirs.body);
      }
    });

    test('an example of the other operation is refused on this path as an unknown name is; on its own path it is served', async () => {
      const prismFetch = (input: string, init?: RequestInit) => fetch(input, init);
      const [v3, v31] = spec.operations;
      const onlyOf = (operation: typeof v3) =>
        spec.examples.find(
          (e) =>
            e.operationId === operation!.operationId &&
            !spec.examples.some((other) => other.name === e.name && other.operationId !== e.operationId),
        )!;
      for (const [example, other] of [
        [onlyOf(v31), v3!],
        [onlyOf(v3), v31!],
      ] as const) {
        const asked = { prefer: `example=${example.name}`, path: other.path };
        const unknown = { prefer: 'example=noSuchExample', path: other.path };
        const ours = await call(mock, BASE, 566881933, asked);
        expect(ours.status, example.name).toBe(422);
        expect(ours.headers.get('x-mock-problem')).toBe('unknown-example');
        expect(ours.body.examples).toEqual(exampleNames[other.id]);
        expect(ours.body.examples).not.toContain(example.name);
        expect({ ...ours.body, detail: undefined }).toEqual({
          ...(await call(mock, BASE, 566881933, unknown)).body,
          detail: undefined,
        });
        const theirs = await call(prismFetch, prism.url, 566881933, asked);
        const theirsUnknown = await call(prismFetch, prism.url, 566881933, unknown);
        expect(theirs.status, example.name).toBe(theirsUnknown.status);
        expect(theirs.headers.get('content-type')).toBe('application/problem+json');
        expect(theirs.body.type).toBe(theirsUnknown.body.type);
        const own = await call(mock, BASE, 566881933, { prefer: asked.prefer, path: pathOf(example) });
        expect(own.status).toBe(Number(example.status));
        expect(own.body).toEqual(example.value);
      }
    });
  });
});
