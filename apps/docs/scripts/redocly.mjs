// Runs the pinned Redocly CLI (patched at install, see pnpm-workspace.yaml) with telemetry and update notices off,
// and returns what it printed without the boxed Node.js support notice, which says nothing about the spec.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const redoclyBin = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin/cli.js');

export class RedoclyStartError extends Error {}

/**
 * @param {string[]} argv
 * @param {string} cwd
 * @returns {{ status: number, output: string }}
 */
export function runRedocly(argv, cwd) {
  const run = spawnSync(process.execPath, [redoclyBin, ...argv], {
    cwd,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw new RedoclyStartError(`could not run Redocly CLI: ${run.error.message}`);
  return { status: run.status ?? 1, output: withoutNodeNotice(`${run.stdout}${run.stderr}`) };
}

/** @param {string} text */
function withoutNodeNotice(text) {
  return text
    .split('\n')
    .filter((line) => !/^\s*[╔╚║]/.test(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
