// `pnpm mock` and `pnpm mock:proxy UPSTREAM` as a user runs them (the bin `target-groups-mock` behind them): what
// they print, that what they print works, that killing them frees the port, and how they refuse bad input.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import {
  DRIFTS,
  exampleUserIds as SEED_USER_IDS,
  type ScenarioServer,
  startScenarioServer,
} from '@target-groups/mock/scenarios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freedWithin, freePort, listening, run, slViolations } from './support/helpers.js';
import { examples, pathFor, pathOf } from './support/spec.js';

const BIN = join(
  dirname(createRequire(import.meta.url).resolve('@target-groups/mock/package.json')),
  'bin/target-groups-mock.mjs',
);

/** The repository root, where the README's `pnpm mock` runs. */
function workspaceRoot(): string {
  for (let dir = process.cwd(); dir !== dirname(dir); dir = dirname(dir))
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
  throw new Error('no pnpm-workspace.yaml above the working directory');
}

// Each test starts pnpm, turbo and a fresh Prism: seconds, and much longer on a loaded machine.
describe('pnpm mock', { timeout: 180_000 }, () => {
  it('serves on MOCK_PORT, prints the URL, every example with a Prefer header that works, a curl line that works; kill -SIGTERM of the pnpm pid frees the port within 2 s', async () => {
    const port = await freePort();
    const mock = run('pnpm', ['mock'], { MOCK_PORT: String(port) }, workspaceRoot());
    try {
      await mock.waitFor(/^Try:\n\s+curl .*$/m);
      const out = mock.stdout();
      expect(out).toContain(`listening on http://127.0.0.1:${port}`);
      for (const example of examples) {
        // Listed under its own operation: the lines after `GET <its path>`, up to the next operation.
        const section = out.split(`\n  GET ${pathOf(example)}\n`)[1]?.split(/\n {2}GET |\n\n/)[0] ?? '';
        const listed = new RegExp(`\\b${example.status}\\s+${example.name}\\s+Prefer: ([^\\n]+?)(\\s{2}|$)`, 'm').exec(
          section,
        )?.[1];
        expect(listed, `${example.name} is not listed under ${pathOf(example)}`).toBe(`example=${example.name}`);
        const res = await fetch(`http://127.0.0.1:${port}${pathFor(566881933, pathOf(example))}`, {
          headers: { authorization: 'Basic eDp5', prefer: listed! },
        });
        expect(res.status).toBe(example.status);
        expect(await res.json()).toEqual(example.value);
      }
      const curl = /^\s+curl (.*)$/m.exec(out)![1]!;
      const user = /-u '([^']+)'/.exec(curl)![1]!;
      const prefer = /-H 'Prefer: ([^']+)'/.exec(curl)![1]!;
      const url = /'(http:\/\/[^']+)'/.exec(curl)![1]!;
      const res = await fetch(url, {
        headers: { authorization: `Basic ${Buffer.from(user).toString('base64')}`, prefer },
      });
      expect(res.status).toBe(200);
      const name = /example=(\w+)/.exec(prefer)![1]!;
      expect(await res.json()).toEqual(examples.find((e) => e.name === name)!.value);
    } finally {
      mock.child.kill('SIGTERM');
    }
    await mock.exit;
    expect(await freedWithin(port, 2000)).toBe(true);
  });

  // SIGTERM: the test above ends that way.
  it('kill -SIGKILL of the pnpm mock pid frees the port within 2 s', async () => {
    const port = await freePort();
    const mock = run('pnpm', ['mock'], { MOCK_PORT: String(port) }, workspaceRoot());
    try {
      await mock.waitFor(/listening on http/);
      expect(await listening(port)).toBe(true);
      process.kill(mock.child.pid!, 'SIGKILL');
      expect(await freedWithin(port, 2000)).toBe(true);
    } finally {
      mock.child.kill('SIGKILL');
    }
  });

  it.each([['SIGTERM'], ['SIGKILL']] as const)(
    'kill -%s of the pnpm mock:scenarios pid frees the port within 2 s',
    async (signal) => {
      const port = await freePort();
      const mock = run('pnpm', ['mock:scenarios'], { MOCK_PORT: String(port) }, workspaceRoot());
      try {
        await mock.waitFor(/Scenario mock .* on http/);
        expect(await listening(port)).toBe(true);
        process.kill(mock.child.pid!, signal);
        expect(await freedWithin(port, 2000)).toBe(true);
      } finally {
        mock.child.kill('SIGKILL');
      }
    },
  );

  it.each([['abc'], ['-1'], ['70000']])(
    'refuses MOCK_PORT=%s with exit code 2 and a message naming it',
    async (value) => {
      const mock = run(BIN, [], { MOCK_PORT: value });
      expect((await mock.exit).code).toBe(2);
      expect(mock.stderr()).toContain('MOCK_PORT');
      expect(mock.stderr()).not.toMatch(/\n\s+at /);
    },
  );

  it('reports a port already in use with exit code 3, without a stack trace', async () => {
    const holder = createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    const port = (holder.address() as { port: number }).port;
    try {
      const mock = run(BIN, [], { MOCK_PORT: String(port) });
      expect((await mock.exit).code).toBe(3);
      expect(mock.stderr()).toMatch(/EADDRINUSE/);
      expect(mock.stderr()).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((r) => holder.close(r));
    }
  });
});

describe('pnpm mock:proxy UPSTREAM', { timeout: 180_000 }, () => {
  let vendor: ScenarioServer;
  beforeAll(async () => {
    vendor = await startScenarioServer({ requireAuth: false, drifts: true });
  });
  afterAll(async () => {
    await vendor?.close();
  });

  it('validates the traffic to UPSTREAM on MOCK_PROXY_PORT, flags a drifted body, and frees the port on kill', async () => {
    const port = await freePort();
    const proxy = run('pnpm', ['mock:proxy', vendor.url], { MOCK_PROXY_PORT: String(port) }, workspaceRoot());
    try {
      await proxy.waitFor(/listening on (http:\/\/\S+)/);
      expect(proxy.stdout()).toContain(vendor.url);
      const ok = await fetch(`http://127.0.0.1:${port}${pathFor(SEED_USER_IDS[0]!)}`, {
        headers: { authorization: 'Basic eDp5' },
      });
      expect(ok.status).toBe(200);
      const drift = DRIFTS.find((d) => d.severity === 'error')!;
      const bad = await fetch(`http://127.0.0.1:${port}${pathFor(drift.userId)}`, {
        headers: { authorization: 'Basic eDp5' },
      });
      expect(bad.status).toBe(500);
      expect(slViolations(bad).length).toBeGreaterThan(0);
      // The violation also reaches the terminal of whoever runs the proxy.
      await proxy.waitFor(/VIOLATIONS|Violation/);
      process.kill(proxy.child.pid!, 'SIGTERM');
      expect(await freedWithin(port, 2000)).toBe(true);
    } finally {
      proxy.child.kill('SIGKILL');
    }
  });

  it.each([
    ['no UPSTREAM', ['proxy']],
    ['a non-URL UPSTREAM', ['proxy', 'eu.api.capillarytech.com']],
    ['two UPSTREAMs', ['proxy', 'http://127.0.0.1:1', 'http://127.0.0.1:2']],
  ])('refuses %s with exit code 2 and the usage line', async (_label, args) => {
    const proxy = run(BIN, args, {});
    expect((await proxy.exit).code).toBe(2);
    expect(proxy.stderr()).toContain('usage: target-groups-mock');
  });
});
