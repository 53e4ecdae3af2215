// Calls per second of getTargetGroups beside bare openapi-fetch, in one run, two ways: against a stubbed `fetch`
// that hands back one of the vendor's real bodies (what the client itself costs: nothing else is measured), and over
// HTTP to a server on 127.0.0.1 (what a call costs once a socket is involved). Interleaved rounds, medians of
// per-round ratios, per wall and per CPU second (the steadier on a shared, busy machine).
// Targets: getTargetGroups >= 0.90x bare openapi-fetch per CPU second; drift configured with sampleRate 0 costs
// nothing measurable (>= 0.95x of drift off).
import { createServer } from 'node:http';
import createClient from 'openapi-fetch';
import { createTargetGroupsClient } from '../dist/index.js';

const userId = 566881933;
const PATH = '/v3/users/{userId}/targetGroups';
const AUTH = { type: 'basic', username: 'store.till', passwordMd5: '5ebe2294ecd0e0f08eab7690d2a6ee69' };
const AUTHORIZATION = `Basic ${Buffer.from(`store.till:${AUTH.passwordMd5}`).toString('base64')}`;
// Bare openapi-fetch sends the same request as the client: the same three headers.
const USER_AGENT = 'perf-bench/1.0';
const HEADERS = { Authorization: AUTHORIZATION, Accept: 'application/json', 'User-Agent': USER_AGENT };

/** Calls per wall-clock second and per CPU second of `fn` for `ms`. */
async function rate(fn, ms) {
  let calls = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 10; i++) await fn();
    calls += 10;
  }
  const cpu = process.cpuUsage(cpu0);
  return { wall: calls / ((performance.now() - start) / 1000), cpu: calls / ((cpu.user + cpu.system) / 1e6) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n) => Math.round(n).toString();

/** Runs `variants` in interleaved rounds; returns each one's samples. */
async function measure(variants, rounds, roundMs) {
  for (const fn of Object.values(variants)) await rate(fn, roundMs / 2); // warm-up
  const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let r = 0; r < rounds; r++)
    for (const [name, fn] of Object.entries(variants)) samples[name].push(await rate(fn, roundMs));
  return samples;
}

function print(samples) {
  console.log(`  ${''.padEnd(44)} ${'calls/s'.padStart(9)} ${'calls/CPU-s'.padStart(12)}`);
  for (const [name, xs] of Object.entries(samples))
    console.log(
      `  ${name.padEnd(44)} ${fmt(median(xs.map((x) => x.wall))).padStart(9)} ${fmt(median(xs.map((x) => x.cpu))).padStart(12)}`,
    );
}

/** Median over rounds of `a`'s rate / `b`'s, per `key` (both ran within a second of each other in each round). */
const ratio = (samples, a, b, key) => median(samples[a].map((x, i) => x[key] / samples[b][i][key]));

function verdict(samples, label, target) {
  const wall = ratio(samples, 'getTargetGroups (this client)', 'bare openapi-fetch GET', 'wall');
  const cpu = ratio(samples, 'getTargetGroups (this client)', 'bare openapi-fetch GET', 'cpu');
  console.log(
    `  ${label}: client / bare openapi-fetch ${wall.toFixed(2)}x per second, ${cpu.toFixed(2)}x per CPU second (target >= ${target.toFixed(2)}x) ${cpu >= target ? 'OK' : 'BELOW TARGET'}`,
  );
  return cpu;
}

export async function perCall(body) {
  const baseUrl = 'https://eu.api.capillarytech.com';
  const responseHeaders = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
  const stubFetch = async () => new Response(body, { status: 200, headers: responseHeaders });
  const ours = (extra) =>
    createTargetGroupsClient({ baseUrl, auth: AUTH, userAgent: USER_AGENT, deprecationWarning: false, ...extra });
  const bareClient = (options) => createClient({ headers: HEADERS, ...options });
  const client = ours({ fetch: stubFetch });
  const sampledNone = ours({ fetch: stubFetch, drift: { sampleRate: 0, onDrift: () => undefined } });
  let checked = 0;
  // capture runs just before each check: it counts the answers the monitor took up.
  const sampledAll = ours({
    fetch: stubFetch,
    drift: { sampleRate: 1, onDrift: () => undefined, capture: () => void checked++ },
  });
  const bare = bareClient({ baseUrl, fetch: stubFetch });
  const params = { params: { path: { userId }, query: { includeInactiveTargets: true } } };
  const same = (data) => {
    if (data.userId !== userId) throw new Error('wrong body');
  };

  const stubbed = await measure(
    {
      'getTargetGroups (this client)': async () =>
        same(await client.getTargetGroups(userId, { includeInactiveTargets: true })),
      'drift: sampleRate 0': async () =>
        same(await sampledNone.getTargetGroups(userId, { includeInactiveTargets: true })),
      'drift: sampleRate 1 (validated, flushed)': async () => {
        same(await sampledAll.getTargetGroups(userId, { includeInactiveTargets: true }));
        await sampledAll.drift.flush();
      },
      "this client's GET (openapi-fetch's own)": async () => same((await client.GET(PATH, params)).data.data),
      'bare openapi-fetch GET': async () => same((await bare.GET(PATH, params)).data.data),
      'fetch + JSON.parse by hand': async () => {
        const response = await stubFetch(`${baseUrl}/v3/users/${userId}/targetGroups?includeInactiveTargets=true`, {
          headers: HEADERS,
        });
        same(JSON.parse(await response.text()).data);
      },
    },
    7,
    1000,
  );
  console.log(
    `per call against a stubbed fetch returning a ${Buffer.byteLength(body)}-byte seed body; median of 7 interleaved 1000 ms rounds, Node ${process.version}:`,
  );
  print(stubbed);
  const stubRatio = verdict(stubbed, 'stubbed fetch (the client alone)', 0.9);
  const offCost = ratio(stubbed, 'drift: sampleRate 0', 'getTargetGroups (this client)', 'cpu');
  console.log(
    `  drift configured, sampleRate 0 / drift off: ${offCost.toFixed(2)}x per CPU second (target: no measurable cost, >= 0.95x) ${offCost >= 0.95 ? 'OK' : 'BELOW TARGET'}`,
  );
  const validated = stubbed['drift: sampleRate 1 (validated, flushed)'];
  console.log(
    `  sampleRate 1: ${fmt(median(validated.map((x) => x.wall)))} answers validated per second (${fmt(median(validated.map((x) => x.cpu)))} per CPU second), check and flush included; ${checked} checks run`,
  );

  // Over HTTP: a server in this process answers every request with the same body.
  const server = createServer((_req, res) => res.writeHead(200, responseHeaders).end(body));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const local = `http://127.0.0.1:${server.address().port}`;
  const overHttp = ours({ baseUrl: local });
  const bareHttp = bareClient({ baseUrl: local });
  const http = await measure(
    {
      'getTargetGroups (this client)': async () =>
        same(await overHttp.getTargetGroups(userId, { includeInactiveTargets: true })),
      'bare openapi-fetch GET': async () => same((await bareHttp.GET(PATH, params)).data.data),
    },
    9,
    1000,
  );
  await new Promise((resolve) => server.close(resolve));
  console.log('per call over HTTP to a server on 127.0.0.1 (in this process); median of 9 interleaved 1000 ms rounds:');
  print(http);
  const httpRatio = verdict(http, 'over HTTP', 0.9);
  return { stubRatio, httpRatio, offCost };
}
