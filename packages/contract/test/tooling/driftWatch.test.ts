// The drift watch recipe of README.md, end to end: a drifted capture → propose --write into a copy of the spec →
// the copy accepts the capture with no errors and no warnings → the lint gate passes on it → openapi-typescript
// generates the expected type diff → diff classifies each change.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { seedFixtures, seedFixturesDir, specPath } from '@target-groups/spec';
import { structuredPatch } from 'diff';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run as diff } from '../../src/commands/diff/index.js';
import { run as propose } from '../../src/commands/propose/index.js';
import { repositoryRoot } from '../../src/spec/specInput.js';
import { runCommand } from '../diffSupport.js';
import { jsonReport, runCli } from '../helpers.js';

const exec = promisify(execFile);
const require = createRequire(import.meta.url);
const specDir = path.dirname(require.resolve('@target-groups/spec/package.json'));
const repoRoot = repositoryRoot(specDir)!;

type Json = Record<string, any>;

/** A body from the seed as the vendor might send it tomorrow: one of each kind of drift. */
function driftedBody(): Json {
  const body = structuredClone(seedFixtures().find((f) => f.userId === 566881933)!.value) as Json;
  const group = body.data.targetGroups[0];
  const target = group.targets[0];
  target.reward = { points: 250, voucher: { code: 'WELCOME10', expiresOn: '2026-01-31' } }; // a new nested property
  group.trackingType = 'QUARTERLY'; // a new value of an open enum
  target.eventName = null; // null in a non-nullable field
  target.periodId = '30015'; // a type change: a number sent as a string
  return body;
}

describe('drift watch: capture → propose --write → check → lint → types → diff', () => {
  // Inside the repository: the lint gate's per-file overrides match spec files by their path in it.
  const results = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results');
  mkdirSync(results, { recursive: true });
  const dir = mkdtempSync(path.join(results, 'drift-watch-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const spec = path.join(dir, 'targetGroups.yaml');
  const capture = path.join(dir, 'capture.json');
  let proposeRun: Awaited<ReturnType<typeof runCommand>>;

  beforeAll(async () => {
    copyFileSync(specPath, spec);
    writeFileSync(capture, JSON.stringify(driftedBody(), null, 2));
    proposeRun = await runCommand(propose, ['--spec', spec, '--write', capture], dir);
  });

  test('the capture fails the contract; propose --write exits 1 and writes the spec', async () => {
    const before = await runCli(['check', '--spec', specPath, '--format', 'json', capture]);
    expect(before.code).toBe(1);
    const [body] = jsonReport(before).files;
    expect(body!.violations.filter((v) => v.severity === 'error').map((v) => v.pointer)).toEqual(
      expect.arrayContaining(['/data/targetGroups/0/targets/0/eventName', '/data/targetGroups/0/targets/0/periodId']),
    );
    expect(proposeRun.stderr).toBe('');
    expect(proposeRun.code).toBe(1);
    expect(proposeRun.stdout).toMatch(/^Wrote 4 changes to targetGroups\.yaml from 1 bodies \(2 breaking/);
    expect(readFileSync(spec, 'utf8')).not.toBe(readFileSync(specPath, 'utf8'));
  });

  test('check --spec on the written spec: the capture and the seed pass, no errors, no warnings', async () => {
    const seed = seedFixtures().map((f) => path.join(seedFixturesDir, f.file));
    const after = await runCli(['check', '--spec', spec, '--format', 'json', capture, ...seed]);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    const report = jsonReport(after);
    expect(report.files).toHaveLength(1 + seed.length);
    for (const file of report.files) expect(file).toMatchObject({ valid: true, violations: [] });
    // Proposing again from the same capture finds nothing more.
    const again = await runCommand(propose, ['--spec', spec, capture], dir);
    expect(again).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Nothing to propose/) });
  });

  test('the written spec keeps every other line of the file', () => {
    const patch = structuredPatch('a', 'b', readFileSync(specPath, 'utf8'), readFileSync(spec, 'utf8'));
    const lines = patch.hunks.flatMap((h) => h.lines);
    expect(lines.filter((l) => l.startsWith('-')).map((l) => l.slice(1).trim())).toEqual([
      'type: integer',
      'type: string',
    ]);
    expect(lines.filter((l) => l.startsWith('+')).length).toBeLessThan(40);
  });

  test('the lint gate passes on the written spec', async () => {
    const { stdout } = await exec(process.execPath, [path.join(specDir, 'scripts', 'lint.mjs'), spec], {
      cwd: specDir,
    });
    expect(stdout).toMatch(/lint: clean/);
  }, 180_000);

  test('openapi-typescript generates the expected type diff', async () => {
    const generator = path.join(repoRoot, 'packages', 'types', 'scripts', 'generate.mjs');
    const out = (name: string) => path.join(dir, name);
    await exec(process.execPath, [generator, '--spec', specPath, '--out', out('before.ts')]);
    await exec(process.execPath, [generator, '--spec', spec, '--out', out('after.ts')]);
    const before = readFileSync(out('before.ts'), 'utf8').split('\n');
    const after = readFileSync(out('after.ts'), 'utf8').split('\n');
    const added = after.filter((l) => !before.includes(l)).map((l) => l.trim());
    const removed = before.filter((l) => !after.includes(l)).map((l) => l.trim());
    expect(removed).toEqual(expect.arrayContaining(['periodId: number;', 'eventName: string;']));
    expect(added).toEqual(
      expect.arrayContaining([
        'periodId: number | string;',
        'eventName: string | null;',
        expect.stringMatching(/^reward\?: \{$/),
        expect.stringMatching(/^voucher\?: \{$/),
        expect.stringMatching(/^expiresOn\?: string;$/),
        expect.stringMatching(/"QUARTERLY"/),
      ]),
    );
  });

  test('diff classifies each change for typed consumers', async () => {
    const ran = await runCommand(diff, ['--format', 'json', specPath, spec], dir);
    expect(ran.code).toBe(1);
    const changes = (JSON.parse(ran.stdout).changes as Json[]).filter((c) => c.change !== 'documentation');
    expect(changes).toEqual([
      expect.objectContaining({
        pointer: '/components/schemas/Target/properties/periodId',
        change: 'type-changed',
        impact: 'breaking',
      }),
      expect.objectContaining({
        pointer: '/components/schemas/Target/properties/eventName',
        change: 'made-nullable',
        impact: 'breaking',
      }),
      expect.objectContaining({
        pointer: '/components/schemas/Target/properties/reward',
        change: 'property-added',
        impact: 'compatible',
      }),
      expect.objectContaining({
        pointer: '/components/schemas/TrackingType/enum',
        change: 'enum-value-added',
        impact: 'compatible',
      }),
    ]);
  });
});
