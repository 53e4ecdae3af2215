#!/usr/bin/env node
// @ts-check
// startMock's start-to-first-answer, beside its peer in the same run: Prism in a child process, which is how
// startMock ran Prism up to commit 0e91fe6 (spawn, wait for its listening line, first answer); the child runs
// Prism's own packages as `prism mock` does (./prismChild.mjs). Then requests per second at 10 concurrent
// keep-alive connections, static examples and dynamic generation. Loopback only.
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { bundledSpecPath, startMock } from '@target-groups/mock';
import { CONNECTIONS, fmt, load, median } from './support.mjs';

const STARTS = Number(process.env.BENCH_STARTS ?? 5);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const WARMUP_MS = 1000;
const PATH = '/v3/users/566881933/targetGroups';
const headers = { authorization: 'Basic eDp5' };

const prismChild = fileURLToPath(new URL('./prismChild.mjs', import.meta.url));
const prismVersion = createRequire(import.meta.url)('@stoplight/prism-http-server/package.json').version;

/** In a fresh node process: import, startMock(), first answer. */
function coldInProcess() {
  const script = fileURLToPath(new URL('./firstAnswer.mjs', import.meta.url));
  return Number(execFileSync(process.execPath, [script], { encoding: 'utf8', timeout: 60_000 }).trim());
}

/** In this process, Prism's modules already loaded: startMock() to first answer. */
async function warmInProcess() {
  const t0 = performance.now();
  const mock = await startMock();
  const res = await fetch(`${mock.url}${PATH}`, { headers });
  await res.arrayBuffer();
  const elapsed = performance.now() - t0;
  await mock.close();
  return elapsed;
}

/** Prism as a child process: spawn, its listening line, first answer. */
function childProcess() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [prismChild, bundledSpecPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('Prism in a child process did not answer within 60 s'));
    }, 60_000);
    let out = '';
    child.stdout.on('data', async (chunk) => {
      out += String(chunk);
      const url = /listening on (http:\/\/[\d.]+:\d+)/.exec(out)?.[1];
      if (!url || child.killed) return;
      child.stdout.removeAllListeners('data');
      try {
        const res = await fetch(`${url}${PATH}`, { headers });
        await res.arrayBuffer();
        resolve(performance.now() - t0);
      } catch (error) {
        reject(error);
      } finally {
        clearTimeout(timer);
        child.kill('SIGTERM');
      }
    });
    child.once('exit', (code) => code && reject(new Error(`Prism in a child process exited ${code}: ${out}`)));
  });
}

/**
 * @param {string} label
 * @param {{ dynamic?: boolean }} options
 * @param {Record<string, string>} extra
 */
async function throughput(label, options, extra) {
  const mock = await startMock(options);
  try {
    const run = { pathFor: () => PATH, headers: { ...headers, ...extra } };
    await load(mock.url, { ...run, durationMs: WARMUP_MS });
    const r = await load(mock.url, { ...run, durationMs: DURATION_MS });
    return `${label}: ${fmt(r.rps)} requests/s at ${CONNECTIONS} connections (${r.ok} in ${fmt(DURATION_MS / 1000, 1)} s, p50 ${fmt(r.p50, 1)} ms)`;
  } finally {
    await mock.close();
  }
}

/** @param {() => Promise<number> | number} once */
async function sample(once) {
  const times = [];
  for (let i = 0; i < STARTS; i++) times.push(await once());
  return times;
}

const describe = (/** @type {number[]} */ times) =>
  `median ${fmt(median(times))} ms over ${times.length} (min ${fmt(Math.min(...times))}, max ${fmt(Math.max(...times))})`;

console.log(
  `@target-groups/mock start to first answer, Node ${process.version}, ${availableParallelism()} CPUs (load average ${loadavg()[0].toFixed(1)}), loopback`,
);
// Interleaved, so that a change in the machine's load falls on both sides alike.
const cold = [];
const before = [];
for (let i = 0; i < STARTS; i++) {
  before.push(await childProcess());
  cold.push(coldInProcess());
}
const warm = await sample(warmInProcess);
const peer = median(before);
/** @param {string} label @param {number[]} times @param {number} target @param {string} targetText */
const line = (label, times, target, targetText) =>
  `  ${label}: ${describe(times)}; target ${targetText} (${fmt(target)} ms): ${median(times) <= target ? 'met' : 'NOT met'}`;
console.log(
  `  peer, child process (Prism ${prismVersion}'s packages as \`prism mock\` runs them, as startMock ran Prism up to 0e91fe6): ${describe(before)}`,
);
// The peer does the same work without startMock's additions (the Prefer rule, int64 parameters, CORS, spec
// watching): they may cost a tenth of it. (Up to Prism 5.14 the peer was Prism's CLI, which also loads its own.)
console.log(
  line(
    'after, cold: a fresh process imports @target-groups/mock, startMock(), first answer',
    cold,
    peer * 1.1,
    "at most 1.1x the peer's",
  ),
);
console.log(
  line('after, warm: Prism already loaded, startMock(), first answer', warm, peer / 5, 'at most 1/5 of the peer'),
);
console.log(await throughput('static example (200)', {}, {}));
console.log(
  await throughput('dynamic body (Prefer: dynamic=true, seed=1000)', {}, { prefer: 'dynamic=true, seed=1000' }),
);
