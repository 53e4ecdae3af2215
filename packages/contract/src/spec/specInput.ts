/**
 * Where the subcommands get a spec from: a file, `git:REF` (the contract at a git ref of the current repository),
 * the working tree's `spec/targetGroups.yaml`, or the contract the CLI was built with. Every spec is read through the
 * spec reader (`loadSpec`, imported on first use: it is the heaviest module of the CLI); text that is not a file
 * (from git, built in, proposed) is read as text, with the name that reports give it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadedSpec, SpecInput } from '@target-groups/spec';

/** The spec's place in the repository, as `git show REF:<path>` and the working tree name it. */
export const SPEC_IN_REPO = 'spec/targetGroups.yaml';

/** Bad input: a one-line message and exit code 2. */
export class InputError extends Error {
  override name = 'InputError';
}

export interface SpecSource extends LoadedSpec {
  /** How the user named it (`git:v1.0.0`, a path). */
  label: string;
}

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
}

const firstLine = (error: unknown) => {
  const stderr = (error as { stderr?: unknown }).stderr;
  const text = typeof stderr === 'string' && stderr.trim() !== '' ? stderr : String((error as Error).message);
  return text.trim().split('\n')[0] ?? '';
};

/** The top of the git work tree that holds `cwd`, or undefined outside one. */
export function repositoryRoot(cwd: string): string | undefined {
  try {
    return git(['rev-parse', '--show-toplevel'], cwd).trim();
  } catch {
    return undefined;
  }
}

/** The working tree's contract, when `cwd` is inside a clone of this project. */
export function workingSpecPath(cwd: string): string | undefined {
  const root = repositoryRoot(cwd);
  if (!root) return undefined;
  const file = path.join(root, SPEC_IN_REPO);
  try {
    readFileSync(file);
    return file;
  } catch {
    return undefined;
  }
}

/** A spec's text at a git ref (`git show REF:spec/targetGroups.yaml`, or the repository path given). */
export function specTextAtRef(ref: string, cwd: string, inRepo = SPEC_IN_REPO): string {
  const root = repositoryRoot(cwd);
  if (!root) throw new InputError(`git:${ref}: not inside a git repository (${cwd})`);
  if (ref === '' || ref.startsWith('-')) throw new InputError(`git:${ref}: not a git ref`);
  try {
    return git(['show', `${ref}:${inRepo}`], root);
  } catch (error) {
    throw new InputError(`git:${ref}: no ${inRepo} at that ref (${firstLine(error)})`);
  }
}

/**
 * Where a spec file named as a path lies in the git repository of `cwd` (`spec/promotions.yaml`): the file
 * `git:REF` reads when it is compared with that spec. Only a file git tracks is one of the repository's specs; an
 * untracked copy (a proposal written beside them) and `git:REF` itself are undefined.
 */
export function pathInRepository(name: string | undefined, cwd: string): string | undefined {
  if (name === undefined || name.startsWith('git:')) return undefined;
  const root = repositoryRoot(cwd);
  if (!root) return undefined;
  const relative = path.relative(root, path.resolve(cwd, name));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const inRepo = relative.split(path.sep).join('/');
  try {
    git(['ls-files', '--error-unmatch', '--', inRepo], root);
    return inRepo;
  } catch {
    return undefined;
  }
}

async function load(input: SpecInput, label: string): Promise<SpecSource> {
  const { loadSpec, SpecReadError } = await import('@target-groups/spec');
  try {
    return { ...(await loadSpec(input)), label };
  } catch (error) {
    if (error instanceof SpecReadError) throw new InputError(`cannot read spec ${label}: ${error.message}`);
    throw error;
  }
}

/**
 * Reads a spec named as a path or `git:REF` (the file `inRepo` at that ref: by default the contract). Throws
 * InputError (a one-line reason) when it cannot be read.
 */
export async function readSpec(name: string, cwd: string, inRepo = SPEC_IN_REPO): Promise<SpecSource> {
  if (!name.startsWith('git:')) return load(path.resolve(cwd, name), name);
  const ref = name.slice('git:'.length);
  return readSpecText(specTextAtRef(ref, cwd, inRepo), name, `${name}:${inRepo}`);
}

/**
 * Reads a spec from its text; `label` names it in messages, `shownPath` becomes its `path`. The text of a file
 * (`shownPath` absolute) resolves its relative `$ref`s in the file's directory; other text may reference no file.
 */
export async function readSpecText(text: string, label: string, shownPath: string): Promise<SpecSource> {
  const dir = path.isAbsolute(shownPath) ? path.dirname(shownPath) : undefined;
  return load({ text, name: shownPath, dir }, label);
}

/** The contract this CLI was built with (src/generated, written by scripts/generate.mjs), named as in the repository. */
export async function builtInSpec(): Promise<SpecSource> {
  const { default: source } = await import('../generated/specText.json', { with: { type: 'json' } });
  return readSpecText(source.text, source.file, source.file);
}

/** `--spec PATH` when given, else the working tree's contract; `what` names the command for the message. */
export async function readSpecOption(option: string | undefined, cwd: string, what: string): Promise<SpecSource> {
  if (option !== undefined) return readSpec(option, cwd);
  const working = workingSpecPath(cwd);
  if (!working)
    throw new InputError(
      `${what} needs --spec PATH: no ${SPEC_IN_REPO} in a git work tree here. Outside a clone of the contract's repository, export the contract this CLI checks against (target-groups-contract spec > targetGroups.yaml) and pass --spec targetGroups.yaml`,
    );
  return readSpec(working, cwd);
}
