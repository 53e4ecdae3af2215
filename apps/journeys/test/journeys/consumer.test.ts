// The consumer's journeys: every README block annotated `<!-- journey: consumer -->`, run as written in a project
// outside the workspace that installed the packed public packages with npm (consumerProject.ts), against a local
// fake vendor (the scenario engine's HTTP face) for the vendor's hosts. Each runs cleanly and shows what its README says (consumerChecks.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type ScenarioServer, startScenarioServer } from '@target-groups/mock/scenarios';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { allBlocks } from './blocks.js';
import { CONSUMER_CHECKS, type ConsumerContext } from './consumerChecks.js';
import { type ConsumerProject, consumerProject, publicPackages } from './consumerProject.js';
import { compileJourneys, runJourney, slug, unexpectedStderr } from './consumerRun.js';
import { VENDOR_ACCOUNT } from './inputs.js';
import { journeysOf } from './journeys.js';
import { packagingTests } from './packaging.js';
import { transcript } from './run.js';

const journeys = journeysOf(
  allBlocks().filter((block) => block.annotation && 'kind' in block.annotation && block.annotation.kind === 'consumer'),
);

let project: ConsumerProject;
let vendor: ScenarioServer;
let compiled: Map<string, string>;
beforeAll(async () => {
  vendor = await startScenarioServer({ drifts: true, credentials: VENDOR_ACCOUNT });
  project = await consumerProject();
  const settings = (key: string) => ({ files: CONSUMER_CHECKS[key]?.files?.() });
  compiled = await compileJourneys(
    journeys.map((journey) => ({ journey, settings: settings(journey.key) })),
    project,
  );
  Object.assign(project.env, {
    VENDOR_URL: vendor.url,
    TILL_PASSWORD: VENDOR_ACCOUNT.password,
    CAP_KEY: VENDOR_ACCOUNT.key,
    CAP_SECRET: VENDOR_ACCOUNT.secret,
  });
}, 900_000);
afterAll(async () => {
  await vendor?.close();
  project?.remove();
});

describe('the consumer project', () => {
  test('has every public package from its tarball, workspace:* rewritten to versions', () => {
    const installed = (name: string) =>
      JSON.parse(readFileSync(path.join(project.dir, 'node_modules', name, 'package.json'), 'utf8'));
    expect(Object.keys(project.tarballs).sort()).toEqual(
      publicPackages()
        .map((p) => p.name)
        .sort(),
    );
    for (const name of Object.keys(project.tarballs)) {
      const deps: Record<string, string> = installed(name).dependencies ?? {};
      for (const [dep, range] of Object.entries(deps)) expect(range, `${name} → ${dep}`).not.toMatch(/^workspace:/);
    }
    expect(installed('@target-groups/client').dependencies['@target-groups/types']).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('every check names a consumer journey', () => {
    expect(Object.keys(CONSUMER_CHECKS).filter((key) => !journeys.some((j) => j.key === key))).toEqual([]);
  });
});

// Two journeys at a time (the project's maxConcurrency), each against a fake vendor of its own: what it sent is what
// that vendor received.
describe.concurrent.each(journeys.map((journey) => [journey.title, journey] as const))('%s', (_title, journey) => {
  test('runs as written', { timeout: 180_000 }, async () => {
    const check = CONSUMER_CHECKS[journey.key] ?? {};
    const own = await startScenarioServer({ drifts: true, credentials: check.account ?? VENDOR_ACCOUNT });
    try {
      const env = { VENDOR_URL: own.url };
      const outcome = await runJourney(journey, project, {
        files: check.files?.(),
        env,
        compiled: compiled.get(journey.key),
      });
      expect(outcome.typeErrors, 'tsc').toBe('');
      if (journey.shape === 'suite') {
        expect(outcome.report, transcript(outcome.ran)).toBeDefined();
        expect(outcome.report!.numFailedTests, transcript(outcome.ran)).toBe(0);
        expect(outcome.report!.numPassedTests).toBe(outcome.report!.numTotalTests);
        expect(outcome.report!.numTotalTests).toBe(check.tests?.() ?? outcome.report!.numTotalTests);
        expect(outcome.report!.numTotalTests).toBeGreaterThan(0);
      } else {
        expect(outcome.ran.code, transcript(outcome.ran)).toBe(check.exitCode ?? 0);
        expect(unexpectedStderr(outcome.ran.stderr), transcript(outcome.ran)).toBe('');
      }
      const context: ConsumerContext = {
        project,
        vendor: own,
        sent: [...own.requests],
        rerun: (replace, settings = {}) => {
          const [name, code] = Object.entries(journey.files)[0]!;
          const changed = { ...journey, files: { ...journey.files, [name]: replace(code) } };
          const again = { files: check.files?.(), ...settings, env: { ...env, ...settings.env } };
          return runJourney(changed, project, again, `${slug(journey.key)}-changed`);
        },
      };
      await check.shows?.(outcome, context);
    } finally {
      await own.close();
    }
  });
});

packagingTests(
  () => ({ project, vendor }),
  () => journeys.filter((j) => j.shape === 'module' && j.blocks[0]!.readme === 'packages/client/README.md'),
);
