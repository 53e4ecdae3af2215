// README.md's drift watch, run as written: its shell block, extracted from the Markdown, in a throwaway copy of the
// repository (repoCopy.ts), against the fake vendor (the scenario engine's HTTP face) on 127.0.0.1, with a `gh` that records the pull request it
// is asked to open. It must get through on the day there is drift to report: propose writes the spec, and the steps
// after it (the check, the lint gate, the types, the changeset, the commit) run on a spec that is ahead of its types.
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { DRIFTS, type ScenarioServer, startScenarioServer } from '@target-groups/mock/scenarios';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repositoryRoot } from '../src/spec/specInput.js';
import { tempDir } from './diffSupport.js';
import { packageDir } from './helpers.js';
import { shellBlocks } from './readmeBlocks.js';
import { copyRepository, type RepoCopy } from './repoCopy.js';

const exec = promisify(execFile);
const HEADING = 'Drift watch: traffic → a reviewed spec change';
// Drifts propose resolves (the legacy timestamp format needs a hand edit), and a clean seed body.
const WATCHED = [...DRIFTS.filter((d) => d.kind !== 'legacy-timestamp-format').map((d) => d.userId), '566881933'];

describe('README: the drift watch runs as written', () => {
  let api: ScenarioServer;
  let repo: RepoCopy;
  let ran: { code: number; stdout: string; stderr: string };
  const bin = tempDir('recipe-bin-');
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    const [username, password] = ['watch.till', 'watch-Secret-pw'];
    api = await startScenarioServer({ credentials: { username, password, key: 'k', secret: 's' }, drifts: true });
    repo = copyRepository(repositoryRoot(packageDir)!);
    // The forge's CLI is not ours to run: a `gh` that writes down what it was asked.
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, 'gh'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${path.join(bin, 'gh.args')}"\n`);
    chmodSync(path.join(bin, 'gh'), 0o755);
    const [recipe] = shellBlocks(path.join(packageDir, 'README.md'), HEADING);
    const env = {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      WATCHED_USER_IDS: WATCHED.join(' '),
      TILL_USER: username,
      TILL_PASSWORD_MD5: createHash('md5').update(password).digest('hex'),
      CAPILLARY_BASE_URL: api.url,
      TZ: 'UTC',
      TURBO_CACHE_DIR: repo.turboCache,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@localhost',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@localhost',
    };
    try {
      const { stdout, stderr } = await exec('bash', ['-c', recipe!], { cwd: repo.dir, env, maxBuffer: 1 << 26 });
      ran = { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      ran = { code: e.code, stdout: e.stdout, stderr: e.stderr };
      // Said at once: a run cut short (another task of `pnpm test` failing) still shows where the recipe stopped.
      console.error(`drift-watch recipe: exit ${e.code}; its standard error ends:\n${e.stderr.slice(-4000)}`);
    }
  }, 600_000);
  afterAll(() => api?.close());

  const file = (name: string) => readFileSync(path.join(repo.dir, name), 'utf8');

  test('it exits 0, having captured every watched user', () => {
    expect(ran.stderr).not.toMatch(/stale|Run `pnpm generate`/);
    expect(ran.code, ran.stderr).toBe(0);
    expect(file('capture.ndjson').trim().split('\n')).toHaveLength(WATCHED.length);
  });

  test('propose wrote the spec; the commit on the drift branch holds the spec, the types and the changeset', () => {
    expect(file('proposal.txt')).toMatch(/^Wrote \d+ changes to .*spec\/targetGroups\.yaml from 6 bodies/m);
    const day = today.replace(/-/g, '');
    expect(repo.git('branch', '--show-current').trim()).toBe(`drift/${day}`);
    const changed = repo.git('show', '--name-only', '--format=%s', 'HEAD').trim().split('\n').filter(Boolean);
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
    expect(file(`.changeset/drift-${day}.md`)).toMatch(
      /^---\n'@target-groups\/types': major\n'@target-groups\/client': major\n---\n/,
    );
  });

  test('the committed types match the proposed spec, and the pull request says what changed', async () => {
    const check = await exec(process.execPath, ['packages/types/scripts/generate.mjs', '--check'], { cwd: repo.dir });
    expect(check.stdout).toMatch(/up to date/);
    expect(file('impact.txt')).toMatch(/^Contract diff git:origin\/main:spec\/targetGroups\.yaml → /);
    expect(file('impact.txt')).toContain('Target.periodId: may now be null');
    expect(existsSync(path.join(bin, 'gh.args'))).toBe(true);
    expect(readFileSync(path.join(bin, 'gh.args'), 'utf8').split('\n')).toEqual([
      'pr',
      'create',
      '--title',
      `Contract drift ${today}`,
      '--body-file',
      'impact.txt',
      '',
    ]);
  });
});
