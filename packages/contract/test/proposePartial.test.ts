// One hard edit does not cost the whole proposal: a YAML merge key (`<<`) as a property name stays a plain key, a
// multi-line enum value is written as one value, a value nested hundreds of levels deep gets a schema inferred to a
// stated depth, and every other edit of the same proposal is written beside them.
import { createValidator } from '@target-groups/validator';
import { beforeAll, describe, expect, test } from 'vitest';
import { check } from '../src/commands/check/index.js';
import { applyEdits } from '../src/commands/propose/apply.js';
import { SpecText } from '../src/commands/propose/edit.js';
import type { PlannedEdit } from '../src/commands/propose/proposal.js';
import { readSpecText } from '../src/spec/specInput.js';
import { contractText, runCommand } from './diffSupport.js';
import { type Json, propose, proposeJson, type ProposeJson, readerSchemas, seed, workspace } from './proposeSupport.js';

function nested(levels: number): Json {
  const root: Json = {};
  let node = root;
  for (let i = 0; i < levels; i++) {
    node.next = {};
    node = node.next;
  }
  node.end = true;
  return root;
}

/** Levels of schema nesting (`properties`/`items`) below `schema`. */
function depth(schema: Json): number {
  const children = [
    ...Object.values((schema.properties ?? {}) as Json),
    ...(schema.items && typeof schema.items === 'object' ? [schema.items] : []),
  ] as Json[];
  return children.length === 0 ? 0 : 1 + Math.max(...children.map(depth));
}

describe('propose: a proposal with hard edits', () => {
  const body = seed();
  const group = body.data.targetGroups[0];
  const target = group.targets[0];
  target['<<'] = { a: 1 };
  target.deep = nested(600);
  target.reward = 5;
  target.eventName = null;
  group.trackingType = 'QUARTERLY\nWEEKLY';
  const { dir, spec, input } = workspace([body]);
  let ran: Awaited<ReturnType<typeof propose>>;
  let report: ProposeJson;

  beforeAll(async () => {
    ran = await propose(['--spec', spec, '--write', '--format', 'json', input], dir);
    report = proposeJson(ran);
  });

  test('every edit is written, read back by the spec reader as intended', async () => {
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(1);
    expect(report.refused).toEqual([]);
    const { Target, TrackingType } = await readerSchemas(spec);
    expect(Object.hasOwn(Target.properties, '<<')).toBe(true);
    expect(Target.properties['<<']).toMatchObject({ type: 'object', properties: { a: { type: 'integer' } } });
    // Not merged into its parent: the merge key's contents did not become properties of Target.
    expect(Target.properties.type).toBeUndefined();
    expect(TrackingType.enum).toContain('QUARTERLY\nWEEKLY');
    expect(Target.properties.reward).toMatchObject({ type: 'integer' });
    expect(Target.properties.eventName.type).toContain('null');
  });

  test('the deep value: a schema to a stated depth, and a note that says so', async () => {
    const { Target } = await readerSchemas(spec);
    const levels = depth(Target.properties.deep);
    expect(levels).toBeGreaterThan(2);
    expect(levels).toBeLessThanOrEqual(12);
    const note = report.notes.find((n) => n.pointer === '/components/schemas/Target/properties/deep');
    expect(note?.message).toMatch(/deeper than \d+ levels/);
  });

  test('the written spec accepts the body: check finds no error and no warning', async () => {
    const checked = await runCommand(check.run, ['--spec', spec, '--format', 'json', '--quiet', input], dir);
    expect(checked.stderr).toBe('');
    expect(JSON.parse(checked.stdout).files[0]).toMatchObject({ valid: true, violations: [] });
    expect(checked.code).toBe(0);
  });
});

describe('applyEdits: the edits that hold are written, each other one is refused with its reason', () => {
  const target = ['components', 'schemas', 'Target', 'properties'];
  const edit = (name: string, apply: PlannedEdit['apply']): PlannedEdit => ({
    key: name,
    records: [{ pointer: `/components/schemas/Target/properties/${name}`, kind: 'property' }],
    notes: [],
    apply,
  });
  const property = (name: string, schema: Json) =>
    edit(name, (editor) => editor.addEntries(target, new Map([[name, schema]])));

  test('an edit the editor cannot make, one the reader refuses, one the validator refuses, two that overlap', async () => {
    const spec = await readSpecText(contractText(), 'targetGroups.yaml', 'targetGroups.yaml');
    const validator = createValidator(spec);
    const edits = [
      property('first', { type: 'string', description: 'x' }),
      edit('missing', (editor) => editor.replace([...target, 'noSuchProperty', 'type'], 'string')),
      property('dangling', { $ref: '#/components/schemas/NoSuchSchema' }),
      property('middle', { type: 'integer', description: 'x' }),
      property('badType', { type: 'text', description: 'x' }),
      edit('eventName', (editor) => editor.replace([...target, 'eventName', 'type'], ['string', 'null'])),
      edit('eventNameAgain', (editor) => editor.replace([...target, 'eventName', 'type'], 'integer')),
      property('last', { type: 'boolean', description: 'x' }),
    ];
    const outcome = await applyEdits(new SpecText(spec.text), spec, validator, edits);
    expect(outcome.applied.map((e) => e.key)).toEqual(['first', 'middle', 'eventName', 'last']);
    const reasons = Object.fromEntries(outcome.refused.map((r) => [r.pointer.split('/').pop(), r.reason]));
    expect(reasons).toEqual({
      missing: 'no entry at components/schemas/Target/properties/noSuchProperty/type',
      dangling: expect.stringMatching(
        /^the spec reader cannot read the spec with this edit \(.*\$ref "#\/components\/schemas\/NoSuchSchema".*names nothing\)$/,
      ),
      badType: expect.stringMatching(/^the validator cannot compile the spec with this edit/),
      eventNameAgain: 'two edits change the same lines of the spec',
    });
    const { Target } = outcome.spec.dereferenced.components.schemas as Json;
    expect(Object.keys(Target.properties)).toEqual(expect.arrayContaining(['first', 'middle', 'last']));
    expect(Target.properties.eventName.type).toEqual(['string', 'null']);
    expect(outcome.text).not.toMatch(/dangling|badType|noSuchProperty/);
  }, 300_000);
});
