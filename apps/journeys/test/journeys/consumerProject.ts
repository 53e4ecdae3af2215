// A consumer's project outside the workspace: every public package packed once (`pnpm pack` rewrites workspace:*
// into versions, as a publish would) and installed with plain npm in one `npm install`, beside the test tools a
// consumer brings (TypeScript, @types/node, vitest, msw) at the workspace's pinned versions.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repositoryRoot } from './blocks.js';
import { run, transcript } from './run.js';

export interface ConsumerProject {
  /** The project's folder (its package.json, node_modules). */
  dir: string;
  /** Package name → its tarball. */
  tarballs: Record<string, string>;
  /** Only what a consumer's shell has: PATH (the project's bins first) and HOME; nothing of the workspace's. */
  env: Record<string, string>;
  /** Removes the project and its tarballs. */
  remove(): void;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

/**
 * The packages a consumer can install: every package of packages/ not marked private (a folder without a
 * package.json, such as what a removed package's build leaves behind, is none).
 */
export function publicPackages(root = repositoryRoot): { name: string; dir: string }[] {
  return readdirSync(path.join(root, 'packages'))
    .map((name) => path.join(root, 'packages', name))
    .filter((dir) => existsSync(path.join(dir, 'package.json')))
    .map((dir) => ({ dir, pkg: readJson(path.join(dir, 'package.json')) }))
    .filter(({ pkg }) => !pkg.private)
    .map(({ dir, pkg }) => ({ name: pkg.name as string, dir }));
}

/** A version the workspace pins for everyone (pnpm-workspace.yaml's catalog) or for one package (its devDependencies). */
function pinned(name: string): string {
  const workspace = readFileSync(path.join(repositoryRoot, 'pnpm-workspace.yaml'), 'utf8');
  const catalog = workspace.slice(workspace.search(/^catalog:$/m));
  const entry = new RegExp(`^\\s+"?${name.replace(/[/@]/g, '\\$&')}"?: (\\S+)$`, 'm').exec(catalog)?.[1];
  const version = entry ?? readJson(path.join(repositoryRoot, 'packages/mock/package.json')).devDependencies[name];
  if (!/^\d+\.\d+\.\d+$/.test(version ?? '')) throw new Error(`no exact pinned version of ${name}`);
  return version;
}

async function create(): Promise<ConsumerProject> {
  const base = mkdtempSync(path.join(tmpdir(), 'target-groups-consumer-'));
  const packs = path.join(base, 'tarballs');
  const dir = path.join(base, 'app');
  mkdirSync(packs);
  mkdirSync(dir);
  // One pack at a time would wait on each in turn; each writes its own tarball, named by package.
  const packed = await Promise.all(
    publicPackages().map(async ({ name, dir: pkgDir }) => {
      const ran = await run('pnpm', ['pack', '--json', '--pack-destination', packs], { cwd: pkgDir, env: process.env });
      const file = ran.code === 0 ? (JSON.parse(ran.stdout) as { filename?: string }).filename : undefined;
      if (!file) throw new Error(`pnpm pack of ${name} failed:\n${transcript(ran)}`);
      return [name, path.resolve(packs, file)] as const;
    }),
  );
  const tarballs: Record<string, string> = Object.fromEntries(packed);
  writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify(
      {
        name: 'consumer-app',
        private: true,
        type: 'module',
        dependencies: Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`])),
        devDependencies: Object.fromEntries(
          ['typescript', '@types/node', 'vitest', 'msw'].map((name) => [name, pinned(name)]),
        ),
      },
      null,
      2,
    )}\n`,
  );
  const env = {
    PATH: `${path.join(dir, 'node_modules', '.bin')}:${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
    HOME: process.env.HOME ?? base,
  };
  const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: dir,
    env,
  });
  if (installed.code !== 0) throw new Error(`npm install failed:\n${transcript(installed)}`);
  return { dir, tarballs, env, remove: () => rmSync(base, { recursive: true, force: true }) };
}

let project: Promise<ConsumerProject> | undefined;
/** The one consumer project of this run: packed and installed on first use, shared by every consumer journey. */
export const consumerProject = () => (project ??= create());
