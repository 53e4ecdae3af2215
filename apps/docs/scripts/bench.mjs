#!/usr/bin/env node
// Prints the built page's size and how long headless Chromium takes from navigation start until the operation
// is visible (median of several cold loads), against the targets: at most 3 MB and 2 seconds.
//
//   node scripts/bench.mjs            (BENCH_RUNS=N to change the number of measured loads, default 7)
//
// One unmeasured load first warms the machine (browser binary, fonts, OS file cache); every measured load then
// runs in a fresh browser context, so neither the HTTP cache nor compiled code carries over between loads.
//
// Exit codes: 0 both targets met; 1 a target missed; 2 no build or no browser.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { guardNetwork, launchChromium, serveDirectory } from './browser.mjs';

const MAX_BYTES = 3_000_000;
const MAX_MS = 2_000;
const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
const specPath = fileURLToPath(new URL('../../../spec/targetGroups.yaml', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 7);

if (!existsSync(`${distDir}index.html`)) {
  process.stderr.write('docs bench: no dist/index.html; build first (pnpm --filter @target-groups/docs build)\n');
  process.exit(2);
}
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write(`docs bench: BENCH_RUNS must be a positive integer, got "${process.env.BENCH_RUNS}"\n`);
  process.exit(2);
}

const bytes = statSync(`${distDir}index.html`).size;
const operationId = firstOperationId(parse(readFileSync(specPath, 'utf8')));
const selector = `[data-section-id$="/${operationId.toLowerCase()}"] h2`;

const server = await serveDirectory(distDir);
let browser;
try {
  browser = await launchChromium();
} catch (error) {
  await server.close();
  process.stderr.write(`docs bench: ${/** @type {Error} */ (error).message}\n`);
  process.exit(2);
}

/** @type {number[]} */
const times = [];
/** @type {string[]} */
const remote = [];
try {
  for (let run = -1; run < runs; run++) {
    // A fresh context per load: no HTTP cache, no compiled-code cache carried over.
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    remote.push(...(await guardNetwork(context)));
    const page = await context.newPage();
    await page.goto(server.url, { waitUntil: 'commit' });
    // performance.now() counts from the navigation start of this document.
    const visibleAt = await page.waitForFunction(
      (sel) => {
        const heading = document.querySelector(sel);
        if (!heading) return false;
        const box = heading.getBoundingClientRect();
        return (
          box.width > 0 && box.height > 0 && getComputedStyle(heading).visibility !== 'hidden' && performance.now()
        );
      },
      selector,
      { polling: 'raf', timeout: 30_000 },
    );
    const ms = Math.round(/** @type {number} */ (await visibleAt.jsonValue()));
    if (run >= 0) times.push(ms);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? Number.NaN;
const sizeOk = bytes <= MAX_BYTES;
const timeOk = median <= MAX_MS;
const verdict = (/** @type {boolean} */ ok) => (ok ? 'ok' : 'MISSED');
console.log(
  `docs bench: dist/index.html ${bytes} bytes (${(bytes / 1e6).toFixed(2)} MB); target <= 3 MB: ${verdict(sizeOk)}`,
);
console.log(
  `docs bench: navigation start -> operation visible, median of ${times.length} cold loads: ${median} ms ` +
    `(runs: ${times.join(', ')} ms); target <= ${MAX_MS} ms: ${verdict(timeOk)}`,
);
if (remote.length > 0)
  console.log(`docs bench: the page tried to reach other hosts: ${[...new Set(remote)].join(', ')}`);
process.exit(sizeOk && timeOk && remote.length === 0 ? 0 : 1);

/** @param {any} doc @returns {string} */
function firstOperationId(doc) {
  for (const item of Object.values(doc?.paths ?? {})) {
    for (const op of Object.values(item ?? {})) if (typeof op?.operationId === 'string') return op.operationId;
  }
  throw new Error(`no operationId in ${specPath}`);
}
