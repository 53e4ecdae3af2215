#!/usr/bin/env node
// @ts-check
// Prism's cost to a consumer's test suite, on this machine: time from spawn to first answer (startMock), and
// requests per second at 10 concurrent keep-alive connections, static examples and dynamic generation.
// Loopback only; every phase is bounded in time.
import { Agent, request } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { startMock } from '@target-groups/mock';
import { MOCK_BASIC_PASSWORD_MD5, MOCK_BASIC_USER, loadCatalog, pathFor, workspaceSpecPath } from '../src/catalog.mjs';

const STARTS = Number(process.env.BENCH_STARTS ?? 5);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const WARMUP_MS = 1000;
const CONNECTIONS = 10;

const catalog = loadCatalog(workspaceSpecPath);
const path = pathFor(catalog, 566881933);
const authorization = `Basic ${Buffer.from(`${MOCK_BASIC_USER}:${MOCK_BASIC_PASSWORD_MD5}`).toString('base64')}`;

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timeToFirstAnswer() {
  const times = [];
  for (let i = 0; i < STARTS; i++) {
    const t0 = performance.now();
    const mock = await startMock({ spec: workspaceSpecPath });
    times.push(performance.now() - t0);
    await mock.close();
  }
  return times;
}

/**
 * @param {string} url
 * @param {Record<string, string>} headers
 * @param {number} durationMs
 */
async function load(url, headers, durationMs) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const target = new URL(path, url);
  let ok = 0;
  let failed = 0;
  let bytes = 0;
  /** @type {number[]} */
  const latencies = [];
  const end = performance.now() + durationMs;
  const one = () =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = request(target, { agent, headers }, (res) => {
        res.on('data', (chunk) => (bytes += chunk.length));
        res.on('end', () => {
          if (res.statusCode === 200) ok++;
          else failed++;
          latencies.push(performance.now() - t0);
          resolve(undefined);
        });
      });
      req.on('error', () => {
        failed++;
        resolve(undefined);
      });
      req.end();
    });
  const worker = async () => {
    while (performance.now() < end) await one();
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: ok / seconds,
    ok,
    failed,
    bodyBytes: ok ? Math.round(bytes / (ok + failed)) : 0,
    p50: latencies[Math.floor(latencies.length * 0.5)] ?? NaN,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? NaN,
  };
}

/**
 * @param {string} label
 * @param {{ dynamic?: boolean }} options
 * @param {Record<string, string>} headers
 */
async function throughput(label, options, headers) {
  const mock = await startMock({ spec: workspaceSpecPath, ...options });
  try {
    await load(mock.url, headers, WARMUP_MS);
    const r = await load(mock.url, headers, DURATION_MS);
    if (r.failed) throw new Error(`${label}: ${r.failed} of ${r.ok + r.failed} requests failed`);
    return { label, ...r };
  } finally {
    await mock.close();
  }
}

const fmt = (/** @type {number} */ n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log(
  `prism mock (@stoplight/prism-cli via @target-groups/mock), Node ${process.version}, ${availableParallelism()} CPUs (load average ${loadavg()[0].toFixed(1)}), loopback`,
);
const starts = await timeToFirstAnswer();
console.log(
  `spawn to first answer: median ${fmt(median(starts))} ms over ${STARTS} starts (min ${fmt(Math.min(...starts))}, max ${fmt(Math.max(...starts))})`,
);
const runs = [
  await throughput('static example (200)', {}, { authorization }),
  await throughput(
    'dynamic body (Prefer: dynamic=true, seed=1000)',
    {},
    { authorization, prefer: 'dynamic=true, seed=1000' },
  ),
];
for (const r of runs)
  console.log(
    `${r.label}: ${fmt(r.rps)} requests/s at ${CONNECTIONS} connections (${fmt(DURATION_MS / 1000, 1)} s, ${r.ok} responses, ` +
      `${fmt(r.bodyBytes)} B each, p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms)`,
  );
