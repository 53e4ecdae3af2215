// Names and values that vary are data, not a contract: beyond a stated number of new property names in one object
// propose writes one `additionalProperties` entry (any value) instead of a property per name, and beyond a stated
// number of new values of one enum it adds none; both say so, naming the bound.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { check } from '../src/commands/check/index.js';
import { runCommand } from './diffSupport.js';
import { propose, proposeJson, readerSchemas, seed, workspace } from './proposeSupport.js';

describe('propose: bounds on what varies', () => {
  test('2,000 new names in one object: one additionalProperties entry, and the bound named', async () => {
    const body = seed();
    const target = body.data.targetGroups[0].targets[0];
    for (let i = 0; i < 2000; i++) target[`field${i}`] = i % 3 === 0 ? `v${i}` : i;
    body.data.targetGroups[0].attribution.createdBy.tier = 'GOLD';
    const { dir, spec, input, before } = workspace([body]);
    const ran = await propose(['--spec', spec, '--write', '--format', 'json', input], dir);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(1);
    const report = proposeJson(ran);
    expect(report.changes.map((c) => c.pointer)).toEqual([
      '/components/schemas/AuditUser/properties/tier',
      '/components/schemas/Target/additionalProperties',
    ]);
    const note = report.notes.find((n) => n.pointer === '/components/schemas/Target/additionalProperties');
    expect(note?.message).toMatch(/2,000 new property names in one object, more than the 64/);
    const { Target } = await readerSchemas(spec);
    expect(Target.additionalProperties.description).toMatch(/2,000 property names .*e\.g\. `field0`, `field1`/);
    expect(Target.additionalProperties).not.toHaveProperty('type');
    expect(Object.keys(Target.properties)).toEqual(
      Object.keys((await readerSchemas(specOf(before, dir))).Target.properties),
    );
    const checked = await runCommand(check.run, ['--spec', spec, '--quiet', input], dir);
    expect(checked.code).toBe(0);
  }, 180_000);

  test('more new values of one enum than the bound: none added, and the bound named', async () => {
    const bodies = Array.from({ length: 100 }, (_, i) => {
      const body = seed();
      body.data.targetGroups[0].trackingType = `T${i}`;
      body.data.targetGroups[0].targetEvaluationType = i % 2 === 0 ? 'PAUSED' : 'BADGES';
      return body;
    });
    const { dir, spec, input, before } = workspace(bodies);
    const ran = await propose(['--spec', spec, '--write', '--format', 'json', input], dir);
    expect(ran.code).toBe(1);
    const report = proposeJson(ran);
    expect(report.refused).toEqual([
      {
        pointer: '/components/schemas/TrackingType/enum',
        kind: 'enum',
        reason: expect.stringMatching(/100 values outside the enum, more than the 64/),
      },
    ]);
    expect(report.changes.map((c) => c.pointer)).toEqual(['/components/schemas/TargetEvaluationType/enum']);
    const written = readFileSync(spec, 'utf8');
    expect(written).not.toContain('- T1\n');
    expect(written).not.toBe(before);
  }, 180_000);
});

function specOf(text: string, dir: string): string {
  const file = `${dir}/original.yaml`;
  writeFileSync(file, text);
  return file;
}
