import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadSpec, seedFixtures, specPath } from '@target-groups/spec';
import { describe, expect, test } from 'vitest';
import { check } from '../src/commands/check/index.js';
import { CoverageCollector, coverageText } from '../src/commands/check/coverage.js';
import { runCommand, tempDir } from './diffSupport.js';

const spec = await loadSpec();
const body = (userId: number) => seedFixtures().find((f) => f.userId === userId)!.value;
const count = (report: ReturnType<CoverageCollector['report']>, fact: string) =>
  report.facts.find((f) => f.fact === fact)?.count;

describe('check --coverage', () => {
  test('counts what the bodies exercised and lists what they never did', () => {
    const coverage = new CoverageCollector(spec);
    coverage.add(body(566881933), 200);
    coverage.add(body(64035151), 200);
    const report = coverage.report();
    expect(report.bodies).toBe(2);
    const target = '/components/schemas/Target/properties';
    expect(count(report, `${target}/targetAchievedDateTime|null`)).toBe(1);
    expect(count(report, `${target}/targetAchievedDateTime|absent`)).toBe(1);
    expect(count(report, `${target}/milestones|present`)).toBe(0);
    expect(count(report, `${target}/milestones|null`)).toBe(2);
    expect(count(report, '/components/schemas/TrackingType|enum|STREAKS')).toBe(1);
    expect(count(report, '/components/schemas/TrackingType|enum|CAPPING')).toBe(0);
    const responses = `${spec.operation('getUserTargetGroups')!.pointer}/responses`;
    expect(count(report, `${responses}/200|status`)).toBe(2);
    expect(count(report, `${responses}/404|status`)).toBe(0);
    const text = coverageText(report);
    expect(text).toMatch(/^Coverage: 2 bodies exercised \d+ of \d+ declared shapes/);
    expect(text).toMatch(
      /statuses never seen \(\d+\): HTTP 400 of getUserTargetGroups, HTTP 401 of getUserTargetGroups/,
    );
    expect(text).toMatch(/enum values never seen \(\d+\): .*TrackingType = CAPPING/);
    expect(text).toMatch(/properties never present \(\d+\): .*Target\.milestones[,\n]/);
  });

  test('names the examples that show what the traffic no longer shows', () => {
    const coverage = new CoverageCollector(spec);
    coverage.add(body(566881933), 200);
    const stale = new Map(coverage.report().examples.map((e) => [e.name, e.unseen]));
    expect(stale.get('fixedWindowSalesTarget')).toEqual([]);
    expect(stale.get('streakTrackedCountTargets')).toContain('/components/schemas/TrackingType|enum|STREAKS');
    // An error example both operations share: the 400 it shows is unseen (of whichever operation lists it).
    expect(stale.get('invalidUserId')!.filter((unseen) => unseen.endsWith('/responses/400|status'))).not.toEqual([]);
    expect(coverageText(coverage.report())).toMatch(/streakTrackedCountTargets \(200\): .*TrackingType = STREAKS/);
  });

  test('from the CLI: unknown enum values are listed; the exit code is the check’s', async () => {
    const dir = tempDir();
    const drifted = structuredClone(body(566881933)) as any;
    drifted.data.targetGroups[0].trackingType = 'QUARTERLY';
    writeFileSync(path.join(dir, 'bodies.ndjson'), `${JSON.stringify(drifted)}\n${JSON.stringify(body(64035151))}\n`);
    const ran = await runCommand(check.run, ['--coverage', '--spec', specPath, 'bodies.ndjson'], dir);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^Contract check: 2 bodies, 0 with errors, 1 with warnings only/);
    expect(ran.stdout).toMatch(/values seen outside an enum \(1\): TrackingType = QUARTERLY \(1 bodies\)/);
    const json = await runCommand(
      check.run,
      ['--coverage', '--format', 'json', '--spec', specPath, 'bodies.ndjson'],
      dir,
    );
    expect(JSON.parse(json.stdout).coverage.bodies).toBe(2);
    const missing = await runCommand(check.run, ['--coverage', '--spec', specPath, 'none.json'], dir);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/none\.json: cannot read: no such file/) });
  });
});
