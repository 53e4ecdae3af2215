// The built-in contract's validator, compiled at build time (what createValidator() returns, and the client's drift
// monitor loads), beside the same contract compiled by Ajv at run time (createValidator(spec): how the default
// validator worked before it was compiled ahead of time, and what a spec given with --spec still gets). Both from
// dist, in one run:
// - first check: a new validator's first verdict, compilation included (ahead of time there is none left to do);
// - checks per second on the seed bodies (conforming) and on a drifted copy of each (every kind of finding), median
//   of interleaved rounds, per wall and per CPU second.
// Targets: the first check at least 10x sooner ahead of time; throughput no lower than compiled at run time (>= 0.95x,
// the noise of two runs of one variant on a shared machine).
import { loadSpec, seedFixtures } from '@target-groups/spec';
import { createValidator } from '../dist/index.js';
import { createPrecompiledValidator } from '../dist/precompiled.js';

const spec = await loadSpec();
const seeds = seedFixtures().map((fixture) => fixture.text);
const drifted = seedFixtures().map((fixture) => {
  const body = structuredClone(fixture.value);
  for (const group of body.data.targetGroups) {
    Object.assign(group, { loyaltyTier: 'GOLD', targetEvaluationType: 'ROLLING_WINDOW' });
    group.name = null;
  }
  return JSON.stringify(body);
});

const aheadOfTime = () => createPrecompiledValidator({ maxDepth: 1000 });
const atRunTime = () => createValidator(spec);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n) => Math.round(n).toLocaleString('en-US');

// First check: a fresh validator each time (the shared one would hide the compilation), median of 15.
const firstCheck = (create) => {
  const times = [];
  for (let i = 0; i < 15; i++) {
    const started = performance.now();
    create().validateText(drifted[0]);
    times.push(performance.now() - started);
  }
  return median(times);
};
const firstAhead = firstCheck(aheadOfTime);
const firstRunTime = firstCheck(atRunTime);

/** Checks per wall and per CPU second of `validator` over `texts` for `ms`. */
function rate(validator, texts, ms) {
  let checks = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (const text of texts) validator.validateText(text);
    checks += texts.length;
  }
  const cpu = process.cpuUsage(cpu0);
  return { wall: checks / ((performance.now() - start) / 1000), cpu: checks / ((cpu.user + cpu.system) / 1e6) };
}

const validators = { 'compiled ahead of time': aheadOfTime(), 'compiled at run time (before)': atRunTime() };
const inputs = { conforming: seeds, drifted };
for (const validator of Object.values(validators))
  for (const texts of Object.values(inputs)) rate(validator, texts, 300);
const ROUNDS = 7;
const samples = Object.fromEntries(
  Object.keys(inputs).flatMap((input) => Object.keys(validators).map((name) => [`${input}: ${name}`, []])),
);
for (let round = 0; round < ROUNDS; round++)
  for (const [input, texts] of Object.entries(inputs))
    for (const [name, validator] of Object.entries(validators))
      samples[`${input}: ${name}`].push(rate(validator, texts, 500));

console.log(
  `contract check, library validateText on ${seeds.length} seed bodies and a drifted copy of each; median of ${ROUNDS} interleaved 500 ms rounds, Node ${process.version}:`,
);
console.log(`  ${''.padEnd(48)} ${'checks/s'.padStart(9)} ${'checks/CPU-s'.padStart(13)}`);
for (const [name, xs] of Object.entries(samples))
  console.log(
    `  ${name.padEnd(48)} ${fmt(median(xs.map((x) => x.wall))).padStart(9)} ${fmt(median(xs.map((x) => x.cpu))).padStart(13)}`,
  );
for (const input of Object.keys(inputs)) {
  const ratio = median(
    samples[`${input}: compiled ahead of time`].map(
      (x, i) => x.cpu / samples[`${input}: compiled at run time (before)`][i].cpu,
    ),
  );
  console.log(
    `  ${input}: ahead of time / at run time ${ratio.toFixed(2)}x per CPU second (target >= 0.95x) ${ratio >= 0.95 ? 'OK' : 'BELOW TARGET'}`,
  );
}
const sooner = firstRunTime / firstAhead;
console.log(
  `  first check of a new validator: ${firstAhead.toFixed(2)} ms ahead of time, ${firstRunTime.toFixed(1)} ms compiled at run time (before): ${sooner.toFixed(0)}x sooner (target >= 10x) ${sooner >= 10 ? 'OK' : 'BELOW TARGET'}`,
);
