// The consumer's drift watch of README.md, run as written (extracted from the Markdown) in a directory outside any git
// work tree, with the built CLI as `target-groups-contract` on PATH: export the spec, check, propose into a copy, and
// a patch that applies at the root of the contract's repository.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { specPath } from '@target-groups/spec';
import { expect, test } from 'vitest';
import { repositoryRoot } from '../src/spec/specInput.js';
import { contractText, gitRepoWithSpec, tempDir } from './diffSupport.js';
import { fixture, packageDir } from './helpers.js';
import { shellBlocks } from './readmeBlocks.js';

const exec = promisify(execFile);

test("README: a consumer's drift watch runs as written outside the repository", { timeout: 120_000 }, async () => {
  const [recipe] = shellBlocks(path.join(packageDir, 'README.md'), "Outside the repository: a consumer's drift watch");
  const dir = tempDir('consumer-');
  expect(repositoryRoot(dir)).toBeUndefined();
  const bin = path.join(dir, '.bin');
  mkdirSync(bin);
  const shim = path.join(bin, 'target-groups-contract');
  writeFileSync(
    shim,
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(packageDir, 'bin', 'target-groups-contract.mjs'))} "$@"\n`,
  );
  chmodSync(shim, 0o755);
  const body = fixture('64035151') as Record<string, any>;
  body.data.targetGroups[0].targets[0].eventName = null;
  body.data.targetGroups[0].targets[0].reward = { points: 250 };
  writeFileSync(path.join(dir, 'capture.ndjson'), `${JSON.stringify(body)}\n`);

  const ran = await exec('bash', ['-c', recipe!], {
    cwd: dir,
    env: { PATH: `${bin}:${process.env.PATH}`, HOME: dir },
  });
  expect(ran.stderr).toBe('');
  const file = (name: string) => readFileSync(path.join(dir, name), 'utf8');
  expect(file('targetGroups.yaml')).toBe(readFileSync(specPath, 'utf8'));
  expect(file('check.txt')).toMatch(/Exit code 1\.\n$/);
  expect(file('proposal.txt')).toMatch(/^Wrote 2 changes to targetGroups\.proposed\.yaml from 1 bodies/);
  expect(file('impact.txt')).toMatch(/2 changes, 1 breaking for typed consumers/);

  // The patch applies at the root of the contract's repository and gives the proposed spec.
  const repo = gitRepoWithSpec(contractText());
  execFileSync('git', ['apply', path.join(dir, 'drift.patch')], { cwd: repo });
  expect(readFileSync(path.join(repo, 'spec', 'targetGroups.yaml'), 'utf8')).toBe(file('targetGroups.proposed.yaml'));
});
