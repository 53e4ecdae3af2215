// Support for the tests of the diff, propose and drift-watch commands: run a command's `run(argv, io)` in process,
// and write edited copies of the contract.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { specPath } from '@target-groups/spec';
import { type Document, parseDocument } from 'yaml';
import type { Io as CommandIo } from '../src/cli/io.js';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCommand(
  run: (argv: string[], io: CommandIo) => Promise<number>,
  argv: string[],
  where?: string | { cwd?: string; env?: NodeJS.ProcessEnv },
): Promise<Ran> {
  const { cwd, env = {} } = typeof where === 'string' ? { cwd: where } : (where ?? {});
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c) => (stdout += c));
  err.on('data', (c) => (stderr += c));
  const code = await run(argv, { stdout: out, stderr: err, env, ...(cwd ? { cwd } : {}) });
  // Everything written reaches the collected text, as a process's output reaches its pipe before it exits.
  for (const stream of [out, err]) {
    if (!stream.writableEnded) stream.end();
    await finished(stream);
  }
  return { code, stdout, stderr };
}

export const contractText = () => readFileSync(specPath, 'utf8');

/** The text of promotions.yaml with `PromotionMetadata.description` made nullable: a breaking change for typed consumers. */
export const nullableDescription = (promotionsText: string) =>
  promotionsText.replace(
    '        description:\n          type: string\n          description: Description of the promotion.',
    "        description:\n          type:\n            - string\n            - 'null'\n          description: Description of the promotion.",
  );

export function tempDir(prefix = 'target-groups-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Writes the contract, edited through the yaml Document API, to a new temporary file; returns its path. */
export function editedSpec(edit: (doc: Document) => void, dir = tempDir()): string {
  const doc = parseDocument(contractText());
  edit(doc);
  const file = path.join(dir, `spec-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, doc.toString({ lineWidth: 0 }));
  return file;
}

/**
 * A throwaway git repository whose `spec/targetGroups.yaml` is `text` (and each of `others` is in `spec/` under its
 * name), committed and tagged `tag`.
 */
export function gitRepoWithSpec(text: string, tag?: string, others: Record<string, string> = {}): string {
  const dir = tempDir('target-groups-repo-');
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@localhost', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  mkdirSync(path.join(dir, 'spec'));
  writeFileSync(path.join(dir, 'spec', 'targetGroups.yaml'), text);
  for (const [name, other] of Object.entries(others)) writeFileSync(path.join(dir, 'spec', name), other);
  git('add', '.');
  git('commit', '-qm', 'spec');
  if (tag) git('tag', tag);
  return dir;
}

export const S = ['components', 'schemas'];

export const specFileOf = (file: string) => readFileSync(file, 'utf8');
