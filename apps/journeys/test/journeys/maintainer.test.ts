// The maintainer's journeys: every README block annotated `<!-- journey: maintainer -->`, run as written in a clean
// clone of the repository (cleanClone.ts), in README order, the clone reset between them. The quick start runs as
// a reader runs it: set up, `pnpm start` until its ready block, the curl it prints, Ctrl-C, both ports free again.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type ScenarioServer, startScenarioServer } from '@target-groups/mock/scenarios';
import { freedWithin, freePort } from '@target-groups/spec/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { allBlocks } from './blocks.js';
import { type CleanClone, cleanClone } from './cleanClone.js';
import { journeysOf, type Journey } from './journeys.js';
import { VENDOR_ACCOUNT } from './inputs.js';
import { MAINTAINER_CHECKS, type MaintainerContext } from './maintainerChecks.js';
import { type Ran, runShell, transcript } from './run.js';

const journeys = journeysOf(
  allBlocks().filter(
    (block) => block.annotation && 'kind' in block.annotation && block.annotation.kind === 'maintainer',
  ),
);
const checkOf = (journey: Journey) => MAINTAINER_CHECKS[journey.key] ?? {};
const code = (journey: Journey) => journey.files['journey.sh']!;

let clone: CleanClone;
let vendor: ScenarioServer;
let context: MaintainerContext;
beforeAll(async () => {
  vendor = await startScenarioServer({ drifts: true, credentials: VENDOR_ACCOUNT });
  clone = cleanClone();
  // setup.sh's `pnpm` command goes to the clone's bin folder, first on PATH; the forge's CLI is not ours to run: a
  // `gh` that writes down what it was asked.
  Object.assign(clone.env, { TARGET_GROUPS_BIN_DIR: clone.bin });
  writeFileSync(path.join(clone.bin, 'gh'), `#!/bin/sh\nprintf '%s\\n' "$@" > "$GH_ARGS"\n`);
  chmodSync(path.join(clone.bin, 'gh'), 0o755);
  context = { clone, vendor };
}, 120_000);
afterAll(async () => {
  await vendor?.close();
  clone?.remove();
});

async function runJourney(journey: Journey, text = code(journey)): Promise<Ran> {
  const check = checkOf(journey);
  for (const [name, content] of Object.entries(check.files?.() ?? {})) {
    mkdirSync(path.dirname(path.join(clone.dir, name)), { recursive: true });
    writeFileSync(path.join(clone.dir, name), content);
  }
  const env = { ...clone.env, ...check.env?.(context) };
  return runShell(text, { cwd: clone.dir, env, timeoutMs: 600_000 });
}

async function expectRan(journey: Journey, ran: Ran) {
  const check = checkOf(journey);
  expect(ran.code, transcript(ran)).toBe(check.exitCode ?? 0);
  await check.shows?.(ran, context);
}

/** Output of a serving journey until `done` says it is complete, or an error when it exits first. */
function outputUntil(child: ChildProcess, output: () => string, done: (text: string) => boolean, ms: number) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in ${ms} ms:\n${output()}`)), ms);
    const look = () => {
      if (!done(output())) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout!.on('data', look);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code ?? signal}) before it was ready:\n${output()}`));
    });
  });
}

test('every check names a maintainer journey, and a journey serves the blocks that need a mock', () => {
  expect(Object.keys(MAINTAINER_CHECKS).filter((key) => !journeys.some((j) => j.key === key))).toEqual([]);
  if (journeys.some((j) => checkOf(j).whileServing)) expect(journeys.filter((j) => checkOf(j).serves)).toHaveLength(1);
});

describe.each(journeys.filter((j) => !checkOf(j).whileServing).map((j) => [j.title, j] as const))(
  '%s',
  (_t, journey) => {
    test('runs as written in a clean clone', { timeout: 900_000 }, async () => {
      clone.reset();
      if (!checkOf(journey).serves) return expectRan(journey, await runJourney(journey));

      const ports = { DOCS_PORT: await freePort(), MOCK_PORT: await freePort() };
      Object.assign(clone.env, { DOCS_PORT: String(ports.DOCS_PORT), MOCK_PORT: String(ports.MOCK_PORT) });
      const child = spawn('bash', ['-c', code(journey)], { cwd: clone.dir, env: clone.env, detached: true });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (status) => resolve(status)));
      const output = () => `--- stdout\n${stdout}\n--- stderr\n${stderr}`;
      try {
        await outputUntil(child, output, (text) => /^Try:\n\s+curl .+\n/m.test(text), 600_000);
        expect(stdout).toContain(`http://127.0.0.1:${ports.DOCS_PORT}/`);
        // The curl it prints answers as printed: the user its URL names.
        const curl = /^Try:\n\s+(curl .+)\n/m.exec(stdout)![1]!;
        const tried = await runShell(curl, { cwd: clone.dir, env: clone.env });
        expect(tried.code, transcript(tried)).toBe(0);
        expect(JSON.parse(tried.stdout).data.userId).toBe(Number(/users\/(\d+)\//.exec(curl)![1]));
        // The blocks that talk to the mock a reader has just started.
        for (const other of journeys.filter((j) => checkOf(j).whileServing)) {
          const text = code(other).replaceAll('127.0.0.1:4010', `127.0.0.1:${ports.MOCK_PORT}`);
          await expectRan(other, await runJourney(other, text));
        }
      } finally {
        // Ctrl-C: SIGINT to the foreground process group; what still runs 30 s later is killed (and fails the test).
        if (child.exitCode === null) process.kill(-child.pid!, 'SIGINT');
        const late = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 30_000);
        void exited.finally(() => clearTimeout(late));
      }
      expect(await exited, output()).toBe(0);
      expect(await freedWithin(ports.DOCS_PORT, 10_000)).toBe(true);
      expect(await freedWithin(ports.MOCK_PORT, 10_000)).toBe(true);
    });
  },
);
