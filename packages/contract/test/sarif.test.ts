import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seedFixtures, specPath } from '@target-groups/spec';
import type { Violation } from '@target-groups/validator';
import { describe, expect, test } from 'vitest';
import { check } from '../src/commands/check/index.js';
import { main } from '../src/cli/main.js';
import { ruleFor } from '../src/check/report/sarif.js';
import { runCommand, tempDir } from './diffSupport.js';

const specLines = readFileSync(specPath, 'utf8').split('\n');

function drifted(): string {
  const body = structuredClone(seedFixtures().find((f) => f.userId === 566881933)!.value) as any;
  body.data.targetGroups[0].targets[0].eventName = null;
  body.data.targetGroups[0].targets[0].bonus = 5;
  return JSON.stringify(body);
}

describe('check --format sarif', () => {
  test('a SARIF 2.1.0 log, each result at the spec line that declares the place', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'body.json'), drifted());
    const ran = await runCommand(check.run, ['--format', 'sarif', '--spec', specPath, 'body.json'], dir);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(1);
    const log = JSON.parse(ran.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    const [runLog] = log.runs;
    expect(runLog.tool.driver.name).toBe('target-groups-contract');
    expect(runLog.tool.driver.rules.map((r: { id: string }) => r.id).sort()).toEqual([
      'undocumented-property',
      'unexpected-null',
    ]);
    const byRule = Object.fromEntries(runLog.results.map((r: any) => [r.ruleId, r]));
    const nullResult = byRule['unexpected-null'];
    expect(nullResult.level).toBe('error');
    expect(nullResult.message.text).toMatch(
      /^body\.json \(HTTP 200\) at \/data\/targetGroups\/0\/targets\/0\/eventName: null is not allowed/,
    );
    const where = nullResult.locations[0];
    expect(where.logicalLocations[0]).toEqual({
      fullyQualifiedName: '/components/schemas/Target/properties/eventName',
      name: 'Target',
    });
    expect(where.physicalLocation.artifactLocation.uri).toMatch(/targetGroups\.yaml$/);
    expect(specLines[where.physicalLocation.region.startLine - 1]).toMatch(/^ {8}eventName:$/);
    // An undocumented property is located at the object that would declare it.
    const extra = byRule['undocumented-property'];
    expect(extra.level).toBe('warning');
    expect(specLines[extra.locations[0].physicalLocation.region.startLine - 1]).toMatch(/^ {4}Target:$/);
  });

  test('the CLI hands check --format sarif and --coverage to this command', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'body.json');
    writeFileSync(file, drifted());
    const ran = await runCommand((argv, io) => main(argv, io), ['check', '--format=sarif', '--spec', specPath, file]);
    expect(JSON.parse(ran.stdout).runs[0].results).toHaveLength(2);
  });

  test('rules follow the kind of each finding, whatever its message says', () => {
    const rule = (kind: string, message = 'wording of another kind: expected integer, undocumented property') =>
      ruleFor({ kind, message } as Violation);
    expect(rule('required')).toBe('missing-required-property');
    expect(rule('open-enum-value')).toBe('unknown-open-enum-value');
    expect(rule('enum')).toBe('closed-enum-value');
    expect(rule('type')).toBe('wrong-type-or-format');
    expect(rule('unexpected-null')).toBe('unexpected-null');
    expect(rule('undocumented-property')).toBe('undocumented-property');
    expect(rule('minimum', "required property 'x' is missing")).toBe('contract-violation');
  });
});
