// `pnpm start` as the root README's quick start runs it: on free ports, it ends with one ready block naming both
// URLs and a curl that works as printed; Ctrl-C frees both ports. Bad settings fail fast with a clear message.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { freedWithin, freePort } from '@target-groups/spec/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { readExpectations } from './expectations.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const expected = await readExpectations();

let running: ChildProcess | undefined;
afterEach(() => {
  // Its own process group: pnpm, the start script and both servers stop with it.
  if (running?.pid !== undefined && running.exitCode === null && running.signalCode === null) {
    process.kill(-running.pid, 'SIGKILL');
  }
  running = undefined;
});

function start(env: Record<string, string>, args: string[] = []) {
  const child = spawn('pnpm', ['start', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running = child;
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk) => (output.stdout += chunk));
  child.stderr?.on('data', (chunk) => (output.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output, exited };
}

/** What `pnpm start` printed, without pnpm's own two-line header (`> target-groups-contract@ start ...`). */
const own = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => !/^> /.test(line))
    .join('\n')
    .replace(/^\n+/, '');

describe('pnpm start', () => {
  it('ends with one ready block: both URLs, the named examples and a curl that works as printed; Ctrl-C frees both ports', {
    timeout: 600_000,
  }, async () => {
    const [docsPort, mockPort] = [await freePort(), await freePort()];
    const { child, output, exited } = start({ DOCS_PORT: String(docsPort), MOCK_PORT: String(mockPort) });
    const ready = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const block = /\nTry:\n {2}(curl .+)\n$/.exec(output.stdout);
        if (block) {
          clearInterval(timer);
          resolve(block[1]!);
        }
      }, 100);
      void exited.then((code) =>
        reject(new Error(`pnpm start exited (${code}) before it was ready:\n${output.stdout}\n${output.stderr}`)),
      );
    });

    const printed = own(output.stdout);
    const [building, built, blank, readyLine] = printed.split('\n');
    expect(building).toBe(
      'Building the spec, types, client, docs and mock (output only on failure; pnpm start --verbose shows it)...',
    );
    expect(built).toMatch(/^Built in \d+\.\d s; starting the docs and the contract mock\.\.\.$/);
    expect(blank).toBe('');
    expect(readyLine).toBe('Ready: the docs and the contract mock are serving (Ctrl-C stops both).');
    // No build lines, no Redocly banner, no turbo prefixes; on stderr nothing but pnpm's echo of the script it runs.
    expect(printed).not.toMatch(/@target-groups\/[a-z-]+:|╔|turbo/);
    expect(output.stderr.replace(/^\$ node scripts\/start\.mjs\n/, '')).toBe('');
    expect(printed).toContain(`\nDocs: http://127.0.0.1:${docsPort}/ (`);
    expect(printed).toContain(`\nContract mock (Prism) listening on http://127.0.0.1:${mockPort}\n`);
    // Relative to where `pnpm start` was typed, not to the mock's package folder.
    expect(printed).toContain(
      '\n  spec: packages/mock/dist/targetGroups.json (the contract built into this package)\n',
    );
    for (const example of expected.spec.examples) expect(printed).toContain(`Prefer: example=${example.name}`);

    // The curl, run as printed: its URL's user is the user of the example its Prefer header selects.
    const [, exampleName, userId] = /Prefer: example=(\w+)' '.*\/users\/(\d+)\//.exec(ready) ?? [];
    const example = expected.spec.examples.find((e) => e.name === exampleName);
    expect((example?.value as { data?: { userId?: number } })?.data?.userId).toBe(Number(userId));
    const curl = spawnSync('sh', ['-c', ready], { encoding: 'utf8' });
    expect(curl.status).toBe(0);
    expect(JSON.parse(curl.stdout)).toEqual(example?.value);

    const page = await fetch(`http://127.0.0.1:${docsPort}/`);
    expect(await page.text()).toContain(`data-section-id="${expected.landing.route}"`);

    // Ctrl-C reaches the whole foreground group, as in a terminal.
    process.kill(-child.pid!, 'SIGINT');
    expect(await freedWithin(docsPort, 10_000)).toBe(true);
    expect(await freedWithin(mockPort, 10_000)).toBe(true);
    await exited;
  });

  it('refuses a taken port before building, naming the setting', { timeout: 60_000 }, async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const { output, exited } = start({ DOCS_PORT: String(await freePort()), MOCK_PORT: String(port) });
      expect(await exited).toBe(2);
      expect(output.stderr).toContain(`start: port ${port} on 127.0.0.1 is in use; set MOCK_PORT to a free port`);
      expect(output.stdout).not.toContain('Building');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('refuses a port that is not a number and an unknown argument', { timeout: 60_000 }, async () => {
    const badPort = start({ DOCS_PORT: '80x80' });
    expect(await badPort.exited).toBe(2);
    expect(badPort.output.stderr).toContain('start: DOCS_PORT must be a port number from 1 to 65535, got "80x80"');
    const badArgument = start({}, ['--quiet']);
    expect(await badArgument.exited).toBe(2);
    expect(badArgument.output.stderr).toContain('start: unknown argument --quiet\nusage: pnpm start [--verbose]');
  });
});
