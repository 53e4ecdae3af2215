import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { type CliResult, type RunCliOptions, runCli as runScript } from '@target-groups/spec/testing';
import { loadSpec, seedFixtures as readSeedFixtures, seedFixturesDir } from '@target-groups/spec';
import { main } from '../src/cli/main.js';
import { runCommand } from './diffSupport.js';

export const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The CLI under test: the build in dist/, or another build named by TARGET_GROUPS_CONTRACT_CLI (to compare builds). */
export const cliPath = process.env.TARGET_GROUPS_CONTRACT_CLI ?? path.join(packageDir, 'dist', 'cli.js');
export const fixturesDir = seedFixturesDir;

type Json = Record<string, unknown>;

/** The contract as the spec reader loads it (bundled document, dereferenced document, named examples). */
export const spec = await loadSpec();

export function component(name: string): Json {
  return spec.document.components.schemas[name] as Json;
}

export interface Fixture {
  name: string;
  body: Json;
}

export function seedFixtures(): Fixture[] {
  return readSeedFixtures().map(({ file, value }) => ({ name: file, body: value as Json }));
}

export function fixture(userId: string): Json {
  const found = seedFixtures().find((f) => String((f.body.data as Json | null)?.userId) === userId);
  if (!found) throw new Error(`no seed fixture for user ${userId}`);
  return structuredClone(found.body);
}

export type { CliResult } from '@target-groups/spec/testing';

/**
 * Runs the CLI with a clean environment (no credentials leak in from the shell), from the package by default: its
 * `main` in this process, or the built CLI in a process of its own where a test needs one (standard input, Node
 * flags such as a heap limit, or another build named by TARGET_GROUPS_CONTRACT_CLI).
 */
export async function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  const cwd = options.cwd ?? packageDir;
  if (options.input !== undefined || options.nodeOptions !== undefined || process.env.TARGET_GROUPS_CONTRACT_CLI)
    return runBuiltCli(args, { ...options, cwd });
  return runCommand(main, args, { cwd, env: options.env ?? {} });
}

/** The built CLI (dist/cli.js) in a process of its own: what a user runs. */
export function runBuiltCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  return runScript(cliPath, args, { ...options, cwd: options.cwd ?? packageDir });
}

export interface JsonReport {
  files: {
    file: string;
    valid: boolean;
    violations: { pointer: string; severity: 'error' | 'warning'; message: string }[];
    error?: string;
  }[];
  summary: {
    bodies: number;
    problems: number;
    exitCode: number;
    skippedEntries: number;
    skippedReason?: string;
    skipped?: string;
  };
}

export function jsonReport(result: CliResult): JsonReport {
  return JSON.parse(result.stdout) as JsonReport;
}

/** A stack trace line as Node prints it. */
export const STACK_TRACE = /^\s+at .+\(.+:\d+:\d+\)$/m;

/** The CLI ended on its own terms: no stack trace on either stream, no "internal error". */
export function expectNoCrash(result: CliResult): void {
  expect(result.stderr).not.toMatch(STACK_TRACE);
  expect(result.stdout).not.toMatch(STACK_TRACE);
  expect(result.stderr).not.toContain('internal error');
}

/**
 * Compares a run's exit code and output with `test/__snapshots__/cli/NAME.txt` (the temporary directory shows as
 * `<dir>`). A new or changed snapshot is written by `vitest run -u` and reviewed in the diff.
 */
export async function expectOutput(result: CliResult, name: string, dir?: string): Promise<void> {
  let text = `exit code ${result.code}\n--- stdout\n${result.stdout}--- stderr\n${result.stderr}`;
  if (dir) text = text.split(dir).join('<dir>');
  // V8 words its JSON syntax errors differently from one Node line to the next; where they are is what matters.
  text = text.replace(/not valid JSON: .*?((?: \(line \d+, column \d+\))?)$/gm, 'not valid JSON: <reason>$1');
  // A spec edit moves the lines a report names; that they are the right lines is tested against the spec's text
  // (cliErrors.test.ts, 'the text report says where to fix').
  text = text.replace(/(spec\/targetGroups\.yaml):\d+\b/g, '$1:<line>');
  // The built-in contract is named with the CLI's version, which each release changes.
  text = text.replace(/built-in contract \d+\.\d+\.\d+(?:-[\w.]+)?/g, 'built-in contract <version>');
  await expect(text).toMatchFileSnapshot(path.join(packageDir, 'test', '__snapshots__', 'cli', `${name}.txt`));
}
