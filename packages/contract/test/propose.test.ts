import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seedFixtures } from '@target-groups/spec';
import { describe, expect, test } from 'vitest';
import { run } from '../src/commands/propose/index.js';
import { runCommand } from './diffSupport.js';
import { seed, workspace } from './proposeSupport.js';

describe('propose', () => {
  test('conforming bodies: nothing to propose, exit 0', async () => {
    const { spec, input } = workspace(seedFixtures().map((f) => f.value));
    const ran = await runCommand(run, ['--spec', spec, input]);
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toMatch(/^Nothing to propose: all 6 bodies conform/);
    expect(ran.code).toBe(0);
  });

  test('a drifted body: each kind of edit, in its component, with its impact', async () => {
    const body = seed(566881933);
    const target = body.data.targetGroups[0].targets[0];
    target.reward = { points: 10, expiresOn: '2026-01-01', grantedOn: '2025-11-12T09:51:10.000+0000' };
    target.eventName = null;
    target.targetRuleId = 2996.5;
    body.data.targetGroups[0].trackingType = 'QUARTERLY';
    delete body.data.targetGroups[0].targets[0].periodRefCode;
    const { spec, input } = workspace([body, seed(64035151)]);
    const before = readFileSync(spec, 'utf8');
    const ran = await runCommand(run, ['--spec', spec, '--format', 'json', input]);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(1);
    const out = JSON.parse(ran.stdout);
    expect(out.changes).toEqual([
      expect.objectContaining({
        pointer: '/components/schemas/Target/properties/periodRefCode',
        change: 'made-optional',
        impact: 'breaking',
      }),
      expect.objectContaining({
        pointer: '/components/schemas/Target/properties/eventName',
        change: 'made-nullable',
        impact: 'breaking',
      }),
      expect.objectContaining({
        pointer: '/components/schemas/Target/properties/targetRuleId',
        change: 'type-changed',
        impact: 'compatible',
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
    for (const change of out.changes) expect(change.evidence).toEqual({ count: 1, bodies: ['capture.ndjson:1'] });
    // The diff edits the named components only, and the file is left alone without --write.
    expect(out.diff).toContain('-        - periodRefCode\n');
    expect(out.diff).toContain("+            - 'null'\n");
    expect(out.diff).toContain('+          type: number\n');
    expect(out.diff).toContain('+        - QUARTERLY\n');
    expect(out.diff).toMatch(
      /\+ {8}reward:\n\+ {10}type: object\n\+ {10}description: 'Not documented by the vendor: seen in 1 of 2 bodies, first in capture\.ndjson:1\.'/,
    );
    expect(out.diff).toMatch(/\+ {14}format: date\n\+ {14}example: '2026-01-01'/);
    expect(out.diff).toContain(`+              pattern: ^\\d{4}-\\d{2}-\\d{2}T`);
    expect(readFileSync(spec, 'utf8')).toBe(before);
  });

  test('null where a component is referenced: the property becomes anyOf [$ref, null], the component stays', async () => {
    const body = seed(566881933);
    body.data.customer.loyaltyInfo = null;
    const { dir, spec, input } = workspace([body]);
    const ran = await runCommand(run, ['--spec', spec, '--write', '--format', 'json', input], dir);
    expect(ran.code).toBe(1);
    expect(JSON.parse(ran.stdout).changes).toEqual([
      expect.objectContaining({
        pointer: '/components/schemas/Customer/properties/loyaltyInfo',
        change: 'made-nullable',
        impact: 'breaking',
      }),
    ]);
    const written = readFileSync(spec, 'utf8');
    expect(written).toContain(
      "        loyaltyInfo:\n          anyOf:\n            - $ref: '#/components/schemas/LoyaltyInfo'\n            - type: 'null'\n",
    );
    const again = await runCommand(run, ['--spec', spec, input], dir);
    expect(again.code).toBe(0);
  });

  test('a value added to a closed enum is flagged, and breaking', async () => {
    const { dir, spec, input } = workspace([]);
    const text = readFileSync(spec, 'utf8').replace(
      /( {8}- NON_CONTINUOUS_STREAKS\n) {6}x-extensible-enum: true\n/,
      '$1',
    );
    writeFileSync(spec, text);
    const body = seed(566881933);
    body.data.targetGroups[0].trackingType = 'QUARTERLY';
    writeFileSync(input, JSON.stringify(body));
    const ran = await runCommand(run, ['--spec', spec, 'capture.ndjson'], dir);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toMatch(
      /breaking +TrackingType \(enum\): closed enum gains `QUARTERLY`.*\(closed enum: review before accepting\) \[enum-value-added\] \(TrackingType at .*targetGroups\.yaml:\d+; seen in 1\/1 bodies, first capture\.ndjson\)/,
    );
  });

  test('a user whose streaks have not started conforms as it is', async () => {
    const body = seed(547528791);
    const group = body.data.targetGroups[0];
    group.streaks = [
      {
        userStreakId: null,
        streakId: 191,
        streakName: 'test3_1',
        status: 'NOT_STARTED',
        currentCount: 0,
        totalTargetCountOfSequence: 2,
        streakAchievedUserTargetId: null,
        streakAchievedDateTime: null,
        streakAchievedDateTimeISO: null,
      },
    ];
    Object.assign(group.targets[0], {
      targetId: null,
      targetAchievedValue: 0,
      enrolledOn: null,
      enrolledOnISO: null,
      lastUpdatedOn: null,
      lastUpdatedOnISO: null,
      targetAchievedDateTime: null,
      targetAchievedDateTimeISO: null,
    });
    const { spec, input } = workspace([body]);
    const ran = await runCommand(run, ['--spec', spec, input]);
    expect(ran.stdout).toMatch(/^Nothing to propose: all 1 bodies conform/);
    expect(ran.code).toBe(0);
  });

  test('bad input: exit 2 with a one-line reason', async () => {
    const { dir, spec } = workspace([]);
    writeFileSync(path.join(dir, 'broken.json'), '{"data": ');
    const results = await Promise.all([
      runCommand(run, ['--spec', path.join(dir, 'none.yaml'), 'x.json'], dir),
      runCommand(run, ['--spec', spec, 'missing.json'], dir),
      runCommand(run, ['--spec', spec, 'broken.json'], dir),
      runCommand(run, ['--spec', spec], dir),
      runCommand(run, ['--spec', spec, '--status', '2OO', 'x.json'], dir),
      runCommand(run, ['--spec', spec, '--bogus', 'x.json'], dir),
    ]);
    expect(results.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(results[0]!.stderr).toMatch(
      /^target-groups-contract propose: cannot read spec .*none\.yaml: .*no such file\n$/,
    );
    expect(results[1]!.stderr).toMatch(/^target-groups-contract propose: missing\.json: cannot read: no such file\n$/);
    expect(results[2]!.stderr).toMatch(/^target-groups-contract propose: broken\.json: .*\n$/);
    expect(results[3]!.stderr).toMatch(/propose needs at least one INPUT/);
    expect(results[4]!.stderr).toMatch(
      /^target-groups-contract propose: --status must be an HTTP status code \(100-599\), not '2OO'\n/,
    );
    expect(results[5]!.stderr).toMatch(/^target-groups-contract propose: Unknown option '--bogus'/);
  });
});
