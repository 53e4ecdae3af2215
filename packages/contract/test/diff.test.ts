import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { type Change, run } from '../src/commands/diff/index.js';
import { contractText, editedSpec, gitRepoWithSpec, runCommand, S, specFileOf, tempDir } from './diffSupport.js';
import { component } from './helpers.js';

const base = editedSpec(() => {});
const P = ['paths', '/v3/users/{userId}/targetGroups', 'get', 'parameters'];

async function changesOf(head: string, from = base): Promise<{ code: number; changes: Change[] }> {
  const ran = await runCommand(run, ['--format', 'json', from, head]);
  expect(ran.stderr).toBe('');
  return { code: ran.code, changes: (JSON.parse(ran.stdout) as { changes: Change[] }).changes };
}

const typeChanges = (changes: Change[]) => changes.filter((c) => c.change !== 'documentation');

describe('diff classifies each change by its impact on typed consumers', () => {
  const cases: [string, (doc: import('yaml').Document) => void, Partial<Change>, number][] = [
    [
      'a field removed',
      (d) => d.deleteIn([...S, 'Target', 'properties', 'eventName']),
      { pointer: '/components/schemas/Target/properties/eventName', change: 'property-removed', impact: 'breaking' },
      1,
    ],
    [
      'a type changed',
      (d) => d.setIn([...S, 'Target', 'properties', 'periodRefCode', 'type'], 'integer'),
      { pointer: '/components/schemas/Target/properties/periodRefCode', change: 'type-changed', impact: 'breaking' },
      1,
    ],
    [
      'a field made nullable',
      (d) => d.setIn([...S, 'Target', 'properties', 'eventName', 'type'], ['string', 'null']),
      { pointer: '/components/schemas/Target/properties/eventName', change: 'made-nullable', impact: 'breaking' },
      1,
    ],
    [
      'a required field made optional',
      (d) => d.setIn([...S, 'Milestone', 'required'], ['id', 'triggerName', 'triggerValue']),
      { pointer: '/components/schemas/Milestone/properties/isAchieved', change: 'made-optional', impact: 'breaking' },
      1,
    ],
    [
      // A value an old fixture or an old `switch` holds (any string) is refused now.
      'an open enum made closed',
      (d) => d.deleteIn([...S, 'TrackingType', 'x-extensible-enum']),
      { change: 'enum-closed', impact: 'breaking' },
      1,
    ],
    ['a parameter removed', (d) => d.deleteIn([...P, 3]), { change: 'parameter-removed', impact: 'breaking' }, 1],
    [
      'a parameter made required',
      (d) => d.setIn([...P, 1, 'required'], true),
      { change: 'parameter-made-required', impact: 'breaking' },
      1,
    ],
    [
      'a new optional field',
      (d) =>
        d.setIn(
          [...S, 'Milestone', 'properties', 'rank'],
          d.createNode({ type: 'integer', description: 'x', example: 1 }),
        ),
      { pointer: '/components/schemas/Milestone/properties/rank', change: 'property-added', impact: 'compatible' },
      0,
    ],
    [
      'a new value of an open enum',
      (d) => d.addIn([...S, 'TrackingType', 'enum'], 'QUARTERLY'),
      { pointer: '/components/schemas/TrackingType/enum', change: 'enum-value-added', impact: 'compatible' },
      0,
    ],
    [
      'a description changed',
      (d) => d.setIn([...S, 'Milestone', 'properties', 'id', 'description'], 'Milestone id.'),
      {
        pointer: '/components/schemas/Milestone/properties/id/description',
        change: 'documentation',
        impact: 'compatible',
      },
      0,
    ],
    [
      'an example changed',
      (d) => d.setIn([...S, 'Milestone', 'properties', 'id', 'example'], 7),
      { pointer: '/components/schemas/Milestone/properties/id/example', change: 'documentation', impact: 'compatible' },
      0,
    ],
    [
      // Narrower: a fixture that sets `milestones: null` no longer compiles.
      'a field made non-nullable',
      (d) => d.setIn([...S, 'Target', 'properties', 'milestones', 'type'], 'array'),
      { change: 'made-non-nullable', impact: 'breaking' },
      1,
    ],
    [
      'an optional field made required',
      (d) => d.addIn([...S, 'Target', 'required'], 'unEnrolled'),
      { pointer: '/components/schemas/Target/properties/unEnrolled', change: 'made-required', impact: 'breaking' },
      1,
    ],
    [
      'a new required field',
      (d) => {
        d.setIn([...S, 'Milestone', 'properties', 'rank'], d.createNode({ type: 'integer', description: 'x' }));
        d.addIn([...S, 'Milestone', 'required'], 'rank');
      },
      { pointer: '/components/schemas/Milestone/properties/rank', change: 'property-added', impact: 'breaking' },
      1,
    ],
    [
      'a value removed from an open enum',
      (d) => d.deleteIn([...S, 'TrackingType', 'enum', 4]),
      { pointer: '/components/schemas/TrackingType/enum', change: 'enum-value-removed', impact: 'compatible' },
      0,
    ],
    [
      'integer widened to number beside null',
      (d) => d.setIn([...S, 'Target', 'properties', 'programId', 'type'], ['number', 'null']),
      { pointer: '/components/schemas/Target/properties/programId', impact: 'compatible' },
      0,
    ],
    [
      // No index signature either way: openapi-typescript writes the same type.
      'additionalProperties: false added',
      (d) => d.setIn([...S, 'Milestone', 'additionalProperties'], false),
      {
        pointer: '/components/schemas/Milestone/additionalProperties',
        change: 'constraint-changed',
        impact: 'compatible',
        message: 'additionalProperties absent → `false` (the generated type is unchanged)',
      },
      0,
    ],
    [
      'integer widened to number',
      (d) => d.setIn([...S, 'Streak', 'properties', 'currentCount', 'type'], 'number'),
      { change: 'type-changed', impact: 'compatible' },
      0,
    ],
  ];
  test.each(cases)('%s', async (_name, edit, expected, exit) => {
    const { code, changes } = await changesOf(editedSpec(edit));
    expect(changes).toContainEqual(expect.objectContaining(expected));
    expect(code).toBe(exit);
  });

  test('a value added to a closed enum is breaking; removed from a request enum is breaking', async () => {
    const closed = editedSpec((d) => d.deleteIn([...S, 'TrackingType', 'x-extensible-enum']));
    const closedPlus = editedSpec((d) => {
      d.deleteIn([...S, 'TrackingType', 'x-extensible-enum']);
      d.addIn([...S, 'TrackingType', 'enum'], 'QUARTERLY');
    });
    const added = await changesOf(closedPlus, closed);
    expect(typeChanges(added.changes)).toEqual([
      expect.objectContaining({ change: 'enum-value-added', impact: 'breaking' }),
    ]);
    expect(added.code).toBe(1);

    const withEnum = editedSpec((d) =>
      d.setIn([...P, 3, 'schema'], d.createNode({ type: 'string', enum: ['A', 'B'] })),
    );
    const narrowed = editedSpec((d) => d.setIn([...P, 3, 'schema'], d.createNode({ type: 'string', enum: ['A'] })));
    const removed = await changesOf(narrowed, withEnum);
    expect(typeChanges(removed.changes)).toEqual([
      expect.objectContaining({
        pointer: expect.stringMatching(/parameters\/3\/schema\/enum$/),
        change: 'enum-value-removed',
        impact: 'breaking',
      }),
    ]);
    // The same removal in a closed response enum narrows the type: an old `case 'QUARTERLY':` no longer compiles.
    const response = await changesOf(closed, closedPlus);
    expect(response.changes).toContainEqual(
      expect.objectContaining({ change: 'enum-value-removed', impact: 'breaking' }),
    );
  });

  test('a free-form map narrowed to an object shape is breaking (issue: customFields values)', async () => {
    // `[key: string]: unknown` becomes `[key: string]: { channel?: string }`: code that stored any value breaks.
    const head = editedSpec((d) =>
      d.setIn(
        [...S, 'Customer', 'properties', 'customFields', 'additionalProperties', 'properties'],
        d.createNode({ channel: { type: 'string', description: 'x' } }),
      ),
    );
    const { code, changes } = await changesOf(head);
    expect(typeChanges(changes)).toEqual([
      expect.objectContaining({
        pointer: '/components/schemas/Customer/properties/customFields/additionalProperties',
        change: 'type-changed',
        impact: 'breaking',
        message: expect.stringMatching(/^type changed from any value to object \(narrower: /),
      }),
    ]);
    expect(code).toBe(1);
  });

  test('a $ref replaced by the schema it names is no change to the generated type', async () => {
    const head = editedSpec((d) =>
      d.setIn([...S, 'TargetGroup', 'properties', 'trackingType'], d.createNode(component('TrackingType'))),
    );
    const { code, changes } = await changesOf(head);
    expect(typeChanges(changes)).toEqual([expect.objectContaining({ change: 'type-changed', impact: 'compatible' })]);
    expect(code).toBe(0);
  });

  test('the same spec has no changes and exits 0', async () => {
    expect(await changesOf(base)).toEqual({ code: 0, changes: [] });
  });

  test('text report names each change, its impact and the spec line', async () => {
    const head = editedSpec((d) => d.setIn([...S, 'Target', 'properties', 'eventName', 'type'], ['string', 'null']));
    const ran = await runCommand(run, [base, head]);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toMatch(/1 breaking for typed consumers/);
    const line = ran.stdout.split('\n').find((l) => l.includes('Target.eventName: may now be null'));
    expect(line).toMatch(/\[made-nullable\]\s+\(Target at .*spec-\w+\.yaml:(\d+)\)/);
    const lineNo = Number(/:(\d+)\)$/.exec(line!)![1]);
    expect(specFileOf(head).split('\n')[lineNo - 1]).toMatch(/^\s+eventName:/);
  });

  test('--format changeset is a major changeset for types and client whose text is the change list', async () => {
    const head = editedSpec((d) => d.deleteIn([...S, 'Target', 'properties', 'eventName']));
    const ran = await runCommand(run, ['--format', 'changeset', base, head]);
    expect(ran.stdout).toMatch(/^---\n'@target-groups\/types': major\n'@target-groups\/client': major\n---\n/);
    expect(ran.stdout).toContain('- `Target.eventName`: property `eventName` removed');
  });

  test('git:REF reads the spec at a ref of the repository; HEAD defaults to the working spec', async () => {
    const repo = gitRepoWithSpec(contractText(), 'v1');
    writeFileSync(
      path.join(repo, 'spec', 'targetGroups.yaml'),
      contractText().replace(
        "        milestones:\n          type:\n            - array\n            - 'null'",
        '        milestones:\n          type: array',
      ),
    );
    const ran = await runCommand(run, ['--format', 'json', 'git:v1'], repo);
    expect(ran.stderr).toBe('');
    expect(JSON.parse(ran.stdout).changes).toEqual([
      expect.objectContaining({
        pointer: '/components/schemas/Target/properties/milestones',
        change: 'made-non-nullable',
      }),
    ]);
    const none = await runCommand(run, ['git:v1', 'git:main'], repo);
    expect(none).toMatchObject({ code: 0, stdout: expect.stringContaining('0 changes') });
  });

  test('bad input: exit 2 and a one-line reason, distinct for each fault', async () => {
    const dir = tempDir();
    const notYaml = path.join(dir, 'bad.yaml');
    writeFileSync(notYaml, 'openapi: [3.1\n');
    const notOpenApi = path.join(dir, 'list.yaml');
    writeFileSync(notOpenApi, '- a\n- b\n');
    const repo = gitRepoWithSpec(contractText());
    const results = await Promise.all([
      runCommand(run, [path.join(dir, 'missing.yaml'), base]),
      runCommand(run, [notYaml, base]),
      runCommand(run, [notOpenApi, base]),
      runCommand(run, ['git:no-such-ref', base], repo),
      runCommand(run, ['git:HEAD', base], dir),
      runCommand(run, []),
      runCommand(run, ['--format', 'xml', base, base]),
      runCommand(run, ['--bogus', base, base]),
    ]);
    const messages = results.map((r) => r.stderr.split('\n')[0]);
    expect(results.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2, 2, 2]);
    expect(messages[0]).toMatch(/cannot read spec .*missing\.yaml: .*no such file/);
    expect(messages[1]).toMatch(/cannot read spec .*bad\.yaml: .*not valid YAML/);
    expect(messages[2]).toMatch(/cannot read spec .*list\.yaml: .*not an OpenAPI document/);
    expect(messages[3]).toMatch(/git:no-such-ref: no spec\/targetGroups\.yaml at that ref/);
    expect(messages[4]).toMatch(/git:HEAD: not inside a git repository/);
    expect(messages[5]).toMatch(/diff needs BASE/);
    expect(messages[6]).toMatch(/--format must be/);
    expect(messages[7]).toMatch(/Unknown option '--bogus'/);
    for (const r of results) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
