#!/usr/bin/env node
// The pipeline promises two things about turbo's cache, and this script checks both from turbo's own
// dry-run plan (no task is executed):
//   1. an unchanged tree is a full cache hit: after a complete run, every task of `pnpm test` is HIT;
//   2. the spec is an input of everything derived from it: editing spec/targetGroups.yaml changes the
//      hash of every task in every package (lint, generate, build, docs, test).
// Run it after `pnpm test` (the root test script does). Exit 1 names the tasks that broke a promise.
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const specPath = `${root}spec/targetGroups.yaml`;
const TASKS = ['build', 'lint', 'typecheck', 'test'];

function plan() {
  const out = execFileSync('pnpm', ['exec', 'turbo', 'run', ...TASKS, '--dry=json'], {
    cwd: root,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tasks = JSON.parse(out.toString()).tasks.filter((t) => t.command !== '<NONEXISTENT>');
  return new Map(tasks.map((t) => [t.taskId, t]));
}

const failures = [];
const before = plan();
if (before.size === 0) failures.push('turbo planned no task at all');

const misses = [...before.values()].filter((t) => t.cache.status !== 'HIT').map((t) => t.taskId);
if (misses.length) failures.push(`not a full cache hit after a complete run; MISS: ${misses.join(', ')}`);
else console.log(`cache: unchanged tree, ${before.size}/${before.size} tasks are cache hits`);

const original = readFileSync(specPath);
const restore = () => writeFileSync(specPath, original);
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    restore();
    process.exit(130);
  });
let after;
try {
  appendFileSync(specPath, '\n# cache probe: any byte of the spec is an input of every derived task\n');
  after = plan();
} finally {
  restore();
}
const unchanged = [...before.values()].filter((t) => after.get(t.taskId)?.hash === t.hash).map((t) => t.taskId);
if (unchanged.length) failures.push(`a spec edit left these task hashes unchanged: ${unchanged.join(', ')}`);
else console.log(`cache: a spec edit invalidates ${before.size}/${before.size} tasks`);

if (failures.length) {
  for (const f of failures) console.error(`verifyCache: ${f}`);
  process.exit(1);
}
