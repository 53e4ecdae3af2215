#!/usr/bin/env node
// Prints the built page's size and how long headless Chromium takes from navigation start until the operation
// is on screen (median of several cold loads), against the targets (at most 3 MB, 500 ms), beside the same
// page server-rendered as Redoc does by default (at "/", where the operation is not in the HTML and appears
// only once the whole bundle has run): the way the page was built before.
//
//   node scripts/bench.mjs            (BENCH_RUNS=N to change the number of measured loads, default 7)
//
// "On screen": the first paint at which the operation's heading is in the document with a non-empty box. One
// unmeasured load first warms the machine (browser binary, fonts, OS file cache); every measured load runs in a
// fresh browser context, so neither the HTTP cache nor compiled code carries over between loads; the two pages
// alternate, so a busy moment of the machine hits both. Every request to another host is blocked.
//
// Exit codes: 0 both targets met; 1 a target missed; 2 no build or no browser.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec } from '@target-groups/spec';
import { guardNetwork, launchChromium, serveDirectory } from './browser.mjs';
import { buildDocs, DocsBuildError } from './build.mjs';
import { landingOperation, redocRoute } from './redocly.mjs';

const MAX_BYTES = 3_000_000;
const MAX_MS = 500;
const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 7);

/** @param {string} message @returns {never} */
function fail(message) {
  process.stderr.write(`docs bench: ${message}\n`);
  process.exit(2);
}

if (!existsSync(`${distDir}index.html`))
  fail('no dist/index.html; build first (pnpm --filter @target-groups/docs build)');
if (!Number.isInteger(runs) || runs < 1) fail(`BENCH_RUNS must be a positive integer, got "${process.env.BENCH_RUNS}"`);

const bytes = statSync(`${distDir}index.html`).size;
const spec = await loadSpec();
const landing = landingOperation(spec);
if (landing === undefined) fail('the spec has no operation with a tag and an operationId to land on');
const selector = `[data-section-id="${redocRoute(landing)}"] h2`;

// The peer: the same spec rendered as Redoc's build-docs renders by default.
const peerDir = mkdtempSync(join(tmpdir(), 'docs-bench-'));
try {
  await buildDocs({ spec: spec.path, out: join(peerDir, 'index.html'), serverRenderLocation: '/' });
} catch (error) {
  rmSync(peerDir, { recursive: true, force: true });
  if (error instanceof DocsBuildError) fail(`could not build the comparison page:\n${error.message}`);
  throw error;
}

// Runs in the page before any of its own code: records when the heading first exists with a box, and the first
// paint; the operation is on screen at the first paint after both.
const probe = `(() => {
  const selector = ${JSON.stringify(selector)};
  window.__operationOnScreen = new Promise((resolve) => {
    let fcp;
    let foundAt;
    const settle = () => {
      if (foundAt === undefined || fcp === undefined) return;
      if (foundAt <= fcp) resolve(fcp);
      else requestAnimationFrame((frame) => resolve(frame));
    };
    const visible = () => {
      const heading = document.querySelector(selector);
      if (!heading) return false;
      const box = heading.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(heading).visibility !== 'hidden';
    };
    const watch = new MutationObserver(() => {
      if (foundAt === undefined && visible()) {
        foundAt = performance.now();
        watch.disconnect();
        settle();
      }
    });
    watch.observe(document, { childList: true, subtree: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') fcp = entry.startTime;
      settle();
    }).observe({ type: 'paint', buffered: true });
  });
})();`;

const pages = [
  { name: 'this build (operation in the HTML)', dir: distDir, times: /** @type {number[]} */ ([]) },
  { name: 'Redoc default server render (before)', dir: peerDir, times: /** @type {number[]} */ ([]) },
];
const servers = await Promise.all(pages.map((page) => serveDirectory(page.dir)));
let browser;
try {
  browser = await launchChromium();
} catch (error) {
  await Promise.all(servers.map((server) => server.close()));
  rmSync(peerDir, { recursive: true, force: true });
  fail(/** @type {Error} */ (error).message);
}

/** @type {string[]} */
const remote = [];
try {
  for (let run = -1; run < runs; run++) {
    for (const [index, page] of pages.entries()) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      remote.push(...(await guardNetwork(context)));
      await context.addInitScript(probe);
      const tab = await context.newPage();
      await tab.goto(/** @type {{ url: string }} */ (servers[index]).url, { waitUntil: 'commit' });
      const ms = await tab.evaluate(() => /** @type {any} */ (window).__operationOnScreen, undefined);
      if (run >= 0) page.times.push(Math.round(/** @type {number} */ (ms)));
      await context.close();
    }
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((server) => server.close()));
  rmSync(peerDir, { recursive: true, force: true });
}

const median = (/** @type {number[]} */ times) =>
  [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? Number.NaN;
const [ours, peer] = /** @type {[typeof pages[0], typeof pages[0]]} */ (pages);
const sizeOk = bytes <= MAX_BYTES;
const timeOk = median(ours.times) <= MAX_MS;
const verdict = (/** @type {boolean} */ ok) => (ok ? 'ok' : 'MISSED');
console.log(
  `docs bench: dist/index.html ${bytes} bytes (${(bytes / 1e6).toFixed(2)} MB); target <= 3 MB: ${verdict(sizeOk)}`,
);
console.log(
  `docs bench: navigation start -> operation on screen, median of ${runs} cold loads (every non-loopback request blocked):`,
);
console.log(
  `  ${ours.name}: ${median(ours.times)} ms (runs: ${ours.times.join(', ')} ms); target <= ${MAX_MS} ms: ${verdict(timeOk)}`,
);
console.log(`  ${peer.name}: ${median(peer.times)} ms (runs: ${peer.times.join(', ')} ms)`);
if (remote.length > 0)
  console.log(`docs bench: the page tried to reach other hosts: ${[...new Set(remote)].join(', ')}`);
process.exit(sizeOk && timeOk && remote.length === 0 ? 0 : 1);
