// check, propose and diff on the contract of the replacing API (`--spec spec/promotions.yaml`): each reads it
// through the spec reader, as it reads the retiring contract.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadSpec, promotionsSpecPath } from '@target-groups/spec';
import { describe, expect, test } from 'vitest';
import { check } from '../src/commands/check/index.js';
import { run as diff } from '../src/commands/diff/index.js';
import { propose } from '../src/commands/propose/index.js';
import { contractText, gitRepoWithSpec, nullableDescription, runCommand, tempDir } from './diffSupport.js';
import { expectNoCrash } from './helpers.js';

type Json = Record<string, any>;

const promotions = await loadSpec(promotionsSpecPath);
const promotionsText = () => readFileSync(promotionsSpecPath, 'utf8');
const example = (name: string, status = '200') =>
  structuredClone(promotions.examples.find((e) => e.name === name && e.status === status)!.value) as Json;

describe('check --spec spec/promotions.yaml', () => {
  test("every named example passes as an answer of its operation and status (the spec's own bodies)", async () => {
    expect(promotions.examples.length).toBeGreaterThan(5);
    const dir = tempDir();
    for (const { name, operationId, status, value } of promotions.examples) {
      const file = `${operationId}-${status}-${name}.json`;
      writeFileSync(path.join(dir, file), JSON.stringify(value));
      const ran = await runCommand(
        check.run,
        ['--spec', promotionsSpecPath, '--operation', operationId, '--status', status, '--format', 'json', file],
        dir,
      );
      expect(ran.code, `${file}: ${ran.stdout}${ran.stderr}`).toBe(0);
      expect(JSON.parse(ran.stdout).files).toEqual([expect.objectContaining({ file, valid: true })]);
    }
  });

  test('a drifted promotion is reported by check, and propose turns it into the spec edit that accepts it', async () => {
    const dir = tempDir();
    const drifted = example('draftActivityPromotion');
    drifted.data.metadata.description = null;
    drifted.data.metadata.channel = 'APP';
    writeFileSync(path.join(dir, 'drifted.json'), JSON.stringify(drifted));
    const specCopy = path.join(dir, 'promotions.yaml');
    copyFileSync(promotionsSpecPath, specCopy);
    const args = ['--spec', specCopy, '--operation', 'getPromotion', 'drifted.json'];

    const checked = await runCommand(check.run, args, dir);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(
      /error +1\/1 body +\/data\/metadata\/description\n +edit PromotionMetadata at .*promotions\.yaml:\d+/,
    );
    expect(checked.stdout).toContain("undocumented property 'channel'");

    const proposed = await runCommand(propose.run, ['--format', 'json', '--write', ...args], dir);
    expectNoCrash(proposed);
    expect(proposed.code).toBe(1);
    const changes = JSON.parse(proposed.stdout).changes.map((c: Json) => [c.pointer, c.change, c.impact]);
    expect(changes).toEqual([
      ['/components/schemas/PromotionMetadata/properties/description', 'made-nullable', 'breaking'],
      ['/components/schemas/PromotionMetadata/properties/channel', 'property-added', 'compatible'],
    ]);
    expect(readFileSync(specCopy, 'utf8')).not.toBe(promotionsText());
    expect((await runCommand(check.run, args, dir)).code).toBe(0);
  });
});

describe('diff of promotions.yaml', () => {
  test('an edited copy: each change with its impact on typed consumers', async () => {
    const dir = tempDir();
    const head = path.join(dir, 'promotions.yaml');
    writeFileSync(head, nullableDescription(promotionsText()));
    const ran = await runCommand(diff, ['--format', 'json', promotionsSpecPath, head]);
    expect(ran.code).toBe(1);
    expect(JSON.parse(ran.stdout).changes).toEqual([
      expect.objectContaining({
        pointer: '/components/schemas/PromotionMetadata/properties/description',
        change: 'made-nullable',
        impact: 'breaking',
      }),
    ]);
  });

  test('git:REF with --spec spec/promotions.yaml reads promotions.yaml at that ref, not the contract', async () => {
    const repo = gitRepoWithSpec(contractText(), 'v1', { 'promotions.yaml': promotionsText() });
    writeFileSync(path.join(repo, 'spec', 'promotions.yaml'), nullableDescription(promotionsText()));
    for (const argv of [
      ['--format', 'json', '--spec', 'spec/promotions.yaml', 'git:v1'],
      ['--format', 'json', 'git:v1', 'spec/promotions.yaml'],
    ]) {
      const ran = await runCommand(diff, argv, repo);
      expect(ran.stderr, argv.join(' ')).toBe('');
      expect(JSON.parse(ran.stdout).changes.map((c: Json) => c.pointer)).toEqual([
        '/components/schemas/PromotionMetadata/properties/description',
      ]);
    }
    // Without a spec of the repository named, git:REF is the contract, as before.
    const contract = await runCommand(diff, ['--format', 'json', 'git:v1'], repo);
    expect(JSON.parse(contract.stdout).changes).toEqual([]);
    // An untracked copy is no spec of the repository: git:REF stays the contract.
    writeFileSync(path.join(repo, 'copy.yaml'), contractText());
    const copy = await runCommand(diff, ['--format', 'json', 'git:v1', 'copy.yaml'], repo);
    expect(JSON.parse(copy.stdout).changes).toEqual([]);
  });

  test('two different APIs (their info.title differs) are refused, not compared: one line, exit 2', async () => {
    const repo = gitRepoWithSpec(contractText(), 'v1', { 'promotions.yaml': promotionsText() });
    // An untracked copy of promotions.yaml: git:v1 is the contract, which is another API.
    writeFileSync(path.join(repo, 'copy.yaml'), promotionsText());
    for (const argv of [
      ['git:v1', 'copy.yaml'],
      ['--format', 'json', 'spec/targetGroups.yaml', 'copy.yaml'],
      ['--spec', 'copy.yaml', 'spec/targetGroups.yaml'],
    ]) {
      const ran = await runCommand(diff, argv, repo);
      expectNoCrash(ran);
      expect(ran, argv.join(' ')).toMatchObject({ code: 2, stdout: '' });
      expect(ran.stderr.split('\n')).toHaveLength(2);
      expect(ran.stderr).toMatch(
        /^target-groups-contract diff: .*'Get Associated Target Groups of a User'.* 'Loyalty Promotions'.*different APIs/,
      );
    }
    // Naming the repository's spec makes git:v1 that spec: the copy is compared with it.
    const named = await runCommand(
      diff,
      ['--format', 'json', '--spec', 'spec/promotions.yaml', 'git:v1', 'copy.yaml'],
      repo,
    );
    expect(named).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(named.stdout).changes).toEqual([]);
    // One file of the repository at two points of its history is one API: a renamed title is a change, as the
    // release gate compares it.
    const renamed = promotionsText().replace('  title: Loyalty Promotions\n', '  title: Loyalty Promotions v2\n');
    expect(renamed).not.toBe(promotionsText());
    writeFileSync(path.join(repo, 'spec', 'promotions.yaml'), renamed);
    for (const argv of [
      ['--format', 'json', '--spec', 'spec/promotions.yaml', 'git:v1'],
      ['--format', 'json', 'git:v1', 'spec/promotions.yaml'],
    ]) {
      const ran = await runCommand(diff, argv, repo);
      expect(ran, argv.join(' ')).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(ran.stdout).changes).toEqual([
        expect.objectContaining({ pointer: '/info', change: 'documentation' }),
      ]);
    }
    // Two copies outside the repository (a release's spec beside the working one): a renamed title with the same
    // operations is one API renamed, compared.
    writeFileSync(path.join(repo, 'renamed.yaml'), renamed);
    const copies = await runCommand(diff, ['--format', 'json', 'copy.yaml', 'renamed.yaml'], repo);
    expect(copies).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(copies.stdout).changes).toEqual([
      expect.objectContaining({ pointer: '/info', change: 'documentation' }),
    ]);
  });
});
