#!/usr/bin/env node
// One closing line for the whole suite: each package's vitest run writes test-results/vitest.json
// (restored by turbo on a cache hit), and this adds them up so a skipped test is never read as a pass.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dirs = [
  'spec',
  'packages/client',
  'packages/contract',
  'packages/mock',
  'packages/types',
  'apps/docs',
  'apps/mock',
];

let passed = 0,
  failed = 0,
  skipped = 0;
const missing = [];
for (const dir of dirs) {
  const file = `${root}${dir}/test-results/vitest.json`;
  if (!existsSync(file)) {
    missing.push(dir);
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  console.log(
    `${dir.padEnd(18)} ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`,
  );
}
if (missing.length) {
  console.error(`test-summary: no vitest report from ${missing.join(', ')}`);
  process.exit(1);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed || passed === 0 ? 1 : 0);
