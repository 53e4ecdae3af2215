import { readFileSync } from 'node:fs';
import createClient from 'openapi-fetch';
import { createTargetGroupsFetch } from '../dist/index.js';
const body = readFileSync('/work/wt/client/spec/fixtures/seed/566881933.json', 'utf8');
const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
const stub = async () => new Response(body, { status: 200, headers });
class BR extends Response { #t; #a; #u = false; constructor(t, a) { super(); this.#t = t; this.#a = a; } get status() { return this.#a.status } get ok() { return this.#a.ok } get headers() { return this.#a.headers } async json() { this.#u = true; return JSON.parse(this.#t) } async text() { return this.#t } }
const mk = (fetch) => createClient({ baseUrl: 'https://x.test', fetch, headers: { Authorization: 'Basic x' } });
const set = new Set();
const V = {
  bare: mk(stub),
  W0_pass: mk(async (r) => stub(r)),
  W1_read: mk(async (r) => { const a = await stub(r); return new BR(await a.text(), a); }),
  W2_signal: mk(async (r) => { const c = new AbortController(); const a = await stub(r, { signal: c.signal, redirect: 'manual' }); return new BR(await a.text(), a); }),
  W3_call: mk(async (r) => { const c = new AbortController(); const o = { c, handleEvent() {} }; set.add(o); r.signal.addEventListener('abort', o); try { const a = await stub(r, { signal: c.signal, redirect: 'manual' }); return new BR(await a.text(), a); } finally { set.delete(o); r.signal.removeEventListener('abort', o); } }),
  W4_real: mk(createTargetGroupsFetch({ fetch: stub })),
};
const P = '/v3/users/{userId}/targetGroups';
const opts = { params: { path: { userId: 1 } } };
async function cpu(c, n) { const c0 = process.cpuUsage(); for (let i = 0; i < n; i++) await c.GET(P, opts); const u = process.cpuUsage(c0); return (u.user + u.system) / n; }
for (const c of Object.values(V)) await cpu(c, 5000);
const res = {};
for (let r = 0; r < 9; r++) for (const [k, c] of Object.entries(V)) (res[k] ??= []).push(await cpu(c, 6000));
for (const [k, v] of Object.entries(res)) console.log(k.padEnd(12), v.sort((a, b) => a - b)[4].toFixed(1), 'µs');
