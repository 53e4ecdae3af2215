// The scenario engine's drifted bodies judged by the contract check's CLI, a tool that shares none of the engine's
// code: the covering set leaves no null or absent branch of the answer's `data` unexercised (`check --coverage`),
// and forwardCompatible bodies are warnings only (exit 0), from a file or live over the HTTP face.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { coveringUserIds, createMockFetch, startScenarioServer } from '@target-groups/mock/scenarios';
import { loadSpec } from '@target-groups/spec';
import { expect, test } from 'vitest';
import { BASIC } from './support/helpers.js';

const spec = await loadSpec();

const CONTRACT_BIN = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@target-groups/contract/package.json')),
  'bin',
  'target-groups-contract.mjs',
);

/** `target-groups-contract check ARGS --format json` over bodies written as NDJSON: its parsed report. */
async function contractCheck(bodies: string[], args: string[]): Promise<any> {
  const dir = mkdtempSync(path.join(tmpdir(), 'scenario-check-'));
  try {
    const file = path.join(dir, 'bodies.ndjson');
    writeFileSync(file, `${bodies.join('\n')}\n`);
    const { stdout } = await promisify(execFile)(process.execPath, [
      CONTRACT_BIN,
      'check',
      ...args,
      '--format',
      'json',
      file,
    ]);
    return JSON.parse(stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function bodiesOf(userIds: number[], query = '') {
  const mock = createMockFetch({ defaultScenario: 'forwardCompatible' });
  const texts: string[] = [];
  for (const userId of userIds) {
    const answer = await mock(`https://eu.api.capillarytech.com/v3/users/${userId}/targetGroups${query}`, {
      headers: { authorization: BASIC },
    });
    expect(answer.status).toBe(200);
    texts.push(await answer.text());
  }
  return texts;
}

/** Components reachable from UserTargetGroups (the `data` a consumer reads), following `$ref`s. */
function reachable(name: string, seen = new Set<string>()): Set<string> {
  if (seen.has(name)) return seen;
  seen.add(name);
  const refs = JSON.stringify(spec.document.components.schemas[name]).matchAll(/"#\/components\/schemas\/([^"]+)"/g);
  for (const [, next] of refs) reachable(next!, seen);
  return seen;
}

test("`check --coverage` over the covering set's forwardCompatible bodies: no null or absent branch unexercised", async () => {
  const userIds = coveringUserIds();
  const { coverage } = await contractCheck(await bodiesOf(userIds), ['--coverage']);
  expect(coverage.bodies).toBe(userIds.length);
  const dataComponents = reachable('UserTargetGroups');
  const underData = (pointer: string) => dataComponents.has(/^\/components\/schemas\/([^/]+)/.exec(pointer)?.[1] ?? '');
  const branches = coverage.facts.filter(
    (f: any) => (f.kind === 'null' || f.kind === 'absent') && underData(f.pointer),
  );
  expect(branches.length).toBeGreaterThan(30);
  expect(branches.filter((f: any) => f.count === 0).map((f: any) => `${f.pointer} ${f.kind}`)).toEqual([]);
});

test('forwardCompatible bodies pass `target-groups-contract check` (exit 0, warnings reported)', async () => {
  const userIds = Array.from({ length: 200 }, (_, i) => i + 1);
  const report = await contractCheck(await bodiesOf(userIds, '?includeInactive=true'), ['--quiet']);
  expect(report.summary).toMatchObject({ bodies: 200, warningsOnly: 200, withErrors: 0, exitCode: 0 });
  expect(report.files.length).toBe(200);
  for (const body of report.files) {
    expect(body.violations.filter((v: any) => v.severity === 'error')).toEqual([]);
    expect(body.violations.length).toBeGreaterThan(0);
  }
});

test('`target-groups-contract check --live` over the HTTP face finds warnings and no errors in forwardCompatible answers', async () => {
  const server = await startScenarioServer({ defaultScenario: 'forwardCompatible' });
  try {
    const args = ['check', '--live', '--base-url', server.url, '--include-inactive', '--format', 'json', '--quiet'];
    for (const userId of [999, 1, 2, 3, 4, 5, 6, 7]) args.push('--user-id', String(userId));
    const { stdout } = await promisify(execFile)(process.execPath, [CONTRACT_BIN, ...args], {
      env: { ...process.env, CAPILLARY_USERNAME: 'store.till', CAPILLARY_PASSWORD: 'secret' },
    });
    const report = JSON.parse(stdout);
    expect(report.summary).toMatchObject({ bodies: 8, withErrors: 0, exitCode: 0 });
    expect(report.summary.warningsOnly).toBe(8);
  } finally {
    await server.close();
  }
});
