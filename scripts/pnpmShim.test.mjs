// The `pnpm` command scripts/setup.sh installs (scripts/pnpm-shim.sh): inside a project that pins its Node and pnpm
// it runs them, with that Node first on PATH; anywhere else, or before the pins are fetched, it hands over to the
// next pnpm on PATH, never to another copy of itself. Run by `pnpm test` on the pinned Node, whose builds it reuses.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';

const repo = path.resolve(import.meta.dirname, '..');
const nodePin = readFileSync(path.join(repo, '.node-version'), 'utf8').trim();
const packageManager = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).packageManager;
const pnpmPin = /^pnpm@([^+]+)/.exec(packageManager)[1];
const env = {
  HOME: process.env.HOME,
  // The builds this run is on: <cache>/node/<version>/bin/node, and the pnpm cache pnpm-line.sh fills.
  TARGET_GROUPS_NODE_CACHE: path.resolve(process.execPath, '../../..'),
  TARGET_GROUPS_PNPM_CACHE: path.dirname(
    execFileSync('bash', [path.join(repo, 'scripts/pnpm-line.sh')])
      .toString()
      .trim(),
  ),
};

const scratch = mkdtempSync(path.join(tmpdir(), 'pnpm-shim-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const dir = (...parts) => {
  const d = path.join(scratch, ...parts);
  mkdirSync(d, { recursive: true });
  return d;
};
const shimDir = dir('shim');
copyFileSync(path.join(repo, 'scripts/pnpm-shim.sh'), path.join(shimDir, 'pnpm'));
chmodSync(path.join(shimDir, 'pnpm'), 0o755);
// The system's pnpm, as far as the shim can tell: it says it was reached, and with what.
const nextDir = dir('next');
writeFileSync(path.join(nextDir, 'pnpm'), '#!/bin/sh\necho "next pnpm: $*"\n');
chmodSync(path.join(nextDir, 'pnpm'), 0o755);
const systemPath = `${nextDir}:/usr/bin:/bin`;

function project(name, nodeVersion) {
  const root = dir(name);
  writeFileSync(path.join(root, '.node-version'), `${nodeVersion}\n`);
  writeFileSync(
    path.join(root, 'package.json'),
    `{\n  "name": "${name}",\n  "packageManager": "${packageManager}"\n}\n`,
  );
  return root;
}
const pnpm = (cwd, args, pathValue = `${shimDir}:${systemPath}`) =>
  spawnSync(path.join(shimDir, 'pnpm'), args, {
    cwd,
    env: { ...env, PATH: pathValue },
    encoding: 'utf8',
    timeout: 60_000,
  });

test('inside a project with both pins: the pinned pnpm on the pinned Node, first on PATH for what it runs', () => {
  const root = project('pinned', nodePin);
  const version = pnpm(dir('pinned', 'deep', 'er'), ['--version']);
  assert.equal(version.stdout.trim(), pnpmPin, version.stderr);
  const node = pnpm(root, ['exec', 'node', '-p', 'process.version']);
  assert.equal(node.stdout.trim(), `v${nodePin}`, node.stderr);
});

test('outside any project: the next pnpm on PATH, with the same arguments', () => {
  const run = pnpm(dir('elsewhere'), ['install', '--frozen-lockfile']);
  assert.equal(run.stdout, 'next pnpm: install --frozen-lockfile\n');
  assert.equal(run.stderr, '');
});

test('a pinned Node not fetched yet: says how to fetch it, then hands over', () => {
  const root = project('unfetched', '1.2.3');
  const run = pnpm(root, ['--version']);
  assert.equal(run.stdout, 'next pnpm: --version\n');
  assert.match(run.stderr, /pins Node 1\.2\.3 and pnpm .*bash scripts\/setup\.sh installs them/);
});

test('another copy of the shim ahead of the system pnpm is passed over, not called back and forth', () => {
  const copyDir = dir('copy');
  copyFileSync(path.join(shimDir, 'pnpm'), path.join(copyDir, 'pnpm'));
  chmodSync(path.join(copyDir, 'pnpm'), 0o755);
  const run = pnpm(dir('elsewhere'), ['--version'], `${shimDir}:${copyDir}:${systemPath}`);
  assert.equal(run.status, 0);
  assert.equal(run.stdout, 'next pnpm: --version\n');
});
