// `target-groups-contract spec`: the built-in contract for a project outside the repository; the messages that tell
// such a project to export it; and reports that say which contract a line number is in.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadSpec, specPath } from '@target-groups/spec';
import { describe, expect, test } from 'vitest';
import { check } from '../src/commands/check/index.js';
import { run as diff } from '../src/commands/diff/index.js';
import { run as propose } from '../src/commands/propose/index.js';
import { run as spec } from '../src/commands/spec.js';
import { repositoryRoot } from '../src/spec/specInput.js';
import { runCommand, tempDir } from './diffSupport.js';
import { fixture } from './helpers.js';

describe('spec', () => {
  test('prints spec/targetGroups.yaml as released, byte for byte', async () => {
    const ran = await runCommand(spec, []);
    expect(ran).toMatchObject({ code: 0, stderr: '' });
    expect(Buffer.from(ran.stdout).equals(readFileSync(specPath))).toBe(true);
  });

  test('--json prints the bundled document, as the spec reader reads the spec', async () => {
    const ran = await runCommand(spec, ['--json']);
    expect(ran).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(ran.stdout)).toEqual((await loadSpec()).document);
  });

  test('an operand or an unknown flag is bad usage', async () => {
    expect(await runCommand(spec, ['x.yaml'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/takes no operand/),
    });
  });
});

describe('outside a clone of the repository, propose and diff say to export the spec', () => {
  const dir = tempDir('outside-');
  const capture = path.join(dir, 'capture.json');
  writeFileSync(capture, JSON.stringify(fixture('64035151')));
  const exported = path.join(dir, 'exported.yaml');
  writeFileSync(exported, readFileSync(specPath));

  test.each([
    ['propose', () => runCommand(propose, [capture], dir)],
    ['diff', () => runCommand(diff, [exported], dir)],
  ])('%s', async (_name, ran) => {
    expect(repositoryRoot(dir)).toBeUndefined();
    const result = await ran();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('target-groups-contract spec > targetGroups.yaml');
    expect(result.stderr).toContain('--spec targetGroups.yaml');
  });
});

describe('a report that names a line of a spec says which spec', () => {
  const dir = tempDir();
  const body = fixture('64035151') as Record<string, any>;
  body.data.targetGroups[0].targets[0].eventName = null;
  const capture = path.join(dir, 'capture.json');
  writeFileSync(capture, JSON.stringify(body));
  const copy = path.join(dir, 'mine.yaml');
  writeFileSync(copy, readFileSync(specPath));

  test('the built-in contract: named with its version, in the heading and in each line', async () => {
    const text = await runCommand(check.run, [capture]);
    expect(text.stdout).toMatch(
      /^Contract check of GET \S+(?: \(and \d+ other operations? of the spec, for captured calls\))? against the built-in contract \S+ \(spec\/targetGroups\.yaml; `target-groups-contract spec` prints it\)/,
    );
    expect(text.stdout).toMatch(/edit Target at spec\/targetGroups\.yaml:\d+ \(built-in contract \S+\)\n/);
    const sarif = JSON.parse((await runCommand(check.run, ['--format', 'sarif', capture])).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'spec/targetGroups.yaml',
      description: { text: expect.stringMatching(/^built-in contract \S+: `target-groups-contract spec` prints it$/) },
    });
  });

  test('a file given with --spec: named as given', async () => {
    const text = await runCommand(check.run, ['--spec', copy, capture]);
    expect(text.stdout).toContain(`against ${copy}:`);
    expect(text.stdout).toMatch(new RegExp(`edit Target at ${copy.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+\\n`));
  });
});
