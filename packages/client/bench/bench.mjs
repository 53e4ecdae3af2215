// Calls per second of getTargetGroups against a stubbed fetch (one of the vendor's real bodies), beside bare
// openapi-fetch and a hand-written fetch + JSON.parse, in one run; the same client with drift sampling configured
// (sampleRate 0: the cost of the option; sampleRate 1: answers validated per second, the check included); then the
// sizes, min+gzip, all-in: the main entry and the drift module beside their budgets (size-limit).
// Targets: at least 0.8x bare openapi-fetch; drift off costs nothing measurable (within the machine's noise).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import createClient from 'openapi-fetch';
import { createTargetGroupsClient } from '../dist/index.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const specDir = path.dirname(require.resolve('@target-groups/spec/package.json'));
const body = readFileSync(path.join(specDir, 'fixtures/seed/566881933.json'), 'utf8');
const baseUrl = 'https://eu.api.capillarytech.com';
const userId = 566881933;
const authorization = `Basic ${Buffer.from('store.till:5ebe2294ecd0e0f08eab7690d2a6ee69').toString('base64')}`;
const responseHeaders = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
const stubFetch = async () => new Response(body, { status: 200, headers: responseHeaders });

const client = createTargetGroupsClient({
  baseUrl,
  auth: { type: 'basic', username: 'store.till', passwordMd5: '5ebe2294ecd0e0f08eab7690d2a6ee69' },
  fetch: stubFetch,
  deprecationWarning: false,
});
// Drift configured: sampleRate 0 samples nothing (what an enabled option costs on every call); sampleRate 1 checks
// every answer, so that variant waits a task per call to let its check run inside the measured round.
const noDrift = () => undefined;
const sampledNone = createTargetGroupsClient({
  baseUrl,
  auth: { type: 'basic', username: 'store.till', passwordMd5: '5ebe2294ecd0e0f08eab7690d2a6ee69' },
  fetch: stubFetch,
  deprecationWarning: false,
  drift: { sampleRate: 0, onDrift: noDrift },
});
let checked = 0;
const sampledAll = createTargetGroupsClient({
  baseUrl,
  auth: { type: 'basic', username: 'store.till', passwordMd5: '5ebe2294ecd0e0f08eab7690d2a6ee69' },
  fetch: stubFetch,
  deprecationWarning: false,
  // capture runs just before each check: it counts the answers the monitor took up.
  drift: { sampleRate: 1, onDrift: noDrift, capture: () => void checked++ },
});
// The monitor checks in a setImmediate task queued before this one, so the check has run when this resolves.
const nextTask = () => new Promise((resolve) => setImmediate(resolve));

const bare = createClient({
  baseUrl,
  fetch: stubFetch,
  headers: { Authorization: authorization, Accept: 'application/json' },
});

const variants = {
  'getTargetGroups (this client)': async () => {
    const data = await client.getTargetGroups(userId, { includeInactiveTargets: true });
    if (data.userId !== userId) throw new Error('wrong body');
  },
  'drift: sampleRate 0': async () => {
    const data = await sampledNone.getTargetGroups(userId, { includeInactiveTargets: true });
    if (data.userId !== userId) throw new Error('wrong body');
  },
  'drift: sampleRate 1 (validated)': async () => {
    const data = await sampledAll.getTargetGroups(userId, { includeInactiveTargets: true });
    if (data.userId !== userId) throw new Error('wrong body');
    await nextTask();
  },
  'bare openapi-fetch GET': async () => {
    const { data } = await bare.GET('/v3/users/{userId}/targetGroups', {
      params: { path: { userId }, query: { includeInactiveTargets: true } },
    });
    if (data.data.userId !== userId) throw new Error('wrong body');
  },
  'fetch + JSON.parse by hand': async () => {
    const response = await stubFetch(`${baseUrl}/v3/users/${userId}/targetGroups?includeInactiveTargets=true`, {
      headers: { Authorization: authorization, Accept: 'application/json' },
    });
    const parsed = JSON.parse(await response.text());
    if (parsed.data.userId !== userId) throw new Error('wrong body');
  },
};

/** Calls per wall-clock second and per CPU second (the latter is steadier on a shared, busy machine). */
async function rate(fn, ms) {
  let calls = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const end = start + ms;
  while (performance.now() < end) {
    for (let i = 0; i < 10; i++) await fn();
    calls += 10;
  }
  const cpu = process.cpuUsage(cpu0);
  return { wall: calls / ((performance.now() - start) / 1000), cpu: calls / ((cpu.user + cpu.system) / 1e6) };
}

const ROUNDS = 7;
const ROUND_MS = 1000;
for (const fn of Object.values(variants)) await rate(fn, 500); // warm-up
const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
// Interleaved rounds so that drift of the machine hits every variant alike; medians are reported.
for (let r = 0; r < ROUNDS; r++)
  for (const [name, fn] of Object.entries(variants)) samples[name].push(await rate(fn, ROUND_MS));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(
  `getTargetGroups against a stubbed fetch returning a ${Buffer.byteLength(body)}-byte seed body; median of ${ROUNDS} interleaved ${ROUND_MS} ms rounds, Node ${process.version}:`,
);
console.log(`  ${''.padEnd(32)} ${'calls/s'.padStart(9)} ${'calls/CPU-s'.padStart(12)}`);
for (const [name, xs] of Object.entries(samples)) {
  console.log(
    `  ${name.padEnd(32)} ${Math.round(median(xs.map((x) => x.wall)))
      .toString()
      .padStart(9)} ${Math.round(median(xs.map((x) => x.cpu)))
      .toString()
      .padStart(12)}`,
  );
}
// Per-round ratios: both variants of a round ran within two seconds of each other, so machine drift cancels out.
const ratio = (key) =>
  median(samples['getTargetGroups (this client)'].map((v, i) => v[key] / samples['bare openapi-fetch GET'][i][key]));
const wallRatio = ratio('wall');
const cpuRatio = ratio('cpu');
console.log(
  `  client / bare openapi-fetch: ${wallRatio.toFixed(2)}x per second, ${cpuRatio.toFixed(2)}x per CPU second (target >= 0.80x) ${cpuRatio >= 0.8 ? 'OK' : 'BELOW TARGET'}`,
);
if (Math.min(wallRatio, cpuRatio) < 0.8)
  console.log('  (the two disagree: the machine is busy; the CPU-second figure is the steadier one)');
const against = (name, key) =>
  median(samples[name].map((v, i) => v[key] / samples['getTargetGroups (this client)'][i][key]));
const offCost = against('drift: sampleRate 0', 'cpu');
// Two runs of one variant differ by a few percent on a shared machine: within 5% is "no measurable cost".
console.log(
  `  drift configured, sampleRate 0 / drift off: ${offCost.toFixed(2)}x per CPU second (target: no measurable cost, >= 0.95x) ${offCost >= 0.95 ? 'OK' : 'BELOW TARGET'}`,
);
const validated = samples['drift: sampleRate 1 (validated)'];
console.log(
  `  sampleRate 1: ${Math.round(median(validated.map((x) => x.wall)))} answers validated per second (${Math.round(median(validated.map((x) => x.cpu)))} per CPU second), check included; ${checked} checks run`,
);

// The budget is checked by size-limit (the same run as `pnpm lint`): esbuild bundle with every dependency, minified,
// gzip level 9. openapi-fetch alone is bundled the same way for comparison.
// size-limit exits 1 when a check is over its budget; its JSON says which, and is printed below either way.
const sizeLimitJson = () => {
  try {
    return execFileSync(path.join(packageDir, 'node_modules/.bin/size-limit'), ['--json'], {
      cwd: packageDir,
      encoding: 'utf8',
    });
  } catch (error) {
    if (error.stdout) return error.stdout;
    throw error;
  }
};
const sizeLimit = JSON.parse(sizeLimitJson());
const esbuild = await import(createRequire(require.resolve('tsup')).resolve('esbuild'));
const fetchOnly = await esbuild.build({
  entryPoints: [require.resolve('openapi-fetch').replace(/index\.cjs$/, 'index.mjs')],
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
});
const kb = (n) => `${(n / 1000).toFixed(2)} kB`;
console.log('size, min+gzip, everything bundled (size-limit):');
for (const check of sizeLimit) {
  console.log(
    `  ${check.name.padEnd(80)} ${kb(check.size)} (limit ${kb(check.sizeLimit)}) ${check.passed ? 'OK' : 'OVER BUDGET'}`,
  );
}
// The main entry's target is 6 kB; size-limit holds the measured size so that it cannot grow unnoticed meanwhile.
const MAIN_TARGET = 6000;
const main = sizeLimit[0];
console.log(
  `  ${'main entry against its 6 kB target'.padEnd(80)} ${kb(main.size)} (target ${kb(MAIN_TARGET)}) ${main.size <= MAIN_TARGET ? 'OK' : 'OVER TARGET'}`,
);
console.log(
  `  ${'openapi-fetch 0.17.0 alone, for comparison'.padEnd(80)} ${kb(gzipSync(fetchOnly.outputFiles[0].contents, { level: 9 }).length)}`,
);
