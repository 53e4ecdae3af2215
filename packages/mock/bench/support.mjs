// @ts-check
// What both benches measure the same way: keep-alive load on one server, and how figures are printed.
import { Agent, request } from 'node:http';

export const CONNECTIONS = 10;

export const fmt = (/** @type {number} */ n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * CONNECTIONS keep-alive connections asking `base` for `pathFor()` for `durationMs`; `onTick` runs every second.
 * @param {string} base
 * @param {{ durationMs: number, pathFor: () => string, headers: Record<string, string>, onTick?: () => void }} run
 */
export async function load(base, { durationMs, pathFor, headers, onTick }) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  let ok = 0;
  let failed = 0;
  let bytes = 0;
  /** @type {number[]} */
  const latencies = [];
  const end = performance.now() + durationMs;
  const one = () =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = request(new URL(pathFor(), base), { agent, headers }, (res) => {
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
  const ticker = onTick ? setInterval(onTick, 1000) : undefined;
  const worker = async () => {
    while (performance.now() < end) await one();
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(ticker);
  agent.destroy();
  if (failed) throw new Error(`${failed} of ${ok + failed} requests to ${base} failed`);
  latencies.sort((a, b) => a - b);
  return {
    rps: ok / seconds,
    ok,
    p50: latencies[Math.floor(latencies.length * 0.5)] ?? Number.NaN,
    bodyBytes: Math.round(bytes / Math.max(1, ok)),
  };
}
