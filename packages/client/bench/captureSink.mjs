// One run for bench/captureMemory.mjs, in a process of its own so that its peak RSS is its own: `calls` answers, every
// one sampled, captured to a sink that never drains (`stalled`), the same with no bound on pending capture
// (`unbounded`: the monitor before it respected backpressure), or a sink that drains at once (`draining`: the peer).
// Prints { maxRssKb, dropped, pendingBytes, seconds } as JSON.
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { createTargetGroupsClient } from '../dist/index.js';

const [mode, calls, bodyFile] = process.argv.slice(2);
const body = readFileSync(bodyFile, 'utf8');
const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
const sink = new Writable({
  write(_chunk, _encoding, done) {
    if (mode === 'draining') done();
  },
});
// Lines the sink took: the rest were dropped.
let taken = 0;
const write = sink.write.bind(sink);
sink.write = (...args) => {
  taken++;
  return write(...args);
};
const client = createTargetGroupsClient({
  baseUrl: 'https://eu.api.capillarytech.com',
  auth: { type: 'basic', username: 'store.till', passwordMd5: '5ebe2294ecd0e0f08eab7690d2a6ee69' },
  fetch: async () => new Response(body, { status: 200, headers }),
  deprecationWarning: false,
  drift: {
    sampleRate: 1,
    capture: sink,
    ...(mode === 'unbounded' && { maxPendingCaptureBytes: Number.POSITIVE_INFINITY }),
    onError: (error) => {
      if (error.name !== 'DriftCaptureOverflow') throw error;
    },
  },
});
const started = performance.now();
for (let i = 0; i < Number(calls); i++) {
  await client.getTargetGroups(566881933);
  // Every sample is taken up before the next call: a call rate the monitor keeps up with, so that what piles up is
  // the sink's, not the monitor's queue.
  if (i % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
}
await new Promise((resolve) => setTimeout(resolve, 100));
console.log(
  JSON.stringify({
    maxRssKb: process.resourceUsage().maxRSS,
    dropped: Number(calls) - taken,
    pendingBytes: sink.writableLength,
    seconds: (performance.now() - started) / 1000,
  }),
);
process.exit(0);
