// The bin `target-groups-mock` as a process: it leaves with whatever started it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freedWithin, freePort, listening } from './support.js';

const BIN = fileURLToPath(new URL('../bin/target-groups-mock.mjs', import.meta.url));
const LAUNCHER = fileURLToPath(new URL('./fixtures/launcher.mjs', import.meta.url));

function launch(script: string, args: string[], port: number) {
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, MOCK_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk) => (out += String(chunk)));
  child.stderr!.on('data', (chunk) => (out += String(chunk)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', () => out.includes('listening on') && resolve());
    child.once('exit', (code) => reject(new Error(`exited ${code} before listening: ${out}`)));
  });
  return { child, ready };
}

// Starting Prism's modules in a fresh process takes seconds, and much longer on a loaded machine.
describe.concurrent('target-groups-mock', { timeout: 180_000 }, () => {
  it('stops when a process above its parent is killed with SIGKILL', async () => {
    const port = await freePort();
    const { child, ready } = launch(LAUNCHER, [BIN], port);
    try {
      await ready;
      expect(await listening(port)).toBe(true);
      child.kill('SIGKILL');
      expect(await freedWithin(port, 2000)).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('exits 0 on SIGTERM and frees the port', async () => {
    const port = await freePort();
    const { child, ready } = launch(BIN, [], port);
    await ready;
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await listening(port)).toBe(false);
  });
});
