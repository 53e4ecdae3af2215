// A clean clone of this repository, as a maintainer starts: `git clone`, with `shared` (the vendor's page and the
// API facts the repository reads as ../shared) linked beside it. What the working tree has that is not committed yet
// (a README being edited) is committed on top in the clone, so the journeys check the tree under test; the clone's
// `origin/main` is that commit, as on a maintainer's fresh checkout. Its setup is the README's: nothing installed.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repositoryRoot } from './blocks.js';

export interface CleanClone {
  dir: string;
  /** A folder for the commands a journey puts on PATH (setup.sh's pnpm command, a recording forge CLI). */
  bin: string;
  /** The environment of the maintainer's shell: PATH with `bin` first, HOME, git's identity, turbo's cache. */
  env: Record<string, string>;
  git(...args: string[]): string;
  /** Back to the clone's commit: edits and new files gone (ignored ones, node_modules and builds, stay). */
  reset(): void;
  /** Removes the clone and its bin folder. */
  remove(): void;
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=journey', '-c', 'user.email=journey@localhost', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 28,
  });

export function cleanClone(): CleanClone {
  const base = mkdtempSync(path.join(tmpdir(), 'target-groups-clone-'));
  const dir = path.join(base, 'repo');
  const bin = path.join(base, 'bin');
  mkdirSync(bin);
  git(base, 'clone', '-q', '--no-hardlinks', repositoryRoot, dir);
  const shared = path.join(repositoryRoot, '..', 'shared');
  if (existsSync(shared)) symlinkSync(realpathSync(shared), path.join(base, 'shared'));

  const changed = git(repositoryRoot, 'ls-files', '-z', '--modified', '--others', '--exclude-standard').split('\0');
  for (const file of changed.filter(Boolean)) {
    const from = path.join(repositoryRoot, file);
    if (existsSync(from)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      cpSync(from, path.join(dir, file), { verbatimSymlinks: true });
    } else rmSync(path.join(dir, file), { force: true });
  }
  git(dir, 'checkout', '-q', '-B', 'main');
  git(dir, 'add', '-A');
  if (git(dir, 'status', '--porcelain').trim()) git(dir, 'commit', '-qm', 'The working tree under test');
  git(dir, 'update-ref', 'refs/remotes/origin/main', 'HEAD');

  // Turbo keeps one cache per repository, shared by its worktrees: the clone's builds hit what this one built.
  const common = git(repositoryRoot, 'rev-parse', '--path-format=absolute', '--git-common-dir').trim();
  const env = {
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    HOME: process.env.HOME ?? base,
    TURBO_CACHE_DIR: path.join(path.dirname(common), '.turbo', 'cache'),
    TZ: 'UTC',
    GIT_AUTHOR_NAME: 'journey',
    GIT_AUTHOR_EMAIL: 'journey@localhost',
    GIT_COMMITTER_NAME: 'journey',
    GIT_COMMITTER_EMAIL: 'journey@localhost',
  };
  return {
    dir,
    bin,
    env,
    git: (...args) => git(dir, ...args),
    reset: () => {
      git(dir, 'checkout', '-q', '-f', 'main');
      git(dir, 'reset', '-q', '--hard');
      git(dir, 'clean', '-qfd');
    },
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
}
