// The docs commands the READMEs show work as typed: each is run from where the README says, serving on a free
// port, and the page it serves is fetched.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '@target-groups/spec/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { readExpectations } from './expectations.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const readme = readFileSync(`${repoRoot}README.md`, 'utf8');
const { landing } = await readExpectations();

let running: ChildProcess | undefined;
afterEach(() => {
  // Its own process group: the command's children (turbo, the static server) stop with it.
  if (running?.pid !== undefined && running.exitCode === null) process.kill(-running.pid, 'SIGTERM');
  running = undefined;
});

/** Runs a README command in the repository root and resolves with the URL it prints once it serves. */
function serve(command: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    running = spawn('sh', ['-c', command], {
      cwd: repoRoot,
      env: { ...process.env, DOCS_PORT: String(port) },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk;
      const url = /Docs: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
      if (url) resolve(url);
    };
    running.stdout?.on('data', onData);
    running.stderr?.on('data', onData);
    running.on('exit', (code) => reject(new Error(`\`${command}\` exited (${code}) before serving:\n${output}`)));
  });
}

describe('documented docs commands', () => {
  const commands = [...new Set([...readme.matchAll(/`(pnpm docs:[a-z]+)`/g)].map((m) => m[1]!))];

  it('the README names the command that serves the docs', () => {
    expect(commands).toContain('pnpm docs:serve');
  });

  it.each(commands)('`%s` serves the page and its Markdown on DOCS_PORT', { timeout: 180_000 }, async (command) => {
    const port = await freePort();
    const url = await serve(command, port);
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`data-section-id="${landing.route}"`);
    const markdown = await fetch(`${url}index.md`);
    expect(markdown.status).toBe(200);
    expect(await markdown.text()).toContain(`## GET ${landing.path}`);
  });
});
