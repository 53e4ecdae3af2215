// The covering set: a few userIds whose forwardCompatible bodies together use every latitude of the contract, so a
// consumer's test that loops over them meets every null, absent field, unknown enum value, undocumented property,
// empty list and ended target group, instead of whatever one user happens to show. Checked with tools that do not
// share the engine's code: a walk of the spec written here, and the contract CLI's `check --coverage`
// (apps/journeys/test/scenarioCheck.test.ts).
import { readFileSync } from 'node:fs';
import { loadSpec } from '@target-groups/spec';
import { describe, expect, test } from 'vitest';
import { coveringUserIds, createMockFetch, forwardCompatibleCoverage } from '../../src/scenarios/index.js';
import { declaredLatitudes } from '../../src/scenarios/latitudes.js';
import { call } from './support.js';

const BASE = 'https://eu.api.capillarytech.com';
const spec = await loadSpec();
const mock = createMockFetch();

type Schema = Record<string, any>;
const deref = spec.dereferenced.components.schemas as Record<string, Schema>;

const nonNull = (s: Schema): Schema => s.anyOf?.find((b: Schema) => b.type !== 'null') ?? s;

/** Places under `data` (`data.customer.profiles[]`, ...) of each kind, walked from the dereferenced spec. */
function places(schema: Schema, at: string, found: Record<string, string[]>) {
  const s = nonNull(schema);
  if (s['x-extensible-enum'] === true) found.enum!.push(at);
  if (s.items) {
    found.array!.push(at);
    places(s.items, `${at}[]`, found);
  }
  if (s.properties || s.additionalProperties) {
    if (s.additionalProperties !== false) found.object!.push(at);
    for (const [name, property] of Object.entries<Schema>(s.properties ?? {})) places(property, `${at}.${name}`, found);
  }
  return found;
}
const declared = places(deref.UserTargetGroups!, 'data', { enum: [], array: [], object: [] });

/** What the bodies show at each place: a value outside an open enum, an empty list, a property the spec lacks. */
function shown(value: any, schema: Schema, at: string, found: Record<string, Set<string>>) {
  if (value === null || value === undefined) return;
  const s = nonNull(schema);
  if (typeof value === 'string' && s['x-extensible-enum'] === true && !s.enum.includes(value)) found.enum!.add(at);
  if (Array.isArray(value)) {
    if (value.length === 0) found.array!.add(at);
    for (const item of value) shown(item, s.items ?? {}, `${at}[]`, found);
  } else if (typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (!s.properties?.[key]) found.object!.add(at);
      else shown(child, s.properties[key], `${at}.${key}`, found);
    }
  }
}

const userIds = coveringUserIds();
const bodies = await Promise.all(
  userIds.map(async (userId) => (await call(mock, BASE, userId, { prefer: 'scenario=forwardCompatible' })).text),
);

describe('coveringUserIds()', () => {
  test('a few userIds, the same on every call, as many as the README says', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(
      `\`coveringUserIds(options?)\`: the userIds, ${userIds.length} for the default users and query.`,
    );
    expect(userIds.length).toBeGreaterThan(1);
    expect(userIds.length).toBeLessThan(40);
    expect(new Set(userIds).size).toBe(userIds.length);
    expect(coveringUserIds()).toEqual(userIds);
    for (const userId of userIds) expect(Number.isSafeInteger(userId)).toBe(true);
  });

  test('each open enum with an unknown value, every array empty, an undocumented property in every object', () => {
    const found = { enum: new Set<string>(), array: new Set<string>(), object: new Set<string>() };
    for (const text of bodies) shown(JSON.parse(text).data, deref.UserTargetGroups!, 'data', found);
    expect(declared.enum!.length).toBeGreaterThanOrEqual(6);
    expect(declared.object!.length).toBeGreaterThanOrEqual(10);
    for (const kind of ['enum', 'array', 'object'] as const)
      expect(
        declared[kind]!.filter((at) => !found[kind].has(at)),
        kind,
      ).toEqual([]);
  });

  test('a target group none of whose targets is in the current period (as user 64035151 has)', () => {
    const ended = bodies.some((text) =>
      JSON.parse(text).data.targetGroups.some(
        (group: any) => group.targets.length > 0 && group.targets.every((target: any) => target.currentPeriod !== true),
      ),
    );
    expect(ended).toBe(true);
  });

  test('code that assumes a complete enum, or a first profile, crashes on one of them; careful code on none', () => {
    // A label for every known target type: only a value the vendor adds later is missing.
    const labels = Object.fromEntries(
      (deref.TargetType!.enum as string[]).map((value) => [value, value.toLowerCase()]),
    );
    const targetTypes = (data: any): string[] =>
      data.targetGroups.flatMap((group: any) => group.targets.map((target: any) => target.targetType));
    const readers = {
      byLabel: (data: any) => targetTypes(data).map((type) => labels[type]!.toUpperCase()),
      firstProfile: (data: any) => data.customer.profiles[0].firstName.trim(),
      careful: (data: any) => [
        targetTypes(data).map((type) => (labels[type] ?? type).toUpperCase()),
        data.customer.profiles[0]?.firstName?.trim(),
      ],
    };
    const crashes = (read: (data: any) => unknown) =>
      bodies.filter((text) => {
        try {
          read(JSON.parse(text).data);
          return false;
        } catch {
          return true;
        }
      }).length;
    expect(crashes(readers.byLabel)).toBeGreaterThan(0);
    expect(crashes(readers.firstProfile)).toBeGreaterThan(0);
    expect(crashes(readers.careful)).toBe(0);
  });
});

describe('forwardCompatibleCoverage()', () => {
  test('every latitude, the users that show it, none uncovered; derived from the spec', () => {
    const coverage = forwardCompatibleCoverage();
    expect(coverage.userIds).toEqual(userIds);
    expect(coverage.uncovered).toEqual([]);
    for (const latitude of coverage.latitudes)
      expect(latitude.userIds.length, `${latitude.kind} ${latitude.path}`).toBeGreaterThan(0);
    const kinds = new Set(coverage.latitudes.map((latitude) => latitude.kind));
    expect([...kinds].sort()).toEqual(['absent', 'empty', 'no-current-period', 'null', 'undocumented', 'unknown-enum']);
    const paths = (kind: string) => coverage.latitudes.filter((l) => l.kind === kind).map((l) => l.path);
    expect(paths('unknown-enum').sort()).toEqual([...declared.enum!].sort());
    expect(paths('empty').sort()).toEqual([...declared.array!].sort());
    expect(paths('undocumented').sort()).toEqual([...declared.object!].sort());
  });

  test('another seed, or another query, has its own covering set', () => {
    const seeded = forwardCompatibleCoverage({ seed: 'other' });
    expect(seeded.uncovered).toEqual([]);
    expect(seeded.userIds).not.toEqual(userIds);
    const everyCycle = forwardCompatibleCoverage({ includeInactive: true, includeInactiveTargets: true });
    expect(everyCycle.uncovered).toEqual([]);
  });
});

test('the latitudes follow the schema: a new property, enum or list is a new latitude, a required one is never absent', () => {
  const userSchema = spec.dereferenced.components.schemas.UserTargetGroups as Schema;
  const schema = structuredClone(userSchema) as any;
  const target = schema.properties.targetGroups.items.properties.targets.items;
  target.properties.reward = {
    type: ['object', 'null'],
    properties: {
      kind: { type: 'string', enum: ['VOUCHER'], 'x-extensible-enum': true },
      codes: { type: 'array', items: { type: 'string' } },
    },
  };
  target.required = [...target.required, 'unEnrolled'];
  const keys = declaredLatitudes(schema, 'data').map((latitude) => `${latitude.kind} ${latitude.path}`);
  const before = declaredLatitudes(userSchema, 'data').map((latitude) => `${latitude.kind} ${latitude.path}`);
  const at = 'data.targetGroups[].targets[]';
  expect(keys.filter((key) => !before.includes(key)).sort()).toEqual(
    [
      `absent ${at}.reward`,
      `null ${at}.reward`,
      `undocumented ${at}.reward`,
      `absent ${at}.reward.kind`,
      `unknown-enum ${at}.reward.kind`,
      `absent ${at}.reward.codes`,
      `empty ${at}.reward.codes`,
    ].sort(),
  );
  expect(before.filter((key) => !keys.includes(key))).toEqual([`absent ${at}.unEnrolled`]);
});
