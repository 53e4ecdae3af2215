import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec, migrationMapOf, promotionsSpecPath, responseSchemaNames, specPath } from '../src/index.ts';

const spec = await loadSpec();
const map = migrationMapOf(spec);
const specDir = path.dirname(specPath);
// Variants live beside a copy of promotions.yaml, inside the repository: references may not leave a spec's directory.
const workDir = path.join(specDir, 'test-results', `migration-map-${process.pid}`);
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** The contract with `edit` applied, written beside a copy of promotions.yaml, and its map. */
async function mapOfVariant(
  name: string,
  edit: (text: string) => string,
  promotions = readFileSync(promotionsSpecPath, 'utf8'),
) {
  const original = readFileSync(specPath, 'utf8');
  const edited = edit(original);
  expect(edited, `editing "${name}" changed nothing`).not.toBe(original);
  const dir = path.join(workDir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'targetGroups.yaml'), edited);
  writeFileSync(path.join(dir, 'promotions.yaml'), promotions);
  return migrationMapOf(await loadSpec(path.join(dir, 'targetGroups.yaml')));
}

describe('the migration map of the retiring contract', () => {
  it('is complete: every property of every response schema has an entry, and every reference resolves', () => {
    expect(map.problems).toEqual([]);
    const expected = responseSchemaNames(spec.document).flatMap((schema) =>
      Object.keys((spec.document.components.schemas[schema]!.properties as object) ?? {}).map((p) => `${schema}.${p}`),
    );
    expect(map.entries.map((e) => `${e.schema}.${e.property}`)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(90);
  });

  it('reaches every component schema with properties from the responses', () => {
    const withProperties = Object.entries(spec.document.components.schemas)
      .filter(([, s]) => s.properties)
      .map(([name]) => name)
      .sort();
    expect([...responseSchemaNames(spec.document)].filter((n) => withProperties.includes(n)).sort()).toEqual(
      withProperties,
    );
  });

  it('says why for every field without an equivalent, per-user progress among them', () => {
    const none = map.entries.filter((e) => e.replacedBy === null);
    for (const entry of none) expect(entry.note, `${entry.schema}.${entry.property}`).toMatch(/\w{3,}/);
    const byField = new Map(map.entries.map((e) => [`${e.schema}.${e.property}`, e]));
    for (const field of [
      'Target.targetAchievedValue',
      'Streak.currentCount',
      'Milestone.isAchieved',
      'TargetGroup.streaks',
    ])
      expect(byField.get(field)).toMatchObject({ replacedBy: null, note: expect.stringMatching(/per-user/i) });
  });

  it('maps the enums that keep their names, and notes where the meaning changes', () => {
    const byField = new Map(map.entries.map((e) => [`${e.schema}.${e.property}`, e]));
    expect(byField.get('TargetGroup.trackingType')?.replacedBy).toBe(
      'promotions.yaml#/components/schemas/PromotionMilestone/properties/trackingType',
    );
    expect(byField.get('Target.periodStartDate')?.note).toMatch(/Another format/);
    expect(byField.get('TargetGroupsResponse.data')?.note).toMatch(/Meaning changes/);
  });

  it('each entry points at the line its property is written on', () => {
    const lines = spec.text.split('\n');
    for (const entry of map.entries.slice(0, 20))
      expect(lines[entry.line - 1]).toMatch(new RegExp(`^ +${entry.property}:$`));
  });

  it('leaves the dereferenced view without the map, so a copy of a component is still that component', () => {
    const dereferenced = JSON.stringify(spec.dereferenced);
    expect(dereferenced).not.toContain('x-replaced-by');
    const customer = (spec.schemas.UserTargetGroups!.properties as Record<string, object>).customer!;
    expect(spec.componentOf(customer as never)).toBe('Customer');
    expect(JSON.stringify(spec.document)).toContain('x-replaced-by');
  });
});

describe('the map check fails', () => {
  it('when a property has no entry', async () => {
    const variant = await mapOfVariant('no-entry', (text) =>
      text.replace(
        /(\n {8}triggerValue:\n(?: {10}(?!x-).*\n)*) {10}x-replaced-by: none\n {10}x-migration-note: .*\n/,
        '$1',
      ),
    );
    expect(variant.problems.map((p) => p.message)).toEqual([
      'Milestone.triggerValue has no `x-replaced-by` (a reference to the field that replaces it, or `none`)',
    ]);
    expect(variant.problems[0]!.pointer).toBe('/components/schemas/Milestone/properties/triggerValue');
  });

  it('when a reference names no property of the other spec', async () => {
    const variant = await mapOfVariant('unresolved', (text) =>
      text.replace('PromotionMilestone/properties/trackingType"', 'PromotionMilestone/properties/trackingKind"'),
    );
    expect(variant.problems).toHaveLength(1);
    expect(variant.problems[0]!.message).toMatch(
      /^TargetGroup\.trackingType `x-replaced-by: .*trackingKind` names nothing in promotions\.yaml$/,
    );
  });

  it('when the other spec lost the property a reference names', async () => {
    const promotions = readFileSync(promotionsSpecPath, 'utf8').replace(/\n {8}orgId:\n(?: {10}.*\n)+/, '\n');
    const variant = await mapOfVariant('target-removed', (text) => `${text}\n`, promotions);
    expect(variant.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^TargetGroup\.orgId .*PromotionMetadata\/properties\/orgId` names nothing/),
    ]);
  });

  it('when `none` comes without a note saying why', async () => {
    const variant = await mapOfVariant('none-without-note', (text) =>
      text.replace(
        /(\n {8}isAchieved:\n(?: {10}(?!x-).*\n)* {10}x-replaced-by: none\n) {10}x-migration-note: .*\n/,
        '$1',
      ),
    );
    expect(variant.problems.map((p) => p.message)).toEqual([
      'Milestone.isAchieved is `x-replaced-by: none` without an `x-migration-note` saying why',
    ]);
  });

  it('when a reference leaves the spec directory or names a URL (nothing is read or fetched)', async () => {
    const variant = await mapOfVariant('escaping', (text) =>
      text
        .replace(
          '"promotions.yaml#/components/schemas/PromotionMetadata/properties/orgId"',
          '"../../../../etc/passwd#/a"',
        )
        .replace(
          '"promotions.yaml#/components/schemas/PromotionMilestone/properties/preferredTillId"',
          '"https://example.test/promotions.yaml#/components/schemas/P/properties/x"',
        ),
    );
    expect(variant.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^TargetGroup\.orgId .* a reference to a file outside the spec's directory/),
      expect.stringMatching(/^TargetGroup\.preferredTillId .* a remote reference/),
    ]);
  });

  it('when a reference is not to a property of a component schema', async () => {
    const variant = await mapOfVariant('not-a-property', (text) =>
      text.replace(
        '"promotions.yaml#/components/schemas/PromotionMetadata/properties/orgId"',
        '"promotions.yaml#/components/schemas/PromotionMetadata"',
      ),
    );
    expect(variant.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^TargetGroup\.orgId .* does not name a property of a component schema/),
    ]);
  });
});
