import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);

export const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cliPath = path.join(packageDir, 'dist', 'cli.js');
export const specPath = require.resolve('@target-groups/spec/targetGroups.yaml');
export const specDir = path.dirname(require.resolve('@target-groups/spec/package.json'));
export const fixturesDir = path.join(specDir, 'fixtures', 'seed');

type Json = Record<string, unknown>;

export function loadSpec(): Json {
  return parse(readFileSync(specPath, 'utf8')) as Json;
}

function resolveRef(spec: Json, node: unknown): unknown {
  let current = node as Json;
  while (current && typeof current.$ref === 'string') {
    current = (current.$ref as string)
      .slice(2)
      .split('/')
      .reduce<unknown>((n, key) => (n as Json)[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec) as Json;
  }
  return current;
}

export interface ExampleCase {
  name: string;
  status: number;
  value: unknown;
}

/** Every named example of every response of every operation, read from the spec (so the list cannot go stale). */
export function specExamples(spec: Json): ExampleCase[] {
  const cases: ExampleCase[] = [];
  for (const item of Object.values(spec.paths as Json)) {
    for (const operation of Object.values(item as Json)) {
      const responses = (operation as Json).responses as Json | undefined;
      if (!responses) continue;
      for (const [status, raw] of Object.entries(responses)) {
        const response = resolveRef(spec, raw) as Json;
        const content = (response.content ?? {}) as Json;
        for (const media of Object.values(content)) {
          for (const [key, ref] of Object.entries(((media as Json).examples ?? {}) as Json)) {
            const example = resolveRef(spec, ref) as Json;
            const name =
              typeof (ref as Json).$ref === 'string' ? ((ref as Json).$ref as string).split('/').pop()! : key;
            cases.push({ name, status: Number(status), value: example.value });
          }
        }
      }
    }
  }
  return cases;
}

export function component(spec: Json, name: string): Json {
  return ((spec.components as Json).schemas as Json)[name] as Json;
}

export interface Fixture {
  name: string;
  body: Json;
}

export function seedFixtures(): Fixture[] {
  return readdirSync(fixturesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => ({ name, body: JSON.parse(readFileSync(path.join(fixturesDir, name), 'utf8')) as Json }));
}

export function fixture(userId: string): Json {
  const found = seedFixtures().find((f) => String((f.body.data as Json | null)?.userId) === userId);
  if (!found) throw new Error(`no seed fixture for user ${userId}`);
  return structuredClone(found.body);
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI with a clean environment (no credentials leak in from the shell). */
export function runCli(
  args: string[],
  options: { input?: string | Buffer; env?: Record<string, string>; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: options.cwd ?? packageDir,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
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
