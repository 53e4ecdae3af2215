// What each consumer journey must show besides running cleanly (exit 0, nothing unexpected on standard error, a
// suite's every test passing): the README's claims, checked on what the journey printed and wrote. A journey with
// no entry here still runs; an entry whose journey is gone fails (consumer.test.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { coveringUserIds, type ScenarioServer } from '@target-groups/mock/scenarios';
import { specPath } from '@target-groups/spec';
import { expect } from 'vitest';
import { blocksUnder } from './blocks.js';
import type { ConsumerProject } from './consumerProject.js';
import type { Outcome, RunSettings } from './consumerRun.js';
import { driftedBody, harCapture, validCapture } from './inputs.js';
import { run } from './run.js';

export interface ConsumerContext {
  project: ConsumerProject;
  vendor: ScenarioServer;
  /** The requests the fake vendor received while the journey ran. */
  sent: ScenarioServer['requests'];
  /** Runs the journey again, some of its code replaced (to show that its check can fail). */
  rerun(replace: (code: string) => string, settings?: RunSettings): Promise<Outcome>;
}

export interface ConsumerCheck {
  /** Files the reader has beside the journey's own (a capture). */
  files?: () => Record<string, string>;
  /** Default 0. */
  exitCode?: number;
  /** The fake vendor's one account for this journey, when the block signs in as another till than `store.till`. */
  account?: { username: string; password: string; key: string; secret: string };
  /** A suite's test count (all passing). */
  tests?: () => number;
  shows?: (outcome: Outcome, context: ConsumerContext) => void | Promise<void>;
}

const file = (outcome: Outcome, name: string) => readFileSync(path.join(outcome.dir, name), 'utf8');
const specText = () => readFileSync(specPath, 'utf8');

const clientExample: ConsumerCheck = {
  shows: (outcome, { sent }) => {
    expect(outcome.ran.stdout.trim()).toBe('JUSTIN 1 target(s) DEFAULT');
    expect(sent.map((request) => request.path)).toEqual([
      '/v3/users/566881933/targetGroups?includeInactiveTargets=true',
    ]);
  },
};

export const CONSUMER_CHECKS: Record<string, ConsumerCheck> = {
  'README.md#Use the client#1': {
    shows: async (outcome, context) => {
      await clientExample.shows!(outcome, context);
      // The repository's front page shows the client README's example, unchanged: five lines.
      const [example] = blocksUnder('packages/client/README.md', '@target-groups/client');
      expect(file(outcome, 'journey.ts')).toBe(example!.code);
      expect(example!.code.trimEnd().split('\n')).toHaveLength(5);
    },
  },
  'packages/client/README.md#@target-groups/client#1': clientExample,

  'packages/client/README.md#Connected organisations#1': {
    account: { username: 'parent.till', password: 'secret', key: 'journey-key', secret: 'journey-secret' },
    shows: (outcome, { sent }) => {
      // One call, on the connected-orgs path with both data-scope headers; each group printed with its child org.
      expect(sent.map((request) => request.path)).toEqual([
        '/api_gateway/intouch-api-v3/v3.1/users/347286146/targetGroups',
      ]);
      expect(sent[0]!.headers['data-scope']).toBe('OTHER');
      expect(sent[0]!.headers['data-scope-org']).toBe('50363,50364');
      const lines = outcome.ran.stdout.trim().split('\n');
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line).toMatch(/^5036[34] \S/);
    },
  },
  'packages/client/README.md#Migrating to Loyalty Promotions#1': {
    shows: (outcome, { sent }) => {
      // The calls go to the mock given as `fetch`, never to the vendor's fake (nor the vendor).
      expect(sent).toEqual([]);
      const lines = outcome.ran.stdout.trim().split('\n');
      // The first page's names, then one line per live activity, then the status of the first listed promotion.
      const [, count] = /^(\d+) promotions( \(last page\))?: \S/.exec(lines[0] ?? '') ?? [];
      expect(Number(count)).toBeGreaterThan(0);
      expect(Number(count)).toBeLessThanOrEqual(20);
      expect(lines.length).toBeGreaterThan(2);
      expect(lines.at(-1)).toMatch(/^(LIVE|UPCOMING)$/);
    },
  },
  'packages/client/README.md#Capture for later#2': {
    files: () => ({ 'capture-2026-11-26.ndjson': `${JSON.stringify(driftedBody())}\n` }),
    // propose wrote a proposal.
    exitCode: 1,
    shows: (outcome) => {
      // check reported the drift against the exported contract, and propose wrote its edit into that file.
      expect(outcome.ran.stdout).toMatch(/eventName/);
      expect(file(outcome, 'proposal.txt')).toMatch(/^Wrote 2 changes to targetGroups\.yaml from 1 bodies/);
      const proposed = file(outcome, 'targetGroups.yaml');
      expect(proposed).not.toBe(specText());
      expect(proposed).toContain('reward:');
    },
  },

  "packages/contract/README.md#Outside the repository: a consumer's drift watch#1": {
    files: () => ({ 'capture.ndjson': `${JSON.stringify(driftedBody())}\n` }),
    shows: (outcome) => {
      expect(outcome.ran.stderr).toBe('');
      expect(file(outcome, 'targetGroups.yaml')).toBe(specText());
      expect(file(outcome, 'check.txt')).toMatch(/Exit code 1\.\n$/);
      expect(file(outcome, 'proposal.txt')).toMatch(/^Wrote 2 changes to targetGroups\.proposed\.yaml from 1 bodies/);
      expect(file(outcome, 'impact.txt')).toMatch(/2 changes, 1 breaking for typed consumers/);
      // The patch applies at the root of the contract's repository and gives the proposed spec.
      const repo = mkdtempSync(path.join(tmpdir(), 'contract-repo-'));
      mkdirSync(path.join(repo, 'spec'));
      writeFileSync(path.join(repo, 'spec', 'targetGroups.yaml'), specText());
      execFileSync('git', ['init', '-q'], { cwd: repo });
      execFileSync('git', ['apply', path.join(outcome.dir, 'drift.patch')], { cwd: repo });
      expect(readFileSync(path.join(repo, 'spec', 'targetGroups.yaml'), 'utf8')).toBe(
        file(outcome, 'targetGroups.proposed.yaml'),
      );
    },
  },

  'packages/contract/README.md#Coverage and SARIF#1': {
    files: () => ({ 'capture.har': harCapture(), 'day.ndjson': validCapture() }),
    shows: (outcome) => {
      expect(outcome.ran.stdout).toMatch(/coverage/i);
      const sarif = JSON.parse(file(outcome, 'contract.sarif'));
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.runs[0].results).toEqual([]);
    },
  },

  'packages/contract/README.md#Migrating to the promotions API#1': {
    files: () => ({ 'capture.har': harCapture() }),
    shows: (outcome) => {
      expect(file(outcome, 'migration-map.md')).toMatch(/^# Migration map of spec\/targetGroups\.yaml/);
      expect(file(outcome, 'migration-map.md')).toContain('| Target.targetAchievedValue | none |');
      const losses = file(outcome, 'losses.txt');
      expect(losses).toMatch(/^Migration check of \d+ bodies against the migration map/);
      expect(losses).toMatch(/\nReceived without an equivalent \(\d+\):\n {2}\S+ {2}non-empty in \d+\/\d+ bodies/);
      expect(losses).toMatch(/\n {2}Target\.targetAchievedValue {2}non-empty in [1-9]/);
      expect(losses).toMatch(/Exit code 1\.\n$/);
    },
  },

  'packages/types/README.md#A value the vendor added since#1': {
    shows: async (outcome, { project }) => {
      // The lookup it says noUncheckedIndexedAccess catches compiles without the option: the directive is unused.
      const line =
        file(outcome, 'journey.ts')
          .split('\n')
          .findIndex((l) => l.includes('@ts-expect-error')) + 1;
      const loose = await run('tsc', ['-p', 'tsconfig.json', '--noEmit', '--noUncheckedIndexedAccess', 'false'], {
        cwd: outcome.dir,
        env: project.env,
      });
      expect(loose.stdout.trim()).toBe(`journey.ts(${line},3): error TS2578: Unused '@ts-expect-error' directive.`);
      const labels = await run(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          "import { trackingLabel } from './out/journey.js'; console.log(JSON.stringify(['STREAKS', 'ROLLING'].map((trackingType) => trackingLabel({ trackingType }))));",
        ],
        { cwd: outcome.dir, env: project.env },
      );
      expect(JSON.parse(labels.stdout)).toEqual(['Streak', 'Other (ROLLING)']);
    },
  },

  // An empty page, a known and an unknown status, from the promotions entry of the installed package.
  'packages/types/README.md#The promotions API: `@target-groups/types/promotions`#1': {
    shows: (outcome) => expect(outcome.ran.stdout.trim()).toBe('0 true false'),
  },
  'packages/mock/README.md#Use it in vitest: globalSetup#1': { tests: () => 1 },
  'packages/mock/README.md#In a vitest suite: `createMockFetch`#1': { tests: () => 4 },
  'packages/mock/README.md#With msw: Node and browser#1': { tests: () => 1 },
  "packages/mock/README.md#Forward compatibility: every latitude, not one user's#1": {
    // One test per covering user.
    tests: () => coveringUserIds().length,
    shows: async (_outcome, { rerun }) => {
      // The same loop fails for code that assumes a first profile with a first channel.
      const careless = await rerun((code) => {
        const changed = code.replace(
          /function progressLines[\s\S]*?\n}\n/,
          'function progressLines(user: UserTargetGroups): string[] {\n  return [user.customer.profiles[0]!.commChannels[0]!.value];\n}\n',
        );
        expect(changed).not.toBe(code);
        return changed;
      });
      expect(careless.typeErrors).toBe('');
      expect(careless.report?.numFailedTests).toBeGreaterThan(0);
    },
  },
};
