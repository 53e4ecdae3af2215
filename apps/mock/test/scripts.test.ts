// `pnpm mock` and `pnpm mock:proxy UPSTREAM` as a user runs them: what they print, that what they print works,
// how they stop, and how they refuse bad input.
import { fileURLToPath } from 'node:url';
import { startStandIn, type StandIn } from '@test/vendor-stand-in';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, workspaceSpecPath } from '../src/catalog.mjs';
import { freePort, runScript, slViolations } from './support/helpers.js';

const START = fileURLToPath(new URL('../src/start.mjs', import.meta.url));
const PROXY = fileURLToPath(new URL('../src/proxy.mjs', import.meta.url));
const catalog = loadCatalog(workspaceSpecPath);

async function refused(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/`).then(
    () => false,
    () => true,
  );
}

describe('pnpm mock (src/start.mjs)', () => {
  it('serves on MOCK_PORT, prints the URL, every example name and a curl line that works; stops on SIGTERM', async () => {
    const port = await freePort();
    const run = runScript(START, [], { MOCK_PORT: String(port) });
    try {
      await run.waitFor(/^Try:\n\s+curl .*$/m);
      const out = run.stdout();
      expect(out).toContain(`http://127.0.0.1:${port}`);
      for (const example of catalog.examples)
        expect(out).toMatch(new RegExp(`\\b${example.status}\\s+${example.name}\\b`));

      // Every listed Prefer header works as printed, including the bare example= of the error statuses.
      for (const example of catalog.examples) {
        const listed = new RegExp(`\\b${example.status}\\s+${example.name}\\s+Prefer: ([^\\n]+?)(\\s{2}|$)`, 'm').exec(
          out,
        )![1]!;
        if (example.status !== 200 && catalog.examples.filter((e) => e.name === example.name).length === 1)
          expect(listed).toBe(`example=${example.name}`);
        const res = await fetch(`http://127.0.0.1:${port}${catalog.pathTemplate.replace('{userId}', '566881933')}`, {
          headers: { authorization: 'Basic eDp5', prefer: listed },
        });
        expect(res.status).toBe(example.status);
        expect(await res.json()).toEqual(example.value);
      }

      // Run the printed curl line's request.
      const curl = /^\s+curl (.*)$/m.exec(out)![1]!;
      const user = /-u '([^']+)'/.exec(curl)![1]!;
      const prefer = /-H 'Prefer: ([^']+)'/.exec(curl)![1]!;
      const url = /'(http:\/\/[^']+)'/.exec(curl)![1]!;
      const res = await fetch(url, {
        headers: { authorization: `Basic ${Buffer.from(user).toString('base64')}`, prefer },
      });
      expect(res.status).toBe(200);
      const name = /example=(\w+)/.exec(prefer)![1]!;
      expect(await res.json()).toEqual(catalog.examples.find((e) => e.name === name)!.value);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exit).toEqual({ code: 0, signal: null });
    expect(await refused(port)).toBe(true);
  });

  it.each([['abc'], ['0'], ['70000']])(
    'refuses MOCK_PORT=%s with exit code 2 and a message naming it',
    async (value) => {
      const run = runScript(START, [], { MOCK_PORT: value });
      expect((await run.exit).code).toBe(2);
      expect(run.stderr()).toContain('MOCK_PORT');
      expect(run.stderr()).not.toMatch(/\n\s+at /);
    },
  );

  it('reports a port already in use with exit code 1, without a stack trace', async () => {
    const { createServer } = await import('node:net');
    const holder = createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    const port = (holder.address() as { port: number }).port;
    try {
      const run = runScript(START, [], { MOCK_PORT: String(port) });
      expect((await run.exit).code).toBe(1);
      expect(run.stderr()).toMatch(/EADDRINUSE/);
      expect(run.stderr()).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((r) => holder.close(r));
    }
  });
});

describe('pnpm mock:proxy UPSTREAM (src/proxy.mjs)', () => {
  let standIn: StandIn;
  beforeAll(async () => {
    standIn = await startStandIn({ open: true });
  });
  afterAll(async () => {
    await standIn?.close();
  });

  it('validates the traffic to UPSTREAM on MOCK_PROXY_PORT and flags a drifted body', async () => {
    const { DRIFTS, SEED_USER_IDS } = await import('@test/vendor-stand-in');
    const port = await freePort();
    const run = runScript(PROXY, [standIn.url], { MOCK_PROXY_PORT: String(port) });
    try {
      await run.waitFor(/listening on (http:\/\/\S+)/);
      expect(run.stdout()).toContain(standIn.url);
      const base = `http://127.0.0.1:${port}${catalog.pathTemplate}`;
      const ok = await fetch(base.replace('{userId}', SEED_USER_IDS[0]!), { headers: { authorization: 'Basic eDp5' } });
      expect(ok.status).toBe(200);
      const drift = DRIFTS.find((d) => d.severity === 'error')!;
      const bad = await fetch(base.replace('{userId}', drift.userId), { headers: { authorization: 'Basic eDp5' } });
      expect(bad.status).toBe(500);
      expect(slViolations(bad).length).toBeGreaterThan(0);
      // The violation also reaches the terminal of whoever runs the proxy.
      await run.waitFor(/VIOLATIONS|Violation/);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect((await run.exit).code).toBe(0);
    expect(await refused(port)).toBe(true);
  });

  it.each([
    ['no UPSTREAM', []],
    ['a non-URL UPSTREAM', ['eu.api.capillarytech.com']],
    ['two UPSTREAMs', ['http://127.0.0.1:1', 'http://127.0.0.1:2']],
  ])('refuses %s with exit code 2 and the usage line', async (_label, args) => {
    const run = runScript(PROXY, args, {});
    expect((await run.exit).code).toBe(2);
    expect(run.stderr()).toContain('usage: pnpm mock:proxy UPSTREAM');
  });
});
