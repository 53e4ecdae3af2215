#!/usr/bin/env node
// Builds the hosted docs site of a spec: one folder per contract release (a release tag of @target-groups/types, as
// changesets tags it) plus latest/, as GitHub Pages serves it. Options and exit codes: README.md, "The hosted site".
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildDocs, DocsBuildError } from './build.mjs';
import { compareVersions, ReleaseHistoryError, readReleaseHistory } from './releaseHistory.mjs';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const TAG_PREFIX = '@target-groups/types@';

let args;
try {
  args = parseArgs({
    options: {
      spec: { type: 'string', default: 'spec/targetGroups.yaml' },
      out: { type: 'string', default: join(appDir, 'site') },
      repo: { type: 'string', default: resolve(appDir, '../..') },
      changes: { type: 'string' },
    },
    strict: true,
  }).values;
} catch (error) {
  process.stderr.write(
    `docs site: ${/** @type {Error} */ (error).message}\nusage: node scripts/site.mjs [--spec PATH] [--out DIR] [--repo DIR] [--changes FILE]\n`,
  );
  process.exit(2);
}
const outDir = resolve(args.out);
const repo = resolve(args.repo);
const specInRepo = args.spec;

/** @param {string[]} argv */
function git(argv) {
  return spawnSync('git', ['-C', repo, ...argv], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

const work = mkdtempSync(join(tmpdir(), 'docs-site-'));
try {
  const tags = git(['tag', '--list', `${TAG_PREFIX}*`]);
  if (tags.status !== 0)
    throw new DocsBuildError(
      2,
      `cannot list the release tags of ${repo}: ${tags.stderr.trim() || tags.error?.message}`,
    );
  // Each release with the spec at its tag, written to a file for the build and the diff.
  const releases = tags.stdout
    .split('\n')
    .map((tag) => tag.trim())
    .filter(Boolean)
    .map((tag) => ({
      tag,
      version: tag.slice(TAG_PREFIX.length),
      spec: join(work, `${tag.slice(TAG_PREFIX.length)}.yaml`),
    }))
    .sort((a, b) => compareVersions(a.version, b.version))
    .filter((release) => {
      const show = git(['show', `${release.tag}:${specInRepo}`]);
      if (show.status === 0) writeFileSync(release.spec, show.stdout);
      return show.status === 0;
    });

  /** @type {import('./releaseHistory.mjs').ReleaseHistory} */
  let history;
  try {
    history = args.changes ? await readReleaseHistory(args.changes) : historyOf(releases);
  } catch (error) {
    throw error instanceof ReleaseHistoryError ? new DocsBuildError(2, error.message) : error;
  }

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const pages = [
    ...releases.map((release) => ({ version: release.version, spec: release.spec })),
    { version: 'latest', spec: join(repo, specInRepo) },
  ];
  for (const page of pages) {
    const changes = join(work, `changes-${page.version}.json`);
    const upTo = history.releases.filter(
      (r) => page.version === 'latest' || compareVersions(r.version, page.version) <= 0,
    );
    writeFileSync(changes, JSON.stringify({ releases: upTo }));
    try {
      await buildDocs({ spec: page.spec, out: join(outDir, page.version, 'index.html'), changes });
    } catch (error) {
      throw error instanceof DocsBuildError
        ? new DocsBuildError(1, `the ${page.version} page did not build:\n${error.message}`)
        : error;
    }
  }

  const built = pages.map((page) => ({ version: page.version, path: `${page.version}/` }));
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
} catch (error) {
  if (!(error instanceof DocsBuildError)) throw error;
  process.stderr.write(`docs site: ${error.message}\n`);
  process.exitCode = error.exitCode;
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * The release history from the release tags: each release's changes are the contract CLI's `diff` between the
 * spec of the release before it and its own; the first release has no predecessor to differ from.
 * @param {Array<{ tag: string, version: string, spec: string }>} releases
 * @returns {import('./releaseHistory.mjs').ReleaseHistory}
 */
function historyOf(releases) {
  return {
    releases: releases.map((release, i) => {
      const date = git(['log', '-1', '--format=%cs', release.tag]).stdout.trim();
      const before = releases[i - 1];
      if (before === undefined) return { version: release.version, date, changes: [] };
      const diff = spawnSync('pnpm', ['-s', 'contract', 'diff', before.spec, release.spec, '--format', 'json'], {
        cwd: repo,
        encoding: 'utf8',
      });
      // Exit 1 only says that something is breaking; the list is on stdout either way.
      if (diff.status !== 0 && diff.status !== 1) {
        throw new DocsBuildError(
          2,
          `no change list for ${release.tag} (target-groups-contract diff): ${diff.stderr.trim()}`,
        );
      }
      let changes;
      try {
        changes = JSON.parse(diff.stdout).changes;
      } catch {
        throw new DocsBuildError(2, `target-groups-contract diff did not print JSON for ${release.tag}`);
      }
      return { version: release.version, date, changes };
    }),
  };
}
