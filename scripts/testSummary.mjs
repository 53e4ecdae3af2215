#!/usr/bin/env node
// One closing line for the whole suite: each package's vitest run writes test-results/vitest.json
// (restored by turbo on a cache hit), and this adds them up so a skipped test is never read as a pass.
// Every workspace package with a `test` script must have left a report (with `--dir DIR`, repeated: those packages
// only). The closing line is named after the Node it ran on (`node-24.22.3: N passed, ...`), or `--label WORD`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    label: { type: 'string', default: `node-${process.versions.node}` },
    dir: { type: 'string', multiple: true },
  },
});
const root = new URL('..', import.meta.url);
const read = (url) => JSON.parse(readFileSync(url, 'utf8'));
const workspaceDirs = [
  'spec',
  ...['packages', 'apps'].flatMap((d) => readdirSync(new URL(d, root)).map((n) => `${d}/${n}`)),
];
const dirs = (values.dir ?? workspaceDirs).filter((dir) => {
  const manifest = new URL(`${dir}/package.json`, root);
  return existsSync(manifest) && read(manifest).scripts?.test;
});

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const dir of dirs) {
  const file = new URL(`${dir}/test-results/vitest.json`, root);
  if (!existsSync(file)) {
    missing.push(dir);
    continue;
  }
  const r = read(file);
  const skippedHere = r.numPendingTests + r.numTodoTests;
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += skippedHere;
  console.log(`${dir.padEnd(24)} ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skippedHere} skipped`);
}
if (missing.length) console.error(`testSummary: no vitest report from ${missing.join(', ')}`);
console.log(`${values.label}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed || missing.length || passed === 0 ? 1 : 0);
