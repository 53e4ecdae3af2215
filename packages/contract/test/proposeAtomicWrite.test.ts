// `propose --write` replaces the spec in one step: a temporary file beside it, renamed over it. Killed at any point
// of the write (SIGKILL, announced chunk by chunk by slowWrites.mjs, in a process of its own), the spec is the old
// one or the new one, byte for byte; a rename that fails leaves the old one and no temporary file; the next run (in
// this process) clears what a killed one left behind.
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { writeFileAtomically } from '../src/commands/propose/writeSpec.js';
import { tempDir } from './diffSupport.js';
import { cliPath, packageDir, runCli } from './helpers.js';
import { seed, workspace } from './proposeSupport.js';

const shim = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'slowWrites.mjs')).href;
const CHUNK = 8 * 1024;

/** A capture whose proposal is a few edits to the real spec (~160 KB: writing it takes twenty 8 KiB chunks). */
function editedWorkspace() {
  const body = seed();
  const target = body.data.targetGroups[0].targets[0];
  target.reward = { points: 5, code: 'A1' };
  target.eventName = null;
  body.data.targetGroups[0].trackingType = 'QUARTERLY';
  return workspace([body]);
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** `propose --write` to its end, in this process. */
const propose = (dir: string, spec: string, input: string) =>
  runCli(['propose', '--spec', spec, '--write', input], { cwd: dir });

/** Runs `propose --write` with slowWrites.mjs, killed with SIGKILL when `killWhen` returns true for a line. */
function killed(dir: string, spec: string, input: string, killWhen: (line: string) => boolean): Promise<Run> {
  return new Promise((resolve) => {
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', shim, cliPath, 'propose', '--spec', spec, '--write', input],
      {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', SLOW_WRITES_DIR: dir },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    let pending = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      if (lines.some(killWhen)) child.kill('SIGKILL');
    });
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

/** The size written so far when `line` announces a write into `dir` (the spec or a file beside it). */
const writeInto = (dir: string, line: string): number | undefined => {
  const match = /^write (.+) (\d+)$/.exec(line);
  return match && path.dirname(match[1]!) === dir ? Number(match[2]) : undefined;
};

describe('propose --write is atomic', () => {
  const reference = editedWorkspace();
  let proposed = '';

  // Each case starts the CLI in a process of its own: seconds, more on a loaded machine.
  const SLOW = 120_000;

  beforeAll(async () => {
    const done = await propose(reference.dir, reference.spec, reference.input);
    expect(done.code).toBe(1);
    proposed = readFileSync(reference.spec, 'utf8');
    expect(proposed).not.toBe(reference.before);
    expect(proposed.length).toBeGreaterThan(16 * CHUNK);
  }, SLOW);

  const points: [string, (dir: string) => (line: string) => boolean][] = [
    ['at the first chunk', (dir) => (line) => writeInto(dir, line) !== undefined],
    ['half way', (dir) => (line) => (writeInto(dir, line) ?? 0) >= proposed.length / 2],
    ['at the last chunk', (dir) => (line) => (writeInto(dir, line) ?? 0) >= proposed.length],
    ['right after the rename', () => (line) => line.startsWith('renamed ')],
  ];

  test.each(points)(
    'killed %s: the old spec or the new one, byte for byte',
    async (_, when) => {
      const ws = editedWorkspace();
      const stopped = await killed(ws.dir, ws.spec, ws.input, when(ws.dir));
      expect(stopped.signal).toBe('SIGKILL');
      const after = readFileSync(ws.spec, 'utf8');
      expect(after === ws.before || after === proposed).toBe(true);
      // A later run finishes the job and clears what the killed one left beside the spec.
      const again = await propose(ws.dir, ws.spec, ws.input);
      expect(again.stderr).not.toMatch(/internal error|Error:/);
      expect(readFileSync(ws.spec, 'utf8')).toBe(proposed);
      expect(readdirSync(ws.dir).sort()).toEqual(['capture.ndjson', 'targetGroups.yaml']);
    },
    SLOW,
  );

  test('a rename that fails leaves the old spec and no temporary file, and says why', () => {
    const dir = tempDir();
    const spec = path.join(dir, 'targetGroups.yaml');
    copyFileSync(path.join(packageDir, 'package.json'), spec);
    const before = readFileSync(spec, 'utf8');
    const failing = (from: unknown, to: unknown) => {
      throw Object.assign(
        new Error(`EXDEV: cross-device link not permitted, rename '${String(from)}' -> '${String(to)}'`),
        {
          code: 'EXDEV',
        },
      );
    };
    expect(() => writeFileAtomically(spec, 'new text', { renameSync: failing })).toThrow(
      /^cannot write .*targetGroups\.yaml \(the file is unchanged\): EXDEV/,
    );
    expect(readFileSync(spec, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['targetGroups.yaml']);
  });

  test('a write that fails (disk full) leaves the old spec and no temporary file', () => {
    const dir = tempDir();
    const spec = path.join(dir, 'targetGroups.yaml');
    writeFileSync(spec, 'old text\n');
    const full = () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    expect(() => writeFileAtomically(spec, 'x'.repeat(10_000), { writeSync: full })).toThrow(/ENOSPC/);
    expect(readFileSync(spec, 'utf8')).toBe('old text\n');
    expect(readdirSync(dir)).toEqual(['targetGroups.yaml']);
  });
});
