#!/usr/bin/env node
// The development toolchain is pinned once: the Node version in .node-version (read by version managers and by
// scripts/setup.sh), the pnpm version in package.json#packageManager. Run first by `pnpm test`, this checks that
// the copies agree with them (devEngines.runtime, every workflow's setup-node) and that the run itself is on the
// pins, so a machine that skipped scripts/setup.sh fails here with the fix instead of deep in a test. Exit 1 lists
// every mismatch.
import { readdirSync, readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const read = (path) => readFileSync(new URL(path, root), 'utf8');
const nodePin = read('.node-version').trim();
const manifest = JSON.parse(read('package.json'));
const pnpmPin = /^pnpm@(\d+\.\d+\.\d+)\+sha512\.[0-9a-f]{128}$/.exec(manifest.packageManager ?? '')?.[1];
const failures = [];

if (!/^\d+\.\d+\.\d+$/.test(nodePin)) failures.push(`.node-version must hold one exact version, not '${nodePin}'`);
if (!pnpmPin) failures.push('package.json#packageManager must be pnpm@X.Y.Z+sha512.HEX');
const runtime = manifest.devEngines?.runtime;
if (runtime?.name !== 'node' || runtime.version !== nodePin)
  failures.push(
    `package.json#devEngines.runtime must be node ${nodePin} (.node-version), not ${JSON.stringify(runtime)}`,
  );

for (const file of readdirSync(new URL('.github/workflows/', root))) {
  const text = read(`.github/workflows/${file}`);
  for (const step of text.split(/\n\s*- (?=uses:|name:|id:|run:)/)) {
    if (!/uses: actions\/setup-node@/.test(step)) continue;
    if (!/node-version-file: \.node-version\b/.test(step) || /node-version:/.test(step))
      failures.push(`.github/workflows/${file}: setup-node must read node-version-file: .node-version`);
  }
}

const setup = 'run `bash scripts/setup.sh`, then run this again in a new shell (or after `hash -r`)';
if (process.versions.node !== nodePin)
  failures.push(`this run is on Node ${process.versions.node}, not the pinned ${nodePin}: ${setup}`);
// biome-ignore lint/suspicious/noUndeclaredEnvVars: pnpm's own variable, read by this script outside any turbo task.
const pnpmRunning = /\bpnpm\/(\S+)/.exec(process.env.npm_config_user_agent ?? '')?.[1];
if (pnpmRunning && pnpmRunning !== pnpmPin)
  failures.push(`this run is on pnpm ${pnpmRunning}, not the pinned ${pnpmPin}: ${setup}`);

if (failures.length > 0) {
  for (const failure of failures) console.error(`checkPins: ${failure}`);
  process.exit(1);
}
console.log(`toolchain: Node ${nodePin} and pnpm ${pnpmPin}, as pinned`);
