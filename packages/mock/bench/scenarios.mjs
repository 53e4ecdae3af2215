#!/usr/bin/env node
// @ts-check
// The scenario engine beside Prism, in one run, on this machine (loopback only, every phase bounded in time):
// - start to first answer: a new process of each (`pnpm mock:scenarios` vs `pnpm mock`), target <= 1/10 of Prism's;
// - requests/s at 10 keep-alive connections on the same request (user 566881933, the same body from both),
//   target >= 3x Prism's;
// - resident memory of the scenario server under load with a new user on every request, target: flat;
// - the in-process fetch face in calls/s, beside the HTTP face;
// - coveringUserIds()'s first call in a new process (what each test file that loops over it pays), beside the calls
//   of that loop, target <= 1 s.
// BENCH_DURATION_MS (default 5000) per throughput run; BENCH_RSS_SECONDS (default 20; the issue's soak is 60 s)
// for the memory run; BENCH_STARTS (default 3) starts of each server.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMock } from '../dist/index.js';
import { createMockFetch } from '../dist/scenarios.js';
import { CONNECTIONS, fmt, load, median } from './support.mjs';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const RSS_SECONDS = Number(process.env.BENCH_RSS_SECONDS ?? 20);
const STARTS = Number(process.env.BENCH_STARTS ?? 3);
const WARMUP_MS = 1000;
const USER = 566881933;
const binDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin');
// The one bin: `scenarios` for the scenario engine, nothing for Prism, each in a process of its own, so both start
// figures include Node's own start.
const BIN = path.join(binDir, 'target-groups-mock.mjs');
const authorization = `Basic ${Buffer.from(`store.till:${createHash('md5').update('secret').digest('hex')}`).toString('base64')}`;
const headers = { authorization };

const verdict = (/** @type {boolean} */ met) => (met ? 'met' : 'MISSED');

/**
 * Starts a mock as its own process, as `pnpm mock:scenarios` (the default) or `pnpm mock` runs it; resolves with its
 * URL once it prints that it listens.
 */
function spawnScenarioServer(args = ['scenarios'], port = 0) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, MOCK_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`target-groups-mock ${args.join(' ')} did not start within 30 s`));
    }, 30_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = / on (http:\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({
          url,
          pid: /** @type {number} */ (child.pid),
          close: () =>
            new Promise((done) => {
              child.once('exit', done);
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`target-groups-mock ${args.join(' ')} exited with ${code}`));
    });
  });
}

/** @param {string} base */
function firstAnswer(base) {
  return new Promise((resolve, reject) => {
    const req = request(new URL(`/v3/users/${USER}/targetGroups`, base), { headers }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200 ? resolve(undefined) : reject(new Error(`status ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

async function startTimes() {
  const prism = [];
  const scenarios = [];
  for (let i = 0; i < STARTS; i++) {
    let t0 = performance.now();
    const mock = /** @type {any} */ (await spawnScenarioServer([]));
    await firstAnswer(mock.url);
    prism.push(performance.now() - t0);
    await mock.close();
    t0 = performance.now();
    const server = /** @type {any} */ (await spawnScenarioServer());
    await firstAnswer(server.url);
    scenarios.push(performance.now() - t0);
    await server.close();
  }
  return { prism: median(prism), scenarios: median(scenarios) };
}

const samePath = () => `/v3/users/${USER}/targetGroups`;

/** @param {string} base */
async function throughput(base) {
  await load(base, { durationMs: WARMUP_MS, pathFor: samePath, headers });
  return load(base, { durationMs: DURATION_MS, pathFor: samePath, headers });
}

/** @param {number} pid */
function rssMb(pid) {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

async function fetchFace() {
  const mockFetch = createMockFetch();
  const url = `http://mock.invalid${samePath()}`;
  const run = async (/** @type {number} */ durationMs) => {
    let calls = 0;
    const end = performance.now() + durationMs;
    const worker = async () => {
      while (performance.now() < end) {
        const response = await mockFetch(url, { headers });
        await response.text();
        calls++;
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    return calls / ((performance.now() - t0) / 1000);
  };
  await run(WARMUP_MS);
  return run(DURATION_MS);
}

console.log(
  `scenario engine vs Prism (startMock), Node ${process.version}, ${availableParallelism()} CPUs (load average ${loadavg()[0].toFixed(1)}), loopback, ${CONNECTIONS} keep-alive connections`,
);

const starts = await startTimes();
const startRatio = starts.scenarios / starts.prism;
console.log(
  `start to first answer: scenario server ${fmt(starts.scenarios)} ms (a new process) | Prism ${fmt(starts.prism)} ms (a new process) | ` +
    `ratio 1/${fmt(starts.prism / starts.scenarios, 1)} | target <= 1/10: ${verdict(startRatio <= 0.1)} (median of ${STARTS})`,
);

const prism = await startMock();
let prismRun;
try {
  prismRun = await throughput(prism.url);
} finally {
  await prism.close();
}
const server = /** @type {any} */ (await spawnScenarioServer());
let ours;
let memory;
try {
  ours = await throughput(server.url);
  // Memory: a different user on (almost) every request, so generation and its bounded cache are exercised.
  /** @type {number[]} */
  const samples = [];
  let next = 1;
  const randomPath = () => {
    next = (next * 48271) % 2147483647;
    return `/v3/users/${next}/targetGroups?includeInactive=true`;
  };
  const soak = await load(server.url, {
    durationMs: RSS_SECONDS * 1000,
    pathFor: randomPath,
    headers,
    onTick: () => samples.push(rssMb(server.pid)),
  });
  // The first quarter is warm-up (the user cache fills, the heap grows to its working size); flat means the second
  // quarter and the last one agree.
  const quarter = Math.max(1, Math.floor(samples.length / 4));
  const early = median(samples.slice(quarter, 2 * quarter));
  const late = median(samples.slice(-quarter));
  memory = { early, late, peak: Math.max(...samples), growth: (late - early) / early, soak };
} finally {
  await server.close();
}
const ratio = ours.rps / prismRun.rps;
console.log(
  `HTTP face, same request (${fmt(ours.bodyBytes)} B body): ${fmt(ours.rps)} requests/s | Prism ${fmt(prismRun.rps)} requests/s | ` +
    `${fmt(ratio, 1)}x | target >= 3x: ${verdict(ratio >= 3)} (${fmt(DURATION_MS / 1000, 1)} s each)`,
);
console.log(
  `memory (RSS) over ${RSS_SECONDS} s, a new user per request (${fmt(memory.soak.rps)} requests/s, ${fmt(memory.soak.ok)} answers): ` +
    `second quarter ${fmt(memory.early, 1)} MB, last quarter ${fmt(memory.late, 1)} MB, peak ${fmt(memory.peak, 1)} MB, ` +
    `growth ${fmt(memory.growth * 100, 1)}% | target flat (growth <= 10%): ${verdict(memory.growth <= 0.1)}`,
);
const calls = await fetchFace();
console.log(
  `fetch face (createMockFetch, in-process), same request: ${fmt(calls)} calls/s | HTTP face ${fmt(ours.rps)} requests/s | ` +
    `${fmt(calls / ours.rps, 1)}x the HTTP face`,
);

/** coveringUserIds()'s first call, and the forwardCompatible calls of a loop over its users, in a new process. */
function coveringCost() {
  const script = `
const started = performance.now();
const { coveringUserIds, createMockFetch } = await import(${JSON.stringify(new URL('../dist/scenarios.js', import.meta.url).href)});
const loaded = performance.now();
const userIds = coveringUserIds();
const covered = performance.now();
const mockFetch = createMockFetch();
for (const userId of userIds) {
  const response = await mockFetch('http://mock.test/v3/users/' + userId + '/targetGroups', {
    headers: { authorization: ${JSON.stringify(authorization)}, prefer: 'scenario=forwardCompatible' },
  });
  await response.text();
}
console.log(JSON.stringify({ load: loaded - started, cover: covered - loaded, loop: performance.now() - covered, users: userIds.length }));
`;
  const runs = Array.from({ length: STARTS }, () =>
    JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })),
  );
  return {
    cover: median(runs.map((run) => run.cover)),
    loop: median(runs.map((run) => run.loop)),
    users: runs[0].users,
  };
}
const covering = coveringCost();
console.log(
  `coveringUserIds() first call, new process: ${fmt(covering.cover)} ms for ${covering.users} users | the loop's ${covering.users} forwardCompatible calls ${fmt(covering.loop, 1)} ms | ` +
    `target <= 1000 ms: ${verdict(covering.cover <= 1000)} (median of ${STARTS})`,
);
