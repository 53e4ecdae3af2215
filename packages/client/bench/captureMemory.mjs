// Peak RSS with a capture sink that never drains (issue: 356 MiB in 4 s before the monitor respected backpressure),
// beside the same run with no bound on pending capture (how the monitor worked before, run here with
// maxPendingCaptureBytes: Infinity) and with a sink that drains at once (the peer: what the rest of the process
// needs). Each run is a process of its own (bench/captureSink.mjs), 20,000 sampled answers of the seed body.
// Target: the stalled run's peak within 8 MiB of pending capture and 8 MiB of slack of the draining run's.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const CALLS = 20_000;
const MiB = 1024 * 1024;

export function captureMemory(bodyFile) {
  const run = (mode) =>
    JSON.parse(
      execFileSync(process.execPath, [path.join(benchDir, 'captureSink.mjs'), mode, String(CALLS), bodyFile], {
        encoding: 'utf8',
      }),
    );
  const runs = { 'sink that drains (peer)': run('draining'), 'sink that never drains': run('stalled') };
  runs['never drains, no bound (before)'] = run('unbounded');
  const mib = (kb) => `${((kb * 1024) / MiB).toFixed(1)} MiB`;
  console.log(`capture memory: ${CALLS} sampled answers, peak RSS of a process each (Node ${process.version}):`);
  for (const [name, r] of Object.entries(runs))
    console.log(
      `  ${name.padEnd(34)} peak RSS ${mib(r.maxRssKb).padStart(10)}, pending ${(r.pendingBytes / MiB).toFixed(1).padStart(6)} MiB, ${String(r.dropped).padStart(6)} dropped, ${r.seconds.toFixed(1)} s`,
    );
  const peer = runs['sink that drains (peer)'].maxRssKb * 1024;
  const stalled = runs['sink that never drains'].maxRssKb * 1024;
  const target = peer + 16 * MiB;
  console.log(
    `  never drains: peak RSS ${(stalled / MiB).toFixed(1)} MiB (target <= ${(target / MiB).toFixed(1)} MiB: the peer's + 8 MiB pending + 8 MiB slack) ${stalled <= target ? 'OK' : 'OVER TARGET'}`,
  );
  return { stalled, peer };
}
