// scripts/contractGate.mjs on throwaway repositories: a breaking change needs a major changeset for the types and
// the client; a compatible one does not.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { repositoryRoot } from '../../src/spec/specInput.js';
import { promotionsSpecPath } from '@target-groups/spec';
import { contractText, gitRepoWithSpec, nullableDescription } from '../diffSupport.js';

const exec = promisify(execFile);
const gate = path.join(repositoryRoot(path.dirname(fileURLToPath(import.meta.url)))!, 'scripts', 'contractGate.mjs');

async function runGate(repo: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [gate, '--repo', repo, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const nullableEventName = (text: string) =>
  text.replace(/( {8}eventName:\n {10})type: string\n/, "$1type:\n            - string\n            - 'null'\n");
const newOpenEnumValue = (text: string) =>
  text.replace('        - NON_CONTINUOUS_STREAKS\n', '        - NON_CONTINUOUS_STREAKS\n        - QUARTERLY\n');

function changeset(repo: string, name: string, bumps: Record<string, string>): void {
  mkdirSync(path.join(repo, '.changeset'), { recursive: true });
  const front = Object.entries(bumps).map(([pkg, bump]) => `'${pkg}': ${bump}`);
  writeFileSync(path.join(repo, '.changeset', `${name}.md`), ['---', ...front, '---', '', 'Text.', ''].join('\n'));
}

function edit(repo: string, change: (text: string) => string): void {
  const text = change(contractText());
  expect(text).not.toBe(contractText());
  writeFileSync(path.join(repo, 'spec', 'targetGroups.yaml'), text);
}

describe('contract gate', () => {
  test('a breaking change since the release tag without a major changeset fails, naming the change', async () => {
    const repo = gitRepoWithSpec(contractText(), '@target-groups/types@1.2.0');
    edit(repo, nullableEventName);
    changeset(repo, 'minor-only', { '@target-groups/types': 'minor', '@target-groups/client': 'minor' });
    const ran = await runGate(repo);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(
      /1 breaking change\(s\) to spec\/targetGroups\.yaml since last release @target-groups\/types@1\.2\.0/,
    );
    expect(ran.stderr).toContain('/components/schemas/Target/properties/eventName: may now be null');
    expect(ran.stderr).toContain('diff --format changeset git:@target-groups/types@1.2.0');
  });

  test('a major changeset for the types alone is not enough; for both it passes', async () => {
    const repo = gitRepoWithSpec(contractText(), '@target-groups/types@1.2.0');
    edit(repo, nullableEventName);
    changeset(repo, 'types', { '@target-groups/types': 'major' });
    const half = await runGate(repo);
    expect(half.code).toBe(1);
    expect(half.stderr).toMatch(/no major changeset for @target-groups\/client:/);
    changeset(repo, 'client', { '@target-groups/client': 'major' });
    const both = await runGate(repo);
    expect(both).toMatchObject({ code: 0, stdout: expect.stringContaining('with a major changeset for') });
  });

  test('a compatible change needs no changeset; without a tag the base is the first commit with the spec', async () => {
    const repo = gitRepoWithSpec(contractText());
    edit(repo, newOpenEnumValue);
    const ran = await runGate(repo);
    expect(ran).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/no breaking change since no release tag yet: first commit with the spec/),
    });
    // The newest release tag is the base: a breaking change already released does not count again.
    edit(repo, nullableEventName);
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@localhost', 'commit', '-qam', 'breaking'], {
      cwd: repo,
    });
    expect((await runGate(repo)).code).toBe(1);
    execFileSync('git', ['tag', '@target-groups/types@2.0.0'], { cwd: repo });
    expect(await runGate(repo)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('@target-groups/types@2.0.0'),
    });
  });

  test('outside a git work tree the gate says so and exits 2', async () => {
    const ran = await runGate(path.parse(process.cwd()).root);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/^contract gate: not a git work tree/);
  });
});

describe('contract gate --spec spec/promotions.yaml', () => {
  const promotions = () => readFileSync(promotionsSpecPath, 'utf8');

  test('a breaking change to promotions.yaml since the release needs its major changeset; the contract is not it', async () => {
    const repo = gitRepoWithSpec(contractText(), '@target-groups/types@1.2.0', { 'promotions.yaml': promotions() });
    const edited = nullableDescription(promotions());
    expect(edited).not.toBe(promotions());
    writeFileSync(path.join(repo, 'spec', 'promotions.yaml'), edited);
    const ran = await runGate(repo, '--spec', 'spec/promotions.yaml');
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(
      /1 breaking change\(s\) to spec\/promotions\.yaml since last release @target-groups\/types@1\.2\.0/,
    );
    expect(ran.stderr).toContain('/components/schemas/PromotionMetadata/properties/description: may now be null');
    expect(ran.stderr).toContain('diff --format changeset --spec spec/promotions.yaml git:@target-groups/types@1.2.0');
    // The retiring contract did not change: its gate passes.
    expect((await runGate(repo)).code).toBe(0);
    changeset(repo, 'major', { '@target-groups/types': 'major', '@target-groups/client': 'major' });
    expect((await runGate(repo, '--spec', 'spec/promotions.yaml')).code).toBe(0);
  });

  test('a spec added since the release has nothing to compare; a spec that is not there is an error', async () => {
    const repo = gitRepoWithSpec(contractText(), '@target-groups/types@1.2.0');
    writeFileSync(path.join(repo, 'spec', 'promotions.yaml'), promotions());
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@localhost', 'add', '.'], { cwd: repo });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@localhost', 'commit', '-qm', 'promotions'], {
      cwd: repo,
    });
    expect(await runGate(repo, '--spec', 'spec/promotions.yaml')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('spec/promotions.yaml is new since last release @target-groups/types@1.2.0'),
    });
    expect(await runGate(repo, '--spec', 'spec/nothing.yaml')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^contract gate: no spec\/nothing\.yaml in /),
    });
  });
});
