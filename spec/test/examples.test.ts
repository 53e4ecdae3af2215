import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec, seedFixturesDir as fixturesDir, specPath } from '../src/index.ts';
import { schemaValidators } from './schemaValidator.ts';

const spec = await loadSpec();
const specDir = path.dirname(specPath);
const examples = spec.document.components.examples as Record<
  string,
  { summary?: string; value: unknown; 'x-fixture'?: string }
>;
const validator = schemaValidators(spec);
const fixtureFiles = readdirSync(fixturesDir).sort();
const connectedFixtureFiles = readdirSync(path.join(specDir, 'fixtures', 'connected')).sort();
const referenced = spec.examples.map((e) => ({
  name: e.name,
  operationId: e.operationId,
  status: e.status,
  schemaName: e.schemaName!,
}));
// An example the two operations share (an error envelope, "not found") is validated once.
const distinct = [...new Map(referenced.map((r) => [r.name, r])).values()];
/** The examples whose `x-fixture` is a file in `dir` (relative to the spec), by file name. */
const fixturesMapped = (dir: string) =>
  Object.values(examples)
    .map((e) => e['x-fixture'])
    .filter((f): f is string => f !== undefined && path.dirname(f) === dir)
    .map((f) => path.basename(f))
    .sort();
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;

describe('named examples', () => {
  it('every example component is referenced from a response, and every reference resolves', () => {
    expect(distinct.map((r) => r.name).sort()).toEqual(Object.keys(examples).sort());
  });

  it('an example shared by the operations answers the same status in each', () => {
    for (const { name, status } of referenced) {
      expect(
        referenced.filter((r) => r.name === name).map((r) => r.status),
        name,
      ).toEqual(referenced.filter((r) => r.name === name).map(() => status));
    }
    expect(new Set(referenced.map((r) => r.operationId))).toEqual(
      new Set(['getUserTargetGroups', 'getConnectedOrgUserTargetGroups']),
    );
  });

  it('every response status declares at least one example', () => {
    expect([...new Set(referenced.map((r) => r.status))].sort()).toEqual(['200', '400', '401', '403', '404', '500']);
  });

  it('every seed fixture is the value of exactly one example (mapped by x-fixture)', () => {
    expect(fixturesMapped('fixtures/seed')).toEqual(fixtureFiles);
  });

  it('every connected-orgs fixture is the value of exactly one example, and every x-fixture is in one of the two folders', () => {
    expect(fixturesMapped('fixtures/connected')).toEqual(connectedFixtureFiles);
    expect(connectedFixtureFiles).toEqual(['347286146.json']);
    expect(fixturesMapped('fixtures/seed').length + connectedFixtureFiles.length).toBe(
      Object.values(examples).filter((e) => e['x-fixture']).length,
    );
  });

  for (const [name, example] of Object.entries(examples).filter(([, e]) => e['x-fixture'])) {
    it(`${name} is its fixture ${example['x-fixture']} verbatim (same JSON value)`, () => {
      expect(example.value).toStrictEqual(readJson(path.join(specDir, example['x-fixture']!)));
    });
  }

  it('seed examples name their userId in the summary', () => {
    for (const example of Object.values(examples).filter((e) => e['x-fixture'])) {
      const userId = (example.value as { data: { userId: number } }).data.userId;
      expect(example.summary).toContain(`userId ${userId}`);
    }
  });

  it('the 200 response has an example of "not found" answered with data null and errors set', () => {
    const notFound = referenced
      .filter((r) => r.status === '200')
      .map((r) => examples[r.name]!.value as { data: unknown; errors: unknown[] | null });
    expect(notFound.some((v) => v.data === null && Array.isArray(v.errors) && v.errors.length > 0)).toBe(true);
  });

  for (const { name, status, schemaName } of distinct) {
    it(`${name} (HTTP ${status}) validates against ${schemaName}`, () => {
      const validate = validator(schemaName);
      const valid = validate(examples[name]!.value);
      expect(validate.errors ?? [], `${name}: ${JSON.stringify(validate.errors)}`).toEqual([]);
      expect(valid).toBe(true);
    });
  }
});

describe('seed fixtures', () => {
  for (const file of fixtureFiles) {
    it(`${file} validates against TargetGroupsResponse`, () => {
      const validate = validator('TargetGroupsResponse');
      validate(readJson(path.join(fixturesDir, file)));
      expect(validate.errors ?? []).toEqual([]);
    });
  }
});

describe('the connected-orgs fixture', () => {
  const body = readJson(path.join(specDir, 'fixtures', 'connected', '347286146.json')) as any;
  const groups = body.data.targetGroups as Array<{ orgId?: number; streaks?: Array<Record<string, unknown>> }>;

  it('validates against TargetGroupsResponse', () => {
    const validate = validator('TargetGroupsResponse');
    validate(body);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('carries the orgId of every target group, and streaks that have not started with nulls (as its summary says)', () => {
    expect(groups.map((g) => g.orgId)).toEqual(groups.map(() => 50363));
    const notStarted = groups.flatMap((g) => g.streaks ?? []).filter((s) => s.status === 'NOT_STARTED');
    expect(notStarted.length).toBeGreaterThan(0);
    expect(notStarted.every((s) => s.userStreakId === null && s.streakAchievedDateTime === null)).toBe(true);
  });
});

describe('the schema validator used above rejects bodies that break the contract', () => {
  const base = () => readJson(path.join(fixturesDir, '566881933.json')) as any;
  const cases: Array<[string, (body: any) => void, string]> = [
    [
      'an amount sent as a string',
      (b) => (b.data.targetGroups[0].targets[0].targetValue = '10000'),
      '/data/targetGroups/0/targets/0/targetValue',
    ],
    [
      'a required field dropped',
      (b) => delete b.data.targetGroups[0].targets[0].periodId,
      '/data/targetGroups/0/targets/0',
    ],
    [
      'null where the contract forbids it',
      (b) => (b.data.customer.profiles[0].firstName = null),
      '/data/customer/profiles/0/firstName',
    ],
    [
      'a legacy timestamp with a colon in its offset',
      (b) => (b.data.targetGroups[0].targets[0].enrolledOn = '2025-11-12T09:51:10.000+00:00'),
      '/data/targetGroups/0/targets/0/enrolledOn',
    ],
    [
      'an ISO field that is not RFC 3339',
      (b) => (b.data.targetGroups[0].targets[0].enrolledOnISO = '2025-11-12 09:51'),
      '/data/targetGroups/0/targets/0/enrolledOnISO',
    ],
  ];
  for (const [label, mutate, pointer] of cases) {
    it(`rejects ${label} at ${pointer}`, () => {
      const body = base();
      mutate(body);
      const validate = validator('TargetGroupsResponse');
      expect(validate(body)).toBe(false);
      expect(validate.errors!.map((e) => e.instancePath)).toContain(pointer);
    });
  }
});
