// Support for the propose tests: a copy of the contract and a capture beside it, the seed's bodies, and the spec a
// run wrote, read back through the spec reader.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadSpec, seedFixtures, specPath } from '@target-groups/spec';
import { parse } from 'yaml';
import { run } from '../src/commands/propose/index.js';
import { type Ran, runCommand, tempDir } from './diffSupport.js';

export type Json = Record<string, any>;

/** A body of the seed (a fresh copy). */
export const seed = (userId = 566881933): Json =>
  structuredClone(seedFixtures().find((f) => f.userId === userId)!.value) as Json;

/** A temporary directory with a copy of the contract (`targetGroups.yaml`) and `capture.ndjson` holding `bodies`. */
export function workspace(bodies: unknown[]): { dir: string; spec: string; input: string; before: string } {
  const dir = tempDir('target-groups-propose-');
  const spec = path.join(dir, 'targetGroups.yaml');
  copyFileSync(specPath, spec);
  const input = path.join(dir, 'capture.ndjson');
  writeFileSync(input, `${bodies.map((b) => JSON.stringify(b)).join('\n')}\n`);
  return { dir, spec, input, before: readFileSync(spec, 'utf8') };
}

/** `propose ARGS` in process, from `dir`. */
export const propose = (args: string[], dir: string): Promise<Ran> => runCommand(run, args, dir);

/** `propose --format json`'s report. */
export interface ProposeJson {
  changes: { pointer: string; change: string; impact: string; message: string; evidence: { count: number } }[];
  diff: string;
  refused: { pointer: string; reason: string }[];
  notes: { pointer: string; message: string }[];
  unresolved: { name: string; message: string }[];
  problems: { name: string; message: string }[];
}

export const proposeJson = (ran: Ran): ProposeJson => JSON.parse(ran.stdout) as ProposeJson;

/** The component schemas of a spec file as YAML reads it (no reader in between). */
export const schemasIn = (file: string): Json => (parse(readFileSync(file, 'utf8')) as Json).components.schemas;

/** The component schemas as the spec reader (Redocly's bundler) reads the file. */
export async function readerSchemas(file: string): Promise<Json> {
  return (await loadSpec(file)).dereferenced.components.schemas as Json;
}
