// What each maintainer journey must show besides exiting as its README says (0 unless given here). A journey with
// no entry still runs; an entry whose journey is gone fails (maintainer.test.ts).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DRIFTS, type ScenarioServer } from '@target-groups/mock/scenarios';
import { expect } from 'vitest';
import type { CleanClone } from './cleanClone.js';
import { driftedBody, harCapture, VENDOR_ACCOUNT, validCapture } from './inputs.js';
import { type Ran, run } from './run.js';

export interface MaintainerContext {
  clone: CleanClone;
  vendor: ScenarioServer;
}

export interface MaintainerCheck {
  /** Serves until stopped: run until its ready block, its printed curl tried, then stopped with Ctrl-C (SIGINT). */
  serves?: true;
  /** Run while the journey that serves is up, its 127.0.0.1:4010 pointed at the mock that journey started. */
  whileServing?: true;
  files?: () => Record<string, string>;
  env?: (context: MaintainerContext) => Record<string, string>;
  exitCode?: number;
  shows?: (ran: Ran, context: MaintainerContext) => void | Promise<void>;
}

const read = (clone: CleanClone, name: string) => readFileSync(path.join(clone.dir, name), 'utf8');
// Drifts propose resolves (the legacy timestamp format needs a hand edit), and a clean seed body.
const WATCHED = [...DRIFTS.filter((d) => d.kind !== 'legacy-timestamp-format').map((d) => d.userId), '566881933'];
const today = () => new Date().toISOString().slice(0, 10);

export const MAINTAINER_CHECKS: Record<string, MaintainerCheck> = {
  'README.md#Quick start#1': { serves: true },

  'README.md#Run the contract mock#1': {
    whileServing: true,
    shows: (ran) => {
      // A named example, then four answers in the vendor's error envelope (404, 500, 400, 401).
      expect(ran.stdout).toContain('"userId":547528790');
      expect(ran.stdout.match(/"errors":\[\{"code":/g)).toHaveLength(4);
    },
  },

  'README.md#Check real responses against the contract#2': {
    files: () => ({ 'day.ndjson': `${JSON.stringify(driftedBody())}\n` }),
    // A field made nullable: diff says breaking.
    exitCode: 1,
    shows: (ran) => {
      expect(ran.stdout).toMatch(/^Wrote 2 changes to .*spec\/targetGroups\.yaml from 1 bodies/m);
      expect(ran.stdout).toMatch(/^\+\s+reward\?: /m);
      expect(ran.stdout).toMatch(/2 changes, 1 breaking for typed consumers/);
      expect(ran.stderr).not.toMatch(/stale|Run `?pnpm generate/);
    },
  },

  'packages/contract/README.md#CLI#2': {
    files: () => ({ 'day.ndjson': validCapture(), 'capture.har': harCapture() }),
    shows: (ran, { clone }) => {
      const report = JSON.parse(read(clone, 'report.json'));
      expect(report.files.length).toBeGreaterThan(0);
      expect(report.files.every((file: { valid: boolean }) => file.valid)).toBe(true);
      // jq selects the invalid ones: none.
      expect(ran.stdout).toBe('');
    },
  },

  'packages/contract/README.md#Drift watch: traffic → a reviewed spec change#1': {
    env: ({ vendor, clone }) => ({
      WATCHED_USER_IDS: WATCHED.join(' '),
      TILL_USER: VENDOR_ACCOUNT.username,
      TILL_PASSWORD_MD5: createHash('md5').update(VENDOR_ACCOUNT.password).digest('hex'),
      CAPILLARY_BASE_URL: vendor.url,
      GH_ARGS: path.join(clone.bin, 'gh.args'),
    }),
    shows: async (ran, { clone }) => {
      expect(ran.stderr).not.toMatch(/stale|Run `pnpm generate`/);
      expect(read(clone, 'capture.ndjson').trim().split('\n')).toHaveLength(WATCHED.length);
      // propose wrote the spec; the commit on the drift branch holds the spec, the types and the changeset.
      expect(read(clone, 'proposal.txt')).toMatch(/^Wrote \d+ changes to .*spec\/targetGroups\.yaml from 6 bodies/m);
      const day = today().replace(/-/g, '');
      expect(clone.git('branch', '--show-current').trim()).toBe(`drift/${day}`);
      const changed = clone.git('show', '--name-only', '--format=%s', 'HEAD').trim().split('\n').filter(Boolean);
      expect(changed[0]).toBe('Spec: drift seen in traffic');
      // The capture brings a new value of an open enum, so its known values (enums.ts) change with the types.
      expect(changed.slice(1).sort()).toEqual(
        [
          `.changeset/drift-${day}.md`,
          'packages/types/src/generated/enums.ts',
          'packages/types/src/generated/schema.ts',
          'spec/targetGroups.yaml',
        ].sort(),
      );
      // A field made nullable is breaking: the changeset is a major one for both typed packages.
      expect(read(clone, `.changeset/drift-${day}.md`)).toMatch(
        /^---\n'@target-groups\/types': major\n'@target-groups\/client': major\n---\n/,
      );
      // The committed types match the proposed spec, and the pull request says what changed.
      const fresh = await run(process.execPath, ['packages/types/scripts/generate.mjs', '--check'], {
        cwd: clone.dir,
        env: clone.env,
      });
      expect(fresh.stdout).toMatch(/up to date/);
      expect(read(clone, 'impact.txt')).toMatch(/^Contract diff git:origin\/main:spec\/targetGroups\.yaml → /);
      expect(read(clone, 'impact.txt')).toContain('Target.periodId: may now be null');
      expect(existsSync(path.join(clone.bin, 'gh.args'))).toBe(true);
      expect(readFileSync(path.join(clone.bin, 'gh.args'), 'utf8').split('\n')).toEqual([
        'pr',
        'create',
        '--title',
        `Contract drift ${today()}`,
        '--body-file',
        'impact.txt',
        '',
      ]);
    },
  },
};
