// Contract check benchmark: bodies per second for the seed's bodies from an NDJSON file, and peak memory for NDJSON
// files of 10,000 and 100,000 bodies (flat memory means the two peaks are close). The CLI runs in a child process,
// pinned to one CPU when `taskset` exists.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.resolve(here, '..');
const cli = path.join(packageDir, 'dist', 'cli.js');
const measure = path.join(here, 'measure.mjs');
if (!existsSync(cli)) {
  console.error('bench: dist/cli.js is missing; run the build first');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const fixturesDir = path.join(path.dirname(require.resolve('@target-groups/spec/package.json')), 'fixtures', 'seed');
const seedLines = readdirSync(fixturesDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.stringify(JSON.parse(readFileSync(path.join(fixturesDir, f), 'utf8'))));

const work = mkdtempSync(path.join(tmpdir(), 'contract-bench-'));
const pin = existsSync('/usr/bin/taskset') ? ['/usr/bin/taskset', ['-c', '0']] : undefined;

async function writeNdjson(count) {
  const file = path.join(work, `seed-${count}.ndjson`);
  const out = createWriteStream(file);
  for (let i = 0; i < count; i++) {
    if (!out.write(`${seedLines[i % seedLines.length]}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return file;
}

function runCheck(file, nodeFlags = []) {
  const args = [...nodeFlags, measure, cli, 'check', '--quiet', file];
  const [command, prefix] = pin ? [pin[0], [...pin[1], process.execPath]] : [process.execPath, []];
  const child = spawnSync(command, [...prefix, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = child.stderr.split('\n').find((l) => l.startsWith('BENCH '));
  if (child.status !== 0 || !line) {
    console.error(`bench: the check failed (exit ${child.status})\n${child.stdout}\n${child.stderr}`);
    process.exit(1);
  }
  const summary = child.stdout.split('\n').find((l) => l.startsWith('Summary:'));
  return { ...JSON.parse(line.slice(6)), summary };
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const mb = (kb) => `${(kb / 1024).toFixed(1)} MiB`;

try {
  console.log(`contract check bench (node ${process.version}, ${pin ? 'pinned to CPU 0 with taskset' : 'not pinned'})`);
  console.log(
    `seed bodies: ${seedLines.length} (${fmt(seedLines.reduce((n, l) => n + l.length, 0) / seedLines.length)} bytes on average), repeated to fill each file`,
  );

  const small = await writeNdjson(1);
  const base = runCheck(small);

  const file10k = await writeNdjson(10_000);
  const file100k = await writeNdjson(100_000);
  // Two runs each: the machine may be shared, so the faster run is the better estimate of the check's own cost.
  const best = (a, b) => ({ ...(a.wallMs <= b.wallMs ? a : b), maxRssKb: Math.max(a.maxRssKb, b.maxRssKb) });
  const r10k = best(runCheck(file10k), runCheck(file10k));
  const r100k = best(runCheck(file100k), runCheck(file100k));

  const rate = (r, n) => n / ((r.wallMs - base.wallMs) / 1000);
  const cpuRate = (r, n) => n / ((r.userMs + r.systemMs - base.userMs - base.systemMs) / 1000);
  console.log('');
  console.log(`throughput (CLI: read NDJSON, parse, validate, report; start-up of ${fmt(base.wallMs)} ms subtracted)`);
  console.log(
    `  10,000 bodies  (${mb(statSync(file10k).size / 1024)}): ${fmt(rate(r10k, 10_000))} bodies/s wall, ${fmt(cpuRate(r10k, 10_000))} bodies/s per CPU second`,
  );
  console.log(
    `  100,000 bodies (${mb(statSync(file100k).size / 1024)}): ${fmt(rate(r100k, 100_000))} bodies/s wall, ${fmt(cpuRate(r100k, 100_000))} bodies/s per CPU second`,
  );
  const wall = rate(r100k, 100_000);
  const cpu = cpuRate(r100k, 100_000);
  const load = loadavg()[0].toFixed(1);
  console.log(
    `  target 20,000 bodies/s on one core: ${wall >= 20_000 ? 'met' : cpu >= 20_000 ? 'met per CPU second, not in wall time' : 'NOT met'} (load average ${load} on ${cpus().length} CPUs during the bench)`,
  );
  // The library alone (no file reading, no report): parse and validate each seed body's text.
  const { createValidator } = await import(path.join(packageDir, 'dist', 'index.js'));
  const validator = createValidator();
  let n = 0;
  for (; n < 5000; n++) validator.validateText(seedLines[n % seedLines.length]);
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let checked = 0;
  while (process.hrtime.bigint() - started < 2_000_000_000n) {
    for (let i = 0; i < 1000; i++, checked++) {
      if (validator.validateText(seedLines[checked % seedLines.length]).length > 0)
        throw new Error('a seed body failed the check');
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpuStart);
  console.log(
    `  library validateText (in process): ${fmt(checked / seconds)} bodies/s wall, ${fmt(checked / ((used.user + used.system) / 1e6))} bodies/s per CPU second`,
  );
  console.log('');
  console.log('peak memory (maxRSS of the CLI process)');
  console.log(`  1 body:         ${mb(base.maxRssKb)}`);
  console.log(`  10,000 bodies:  ${mb(r10k.maxRssKb)}`);
  console.log(
    `  100,000 bodies: ${mb(r100k.maxRssKb)}  (${(r100k.maxRssKb / r10k.maxRssKb).toFixed(2)}x the 10,000-body peak for 10x the input: ${r100k.maxRssKb < r10k.maxRssKb * 2 ? 'flat' : 'NOT flat'})`,
  );
  // Nothing accumulates per body: the whole 100,000-body file also goes through with the old heap capped at 32 MiB.
  const capped = runCheck(file100k, ['--max-old-space-size=32']);
  console.log(`  100,000 bodies with the V8 old heap capped at 32 MiB: completed, ${mb(capped.maxRssKb)} peak`);
  console.log('');
  console.log(`checked: ${r100k.summary ?? '(no summary)'}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
