// What the contract benches share: the built CLI, and running a Node program under measure.mjs in a child process,
// pinned to one CPU when `taskset` exists, so that its figures are its own.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const cli = path.join(here, '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.error('bench: dist/cli.js is missing; run the build first');
  process.exit(2);
}
const measure = path.join(here, 'measure.mjs');
const pin = existsSync('/usr/bin/taskset') ? ['/usr/bin/taskset', '-c', '0'] : [];
export const pinning = pin.length ? 'pinned to CPU 0 with taskset' : 'not pinned';

/**
 * Runs `node [nodeFlags] measure.mjs script ...args`; returns the child and its resource use (measure.mjs's BENCH
 * line: wallMs, userMs, systemMs, maxRssKb), undefined when the program ended without one.
 */
export function measured(script, args, { nodeFlags = [], ...options } = {}) {
  const command = [...pin, process.execPath, ...nodeFlags, measure, script, ...args];
  const child = spawnSync(command[0], command.slice(1), { encoding: 'utf8', ...options });
  child.stdout ??= '';
  const line = child.stderr.split('\n').find((l) => l.startsWith('BENCH '));
  return { child, usage: line ? JSON.parse(line.slice(6)) : undefined };
}
