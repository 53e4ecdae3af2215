// propose and check side by side: `propose` over 100,000 bodies against `check` on the same NDJSON (target: within
// 2x of check's time), `propose` on one body with 100,000 new property names against `check` on it (target: within
// 10x), and `check` against Redocly CLI's `redocly drift` on the same 5,000-entry HAR (bodies per second, both). Every tool runs in a child process (pinned to one CPU when `taskset` exists); each figure is the
// faster of two runs, with the start-up time of a one-body input subtracted.
import { copyFileSync, createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedFixtures } from '@target-groups/spec';
import { cli, measured, pinning } from './harness.mjs';

const require = createRequire(import.meta.url);
const specDir = path.dirname(require.resolve('@target-groups/spec/package.json'));
const redocly = path.join(
  path.dirname(require.resolve('@redocly/cli/package.json', { paths: [specDir] })),
  'bin',
  'cli.js',
);
const seedBodies = seedFixtures().map((f) => f.value);
const seedLines = seedBodies.map((b) => JSON.stringify(b));

// One body in a hundred drifts the way the vendor's bodies do: a null, a new property, a new open-enum value.
const driftedLine = (() => {
  const body = structuredClone(seedBodies.find((b) => b.data?.userId === 566881933));
  const target = body.data.targetGroups[0].targets[0];
  target.eventName = null;
  target.reward = { points: 250, expiresOn: '2026-01-31' };
  body.data.targetGroups[0].trackingType = 'QUARTERLY';
  return JSON.stringify(body);
})();

const work = mkdtempSync(path.join(tmpdir(), 'contract-propose-bench-'));
const spec = path.join(work, 'targetGroups.yaml');
copyFileSync(path.join(specDir, 'targetGroups.yaml'), spec);

async function writeLines(file, count, line, head = '', tail = '') {
  const out = createWriteStream(file);
  out.write(head);
  for (let i = 0; i < count; i++) {
    if (!out.write(line(i))) await once(out, 'drain');
  }
  out.write(tail);
  out.end();
  await once(out, 'finish');
  return file;
}

const ndjson = (name, count) =>
  writeLines(
    path.join(work, name),
    count,
    (i) => `${i % 100 === 99 ? driftedLine : seedLines[i % seedLines.length]}\n`,
  );

const entry = (i) =>
  JSON.stringify({
    startedDateTime: '2026-01-01T00:00:00.000Z',
    time: 12,
    request: {
      method: 'GET',
      url: `https://eu.api.capillarytech.com/v3/users/${566881933 + (i % 50)}/targetGroups`,
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'Accept', value: 'application/json' }],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      headers: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'X-Cap-Requestid', value: `req-${i}` },
      ],
      cookies: [],
      content: { size: -1, mimeType: 'application/json', text: seedLines[i % seedLines.length] },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 12, receive: 0 },
  });
const har = (name, count) =>
  writeLines(
    path.join(work, name),
    count,
    (i) => `${i > 0 ? ',' : ''}${entry(i)}`,
    '{"log":{"version":"1.2","creator":{"name":"bench","version":"1"},"entries":[',
    ']}}\n',
  );

/** Runs a Node program under measure.mjs; `ok` says which exit codes mean it did its job. */
function timed(label, script, args, ok, env = {}) {
  const { child, usage } = measured(script, args, {
    maxBuffer: 256 * 1024 * 1024,
    cwd: work,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1', ...env },
  });
  if (!ok.includes(child.status) || !usage) {
    console.error(
      `bench: ${label} failed (exit ${child.status})\n${child.stdout.slice(0, 2000)}\n${child.stderr.slice(0, 2000)}`,
    );
    process.exit(1);
  }
  return { ...usage, stdout: child.stdout };
}
const best = (run) => {
  const [a, b] = [run(), run()];
  return a.wallMs <= b.wallMs ? a : b;
};
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const rate = (r, base, n) => n / ((r.wallMs - base.wallMs) / 1000);

try {
  console.log(`propose bench (node ${process.version}, ${pinning})`);
  const one = await ndjson('one.ndjson', 1);
  const many = await ndjson('bodies-100k.ndjson', 100_000);
  const check = (file) => () => timed('check', cli, ['check', '--quiet', file], [0, 1]);
  const propose = (file) => () => timed('propose', cli, ['propose', '--spec', spec, file], [0, 1]);
  const checkBase = best(check(one));
  const proposeBase = best(propose(one));
  const checkRun = best(check(many));
  const proposeRun = best(propose(many));
  const checkMs = checkRun.wallMs - checkBase.wallMs;
  const proposeMs = proposeRun.wallMs - proposeBase.wallMs;
  const ratio = proposeMs / checkMs;
  console.log('');
  console.log('propose vs check, 100,000 bodies (1 in 100 drifted), NDJSON; start-up subtracted');
  console.log(`  check:   ${fmt(checkMs)} ms (${fmt(rate(checkRun, checkBase, 100_000))} bodies/s)`);
  console.log(`  propose: ${fmt(proposeMs)} ms (${fmt(rate(proposeRun, proposeBase, 100_000))} bodies/s)`);
  console.log(`  propose / check: ${ratio.toFixed(2)}x (target at most 2x: ${ratio <= 2 ? 'met' : 'NOT met'})`);
  const proposed = /^Proposed (\d+) changes/m.exec(proposeRun.stdout);
  console.log(`  proposal: ${proposed ? `${proposed[1]} changes` : '(none)'}`);

  // One body whose first target carries 100,000 property names the contract does not declare.
  const wide = path.join(work, 'names-100k.json');
  const wideBody = structuredClone(seedBodies.find((b) => b.data?.userId === 566881933));
  for (let i = 0; i < 100_000; i++) wideBody.data.targetGroups[0].targets[0][`field${i}`] = i % 3 === 0 ? `v${i}` : i;
  writeFileSync(wide, JSON.stringify(wideBody));
  const wideCheck = best(() => timed('check (100,000 names)', cli, ['check', '--quiet', wide], [0, 1]));
  const wideSpec = path.join(work, 'wide.yaml');
  const wideRun = best(() => {
    copyFileSync(spec, wideSpec);
    return timed('propose --write (100,000 names)', cli, ['propose', '--spec', wideSpec, '--write', wide], [1]);
  });
  const wideRatio = wideRun.wallMs / wideCheck.wallMs;
  console.log('');
  console.log('propose --write vs check, one body with 100,000 new property names in one object; whole runs');
  console.log(`  check:   ${fmt(wideCheck.wallMs)} ms (peak RSS ${fmt(wideCheck.maxRssKb / 1024)} MiB)`);
  console.log(`  propose: ${fmt(wideRun.wallMs)} ms (peak RSS ${fmt(wideRun.maxRssKb / 1024)} MiB)`);
  console.log(
    `  propose / check: ${wideRatio.toFixed(2)}x (target at most 10x: ${wideRatio <= 10 ? 'met' : 'NOT met'})`,
  );
  const wrote = /^Wrote (\d+ changes?)/m.exec(wideRun.stdout);
  const bound = /^ {2}note: (.*more than the \d+ propose declares one by one.*)$/m.exec(wideRun.stdout);
  console.log(`  proposal: ${wrote ? wrote[1] : '(none)'}${bound ? `; ${bound[1]}` : ''}`);

  const harOne = await har('one.har', 1);
  const harMany = await har('capture-5k.har', 5000);
  const ourCheck = (file) => () => timed('check (HAR)', cli, ['check', '--quiet', file], [0, 1]);
  const drift = (file) => () =>
    timed(
      'redocly drift',
      redocly,
      ['drift', file, '--api', spec, '--format', 'json', '-o', path.join(work, 'drift.json')],
      [0, 1],
    );
  const ourBase = best(ourCheck(harOne));
  const driftBase = best(drift(harOne));
  const ours = best(ourCheck(harMany));
  const theirs = best(drift(harMany));
  const ourRate = rate(ours, ourBase, 5000);
  const theirRate = rate(theirs, driftBase, 5000);
  console.log('');
  console.log('check vs redocly drift (Redocly CLI 2.77.0), the same 5,000-entry HAR; start-up subtracted');
  console.log(`  target-groups-contract check: ${fmt(ourRate)} bodies/s (start-up ${fmt(ourBase.wallMs)} ms)`);
  console.log(`  redocly drift:                ${fmt(theirRate)} bodies/s (start-up ${fmt(driftBase.wallMs)} ms)`);
  // On a busy machine a run can end up no slower than its one-body start-up: then there is no rate to compare.
  if (!(ourRate > 0 && theirRate > 0))
    console.log(
      '  check / drift: not measured (a run was no slower than its start-up: the machine is busy; run again)',
    );
  else
    console.log(
      `  check / drift: ${(ourRate / theirRate).toFixed(2)}x (target: keep the lead, above 1x: ${ourRate > theirRate ? 'met' : 'NOT met'})`,
    );
} finally {
  rmSync(work, { recursive: true, force: true });
}
