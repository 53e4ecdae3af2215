// `target-groups-contract migration`: the map of the retiring contract, and what captured traffic carries of it.
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadSpec, migrationMapOf, promotionsSpecPath, seedFixtures, seedFixturesDir } from '@target-groups/spec';
import { describe, expect, test } from 'vitest';
import { migration } from '../src/commands/migration/index.js';
import type { MigrationField, MigrationReport } from '../src/commands/migration/fields.js';
import { editedSpec, runCommand, tempDir } from './diffSupport.js';
import { expectNoCrash, spec } from './helpers.js';

type Json = Record<string, any>;
type JsonOut = MigrationReport & { exitCode: number };

const map = migrationMapOf(spec);
const ACHIEVED = 'Target.targetAchievedValue';
const achievedEntry = map.entries.find((e) => `${e.schema}.${e.property}` === ACHIEVED)!;
const mapped = map.entries.find((e) => e.replacedBy !== null)!;
const run = (argv: string[], cwd?: string) => runCommand(migration.run, argv, cwd);
const json = (stdout: string) => JSON.parse(stdout) as JsonOut;
const field = (list: MigrationField[], name: string) => list.find((f) => f.field === name);
/** The real bodies of the seed that are whole responses (one per user). */
const seedBodies = seedFixtures().filter((f) => f.userId !== undefined);
const body = (userId: number) => structuredClone(seedBodies.find((f) => f.userId === userId)!.value) as Json;

/** A copy of the contract, edited, beside a copy of promotions.yaml (where its references resolve). */
function specCopy(edit: (doc: import('yaml').Document) => void): string {
  const dir = tempDir();
  copyFileSync(promotionsSpecPath, path.join(dir, 'promotions.yaml'));
  return editedSpec(edit, dir);
}

function har(entries: { method?: string; text?: string }[]): string {
  return JSON.stringify({
    log: {
      entries: entries.map(({ method = 'GET', text }) => ({
        request: { method, url: 'https://eu.api.capillarytech.com/v3/users/64035151/targetGroups', headers: [] },
        response: { status: 200, content: text === undefined ? { size: 0 } : { size: text.length, text } },
      })),
    },
  });
}

describe('migration without input: the map', () => {
  test('text: every entry under its heading, with its replacement, note and line; exit 0', async () => {
    const ran = await run([]);
    expect(ran).toMatchObject({ code: 0, stderr: '' });
    const none = map.entries.filter((e) => e.replacedBy === null).length;
    expect(ran.stdout).toContain(
      `${map.entries.length} fields: ${map.entries.length - none} with an equivalent, ${none} without, 0 not in the map`,
    );
    const [, without = '', withOne = ''] = ran.stdout.split(/\n(?=Without an equivalent|With an equivalent)/);
    expect(without).toContain(
      `  ${ACHIEVED}  (spec/targetGroups.yaml:${achievedEntry.line})\n      The user's progress`,
    );
    expect(withOne).toContain(`  ${mapped.schema}.${mapped.property} → ${mapped.replacedBy}  (`);
    expect(withOne).not.toContain(ACHIEVED);
  });

  test('json: the same entries, no traffic counts', async () => {
    const ran = await run(['--format', 'json']);
    const report = json(ran.stdout);
    expect(report.bodies).toBeNull();
    expect(report.exitCode).toBe(0);
    expect(report.withoutEquivalent.length + report.withEquivalent.length).toBe(map.entries.length);
    expect(field(report.withoutEquivalent, ACHIEVED)).toEqual({
      field: ACHIEVED,
      pointer: achievedEntry.pointer,
      line: achievedEntry.line,
      replacedBy: null,
      note: achievedEntry.note,
    });
    expect(report.withEquivalent.every((f) => typeof f.replacedBy === 'string' && f.received === undefined)).toBe(true);
  });

  test('markdown: one table row per entry', async () => {
    const ran = await run(['--format', 'markdown']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^# Migration map of spec\/targetGroups\.yaml/);
    expect(ran.stdout).toContain('| Field | Replaced by | Note | Line |');
    expect(ran.stdout).toContain(`| ${ACHIEVED} | none | The user's progress`);
    expect(ran.stdout.split('\n').filter((l) => /^\| \w+\.\w+ \|/.test(l))).toHaveLength(map.entries.length);
  });

  test('a property without an entry is reported, by name and line, and exits 3 (a broken map)', async () => {
    const file = specCopy((doc) =>
      doc.deleteIn(['components', 'schemas', 'Target', 'properties', 'targetAchievedValue', 'x-replaced-by']),
    );
    const ran = await run(['--spec', file]);
    expect(ran.code).toBe(3);
    expect(ran.stdout).toMatch(/\nExit code 3\.\n$/);
    expect(ran.stdout).toMatch(/, 1 not in the map/);
    expect(ran.stdout).toMatch(
      new RegExp(
        `Not in the map \\(no x-replaced-by\\) \\(1\\):\\n  ${ACHIEVED}  \\(.*:\\d+\\)\\n      .*has no \`x-replaced-by\``,
      ),
    );
    // The spec file's own references resolve beside it: the rest of the map has no problem.
    expect(ran.stdout).not.toContain('Problems of the map');
  });

  test('a copy of the contract without promotions.yaml beside it: every reference names nothing, exit 3', async () => {
    const file = editedSpec(() => {});
    const ran = await run(['--format', 'json', '--spec', file]);
    const report = json(ran.stdout);
    expect(report.notInMap).toEqual([]);
    expect(report.mapProblems).toHaveLength(map.entries.filter((e) => e.replacedBy !== null).length);
    expect(report.mapProblems[0]!.message).toMatch(/promotions\.yaml/);
    expect(report.exitCode).toBe(3);
    expect(ran.code).toBe(3);
  });
});

describe('migration with traffic', () => {
  test('the seed bodies carry fields without an equivalent: listed, most carried first, exit 1', async () => {
    const files = seedBodies.map((f) => path.join(seedFixturesDir, f.file));
    const ran = await run(['--format', 'json', ...files]);
    expect(ran.stderr).toBe('');
    const report = json(ran.stdout);
    expect(report).toMatchObject({ bodies: seedBodies.length, exitCode: 1, inputProblems: [] });
    const carried = report.withoutEquivalent.filter((f) => f.received!.nonEmpty > 0);
    expect(carried.map((f) => f.field)).toContain(ACHIEVED);
    const nonEmpty = carried.map((f) => f.received!.nonEmpty);
    expect(nonEmpty).toEqual([...nonEmpty].sort((a, b) => b - a));
    const text = (await run(files)).stdout;
    expect(text).toMatch(
      new RegExp(`Received without an equivalent \\(${carried.length}\\):\\n  ${carried[0]!.field}  non-empty in `),
    );
  });

  test('a HAR of several entries: each body counted once, null, empty and absent values are not carried', async () => {
    const dir = tempDir();
    const full = body(64035151);
    const nulls = body(64035151);
    for (const target of nulls.data.targetGroups[0].targets) target.targetAchievedValue = null;
    const emptied = body(64035151);
    for (const target of emptied.data.targetGroups[0].targets) delete target.targetAchievedValue;
    emptied.data.customer.profiles[0].firstName = '';
    emptied.data.customer.profiles[0].commChannels = [];
    writeFileSync(
      path.join(dir, 'capture.har'),
      har([
        { text: JSON.stringify(full) },
        { method: 'OPTIONS' },
        { text: JSON.stringify(nulls) },
        { text: JSON.stringify(emptied) },
      ]),
    );
    const ran = await run(['--format', 'json', 'capture.har'], dir);
    const report = json(ran.stdout);
    expect(report.bodies).toBe(3);
    expect(report.skipped).toEqual([expect.objectContaining({ name: 'capture.har', count: 1 })]);
    expect(field(report.withoutEquivalent, ACHIEVED)!.received).toEqual({ present: 1, nonEmpty: 1 });
    expect(field(report.withoutEquivalent, 'CustomerProfile.firstName')!.received).toEqual({ present: 3, nonEmpty: 2 });
    expect(field(report.withoutEquivalent, 'CustomerProfile.commChannels')!.received).toEqual({
      present: 3,
      nonEmpty: 2,
    });
    // Present in every body, null in every one: received, never carried.
    expect(field(report.withEquivalent, 'TargetGroupsResponse.errors')!.received).toEqual({ present: 0, nonEmpty: 0 });
    expect(ran.code).toBe(1);
  });

  test('a field without an entry that the traffic carries counts as one without an equivalent', async () => {
    const file = specCopy((doc) =>
      doc.deleteIn(['components', 'schemas', 'Target', 'properties', 'targetAchievedValue', 'x-replaced-by']),
    );
    const bodyFile = path.join(seedFixturesDir, '64035151.json');
    const report = json((await run(['--format', 'json', '--spec', file, bodyFile])).stdout);
    expect(field(report.notInMap, ACHIEVED)!.received).toEqual({ present: 1, nonEmpty: 1 });
    expect(field(report.withoutEquivalent, ACHIEVED)).toBeUndefined();
    const text = await run(['--spec', file, bodyFile]);
    expect(text.stdout).toMatch(
      new RegExp(`Received without an equivalent \\(\\d+\\):\\n(  .*\\n)*  ${ACHIEVED}  non-empty in 1/1`),
    );
    // The traffic's finding (1) is reported; the hole in the map decides the exit code.
    expect([report.exitCode, text.code]).toEqual([3, 3]);
  });

  test('a broken map exits 3 even when an input could not be read', async () => {
    const file = specCopy((doc) =>
      doc.deleteIn(['components', 'schemas', 'Target', 'properties', 'targetAchievedValue', 'x-replaced-by']),
    );
    const dir = tempDir();
    writeFileSync(path.join(dir, 'broken.json'), '{"data": ');
    const ran = await run(['--spec', file, 'broken.json'], dir);
    expect(ran.stdout).toContain('Could not read (1)');
    expect(ran.code).toBe(3);
  });
});

describe('migration: hostile text and bad input', () => {
  const hostile = 'evil\u001b[2J\u202ereversed | <img src=x> `code`\nnext line';

  test("a spec's note and an input's name are escaped in text, JSON and Markdown", async () => {
    const file = specCopy((doc) =>
      doc.setIn(['components', 'schemas', 'Target', 'properties', 'targetAchievedValue', 'x-migration-note'], hostile),
    );
    const dir = tempDir();
    writeFileSync(path.join(dir, 'body\u001b[31m.json'), JSON.stringify(body(64035151)));
    for (const format of ['text', 'json', 'markdown']) {
      const ran = await run(['--format', format, '--spec', file, 'body\u001b[31m.json', 'gone\u2028.json'], dir);
      expectNoCrash(ran);
      expect(ran.code).toBe(1);
      for (const raw of ['\u001b', '\u202e', '\u2028']) expect(ran.stdout, format).not.toContain(raw);
      // Markdown shows a backslash as `\\`: its escapes read the same once rendered.
      const shown = (text: string) => (format === 'markdown' ? text.replaceAll('\\', '\\\\') : text);
      expect(ran.stdout, format).toContain(shown('\\u001b[2J\\u202ereversed'));
      expect(ran.stdout, format).toContain(shown('gone\\u2028.json'));
    }
    const markdown = (await run(['--format', 'markdown', '--spec', file], dir)).stdout;
    const row = markdown.split('\n').find((l) => l.startsWith(`| ${ACHIEVED} |`))!;
    expect(row).toContain('reversed \\| &lt;img src=x> \\`code\\` next line |');
    expect(row.split(/(?<!\\)\|/)).toHaveLength(6);
    const parsed = json((await run(['--format', 'json', '--spec', file], dir)).stdout);
    expect(field(parsed.withoutEquivalent, ACHIEVED)!.note).toBe(hostile);
  });

  test.each([
    [
      ['--format', 'xml'],
      /--format must be text, json or markdown, not 'xml'\n\nUsage:\n {2}target-groups-contract migration/,
    ],
    [['--status', '404'], /--status applies to INPUT bodies; none given/],
    [['--status', '42', 'x.json'], /--status must be an HTTP status code/],
    [['--max-body-size', 'lots', 'x.json'], /--max-body-size must be a size such as 16MiB, not 'lots'/],
    [['-', '-'], /standard input \(-\) can be read only once/],
    [['--unknown'], /Unknown option '--unknown'/],
    [['--spec', 'nowhere.yaml'], /^target-groups-contract migration: --spec: .*nowhere\.yaml: no such file\n$/],
    [['--operation', 'nope', 'x.json'], /--operation: the spec has no operation nope/],
    [['--spec', promotionsSpecPath], /promotions\.yaml carries no migration map \(no x-replaced-by on any response/],
  ])('%j: one line on stderr, exit 2', async (argv, message) => {
    const ran = await run(argv);
    expectNoCrash(ran);
    expect(ran).toMatchObject({ code: 2, stdout: '' });
    expect(ran.stderr).toMatch(message);
  });

  test('an input that cannot be read exits 2, unless another carried fields without an equivalent (1)', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'broken.json'), '{"data": ');
    const alone = await run(['broken.json', 'missing.json'], dir);
    expect(alone.code).toBe(2);
    expect(alone.stdout).toMatch(
      /Could not read \(2\):\n {2}broken\.json: .+\n {2}missing\.json: cannot read: no such file/,
    );
    const withSeed = await run(['broken.json', path.join(seedFixturesDir, '64035151.json')], dir);
    expect(withSeed.code).toBe(1);
    expect(withSeed.stdout).toContain('Could not read (1)');
  });

  test('the spec core reads a spec given as text without resolving its references only when told so', async () => {
    const { readFileSync } = await import('node:fs');
    const text = await loadSpec({ text: readFileSync(spec.path, 'utf8'), name: 'targetGroups.yaml' });
    expect(migrationMapOf(text).problems.length).toBeGreaterThan(0);
    expect(migrationMapOf(text, false).problems).toEqual([]);
  });
});
