#!/usr/bin/env node
// Builds the hosted docs site: one folder per contract release plus `latest/`, as GitHub Pages serves it.
//
//   node scripts/site.mjs [--out DIR] [--repo DIR] [--changes FILE]
//
// A contract release is a release tag of `@target-groups/types` (`@target-groups/types@1.2.0`, as changesets tags
// it): the types are the contract as consumers see it, and they are versioned with every contract change. Each
// release's folder is built from the spec at its tag; `latest/` from the spec of the working tree. Each page's
// Changes section lists the releases up to its own.
//
// --out: the site folder (default: site/ beside this script's package). --repo: the git repository to read tags
// and specs from (default: this repository). --changes: the release history (see releaseHistory.mjs); without
// it the history is built with the contract CLI's `diff` between consecutive release tags.
//
// Exit codes: 0 built; 1 a page failed to build (the build's own message is printed); 2 bad invocation, or no
// history could be had.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compareVersions, NO_RELEASES, ReleaseHistoryError, readReleaseHistory } from './releaseHistory.mjs';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const buildScript = join(appDir, 'scripts/build.mjs');
const TAG_PREFIX = '@target-groups/types@';
const SPEC_IN_REPO = 'spec/targetGroups.yaml';

/** @param {number} code @param {string} message @returns {never} */
function fail(code, message) {
  process.stderr.write(`docs site: ${message}\n`);
  process.exit(code);
}

let args;
try {
  args = parseArgs({
    options: {
      out: { type: 'string', default: join(appDir, 'site') },
      repo: { type: 'string', default: resolve(appDir, '../..') },
      changes: { type: 'string' },
    },
    strict: true,
  }).values;
} catch (error) {
  fail(
    2,
    `${/** @type {Error} */ (error).message}\nusage: node scripts/site.mjs [--out DIR] [--repo DIR] [--changes FILE]`,
  );
}
const outDir = resolve(args.out);
const repo = resolve(args.repo);

/** @param {string[]} argv */
function git(argv) {
  const run = spawnSync('git', ['-C', repo, ...argv], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) fail(2, `git ${argv.join(' ')} failed: ${run.stderr.trim() || run.error?.message}`);
  return run.stdout;
}

const releases = git(['tag', '--list', `${TAG_PREFIX}*`])
  .split('\n')
  .map((tag) => tag.trim())
  .filter(Boolean)
  .map((tag) => ({ tag, version: tag.slice(TAG_PREFIX.length), date: git(['log', '-1', '--format=%cs', tag]).trim() }))
  .sort((a, b) => compareVersions(a.version, b.version));

const work = mkdtempSync(join(tmpdir(), 'docs-site-'));
try {
  /** @type {import('./releaseHistory.mjs').ReleaseHistory} */
  let history;
  try {
    history = args.changes ? await readReleaseHistory(args.changes) : historyFromTags();
  } catch (error) {
    if (error instanceof ReleaseHistoryError) fail(2, error.message);
    throw error;
  }

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  /** @type {Array<{ version: string, path: string }>} */
  const built = [];
  for (const release of releases) {
    const spec = join(work, `${release.version}.yaml`);
    writeFileSync(spec, git(['show', `${release.tag}:${SPEC_IN_REPO}`]));
    const upTo = {
      releases: history.releases.filter((r) => compareVersions(r.version, release.version) <= 0),
    };
    build(spec, join(outDir, release.version), upTo, release.version);
    built.push({ version: release.version, path: `${release.version}/` });
  }
  build(join(repo, SPEC_IN_REPO), join(outDir, 'latest'), history, 'latest');
  built.push({ version: 'latest', path: 'latest/' });

  writeFileSync(join(outDir, 'versions.json'), `${JSON.stringify(built, null, 2)}\n`);
  // llms.txt is looked for at the root of a site: the latest one, its links into latest/.
  writeFileSync(
    join(outDir, 'llms.txt'),
    readFileSync(join(outDir, 'latest', 'llms.txt'), 'utf8').replace(/\]\(index\./g, '](latest/index.'),
  );
  writeFileSync(
    join(outDir, 'index.html'),
    `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Docs</title><meta http-equiv="refresh" content="0; url=latest/"></head>
<body><p><a href="latest/">The latest docs</a>; every release: ${built
      .map((b) => `<a href="${b.path}">${b.version}</a>`)
      .join(', ')}.</p></body>
</html>
`,
  );
  process.stdout.write(
    `docs site: ${relative(process.cwd(), outDir) || outDir}: ${built.map((b) => b.path).join(', ')}\n`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * @param {string} spec
 * @param {string} dir
 * @param {import('./releaseHistory.mjs').ReleaseHistory} history
 * @param {string} label
 */
function build(spec, dir, history, label) {
  const changes = join(work, `changes-${label}.json`);
  writeFileSync(changes, JSON.stringify(history));
  const run = spawnSync(
    process.execPath,
    [buildScript, '--spec', spec, '--out', join(dir, 'index.html'), '--changes', changes],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) fail(1, `the ${label} page did not build:\n${run.stderr.trim()}`);
}

/**
 * The release history from the release tags: each release's changes are the contract CLI's `diff` between the
 * spec of the release before it and its own; the first release has no predecessor to differ from.
 * @returns {import('./releaseHistory.mjs').ReleaseHistory}
 */
function historyFromTags() {
  if (releases.length === 0) return NO_RELEASES;
  return {
    releases: releases.map((release, i) => {
      const before = releases[i - 1];
      if (before === undefined) return { version: release.version, date: release.date, changes: [] };
      const diff = spawnSync(
        'pnpm',
        ['-s', 'contract', 'diff', `git:${before.tag}`, `git:${release.tag}`, '--format', 'json'],
        { cwd: repo, encoding: 'utf8' },
      );
      // Exit 1 only says that something is breaking; the list is on stdout either way.
      if (diff.status !== 0 && diff.status !== 1) {
        fail(2, `no change list for ${release.tag} (target-groups-contract diff): ${diff.stderr.trim()}`);
      }
      let parsed;
      try {
        parsed = JSON.parse(diff.stdout);
      } catch {
        fail(2, `target-groups-contract diff did not print JSON for ${release.tag}`);
      }
      return { version: release.version, date: release.date, changes: parsed.changes };
    }),
  };
}
