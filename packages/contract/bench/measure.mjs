// Runs the built CLI in this process and, when it exits, reports its own resource use on stderr as one JSON line
// (the bench reads it): wall time from process start, CPU time and peak resident memory.
import { performance } from 'node:perf_hooks';
import { writeSync } from 'node:fs';

const cli = process.argv[2];
process.argv.splice(2, 1);
process.on('exit', (code) => {
  const usage = process.resourceUsage();
  const line = {
    code,
    wallMs: performance.now(),
    userMs: usage.userCPUTime / 1000,
    systemMs: usage.systemCPUTime / 1000,
    maxRssKb: usage.maxRSS,
  };
  writeSync(2, `\nBENCH ${JSON.stringify(line)}\n`);
});
await import(cli);
