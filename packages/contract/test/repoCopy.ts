// A throwaway copy of this repository's working tree, for running a maintainer's recipe as written: every file git
// would commit (tracked and new, never ignored ones), committed on `main` in a new repository whose `origin` has the
// same `main`. Its node_modules are this checkout's, linked the way pnpm links them: each package's node_modules is
// copied as the symlinks it is, and the root's virtual store (`.pnpm`) is linked, so workspace packages resolve to the
// copy and third-party ones to the installed store, without a new install.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './diffSupport.js';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@localhost', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 28,
  });

/** Directories of the workspace's packages (pnpm-workspace.yaml: spec, packages/*, apps/*), relative to the root. */
function packageDirs(root: string): string[] {
  const dirs = ['spec'];
  for (const parent of ['packages', 'apps'])
    for (const name of readdirSync(path.join(root, parent))) dirs.push(path.join(parent, name));
  return dirs.filter((dir) => existsSync(path.join(root, dir, 'package.json')));
}

export interface RepoCopy {
  dir: string;
  /**
   * The turbo cache of the repository copied (turbo keeps one per repository, shared by its git worktrees): given to
   * the copy as TURBO_CACHE_DIR, whatever the copy's build finds unchanged is a cache hit, as in the original.
   */
  turboCache: string;
  /** The bare repository that is the copy's `origin`. */
  origin: string;
  git(...args: string[]): string;
}

export function copyRepository(root: string): RepoCopy {
  const base = tempDir('target-groups-clone-');
  const dir = path.join(base, 'repo');
  const origin = path.join(base, 'origin.git');
  mkdirSync(dir);
  const files = git(root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard')
    .split('\0')
    .filter((file) => file !== '' && existsSync(path.join(root, file)));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(root, file), path.join(dir, file), { verbatimSymlinks: true });
  }
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'copy of the working tree');
  git(base, 'clone', '-q', '--bare', dir, origin);
  git(dir, 'remote', 'add', 'origin', origin);
  git(dir, 'fetch', '-q', 'origin');

  const modules = path.join(root, 'node_modules');
  mkdirSync(path.join(dir, 'node_modules'));
  for (const entry of readdirSync(modules)) {
    const from = path.join(modules, entry);
    const to = path.join(dir, 'node_modules', entry);
    if (entry === '.pnpm') symlinkSync(from, to);
    else cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  }
  for (const pkg of packageDirs(root)) {
    const from = path.join(root, pkg, 'node_modules');
    if (existsSync(from))
      cpSync(from, path.join(dir, pkg, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  }
  const common = git(root, 'rev-parse', '--path-format=absolute', '--git-common-dir').trim();
  const turboCache = path.join(path.dirname(common), '.turbo', 'cache');
  return { dir, origin, turboCache, git: (...args) => git(dir, ...args) };
}
