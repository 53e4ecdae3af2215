import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MockStartError, bundledSpecPath, startMock, startProxy, type PrismServer } from '../dist/index.js';

const BASIC = `Basic ${Buffer.from('till:5f4dcc3b5aa765d61d8327deb882cf99').toString('base64')}`;
const started: PrismServer[] = [];
afterAll(async () => {
  await Promise.all(started.map((m) => m.close()));
});

async function start(options?: Parameters<typeof startMock>[0]): Promise<PrismServer> {
  const mock = await startMock(options);
  started.push(mock);
  return mock;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

function portAcceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function rejection(promise: Promise<unknown>): Promise<MockStartError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MockStartError);
  return error as MockStartError;
}

const scratch = mkdtempSync(join(tmpdir(), 'target-groups-mock-test-'));

// Independent tests, each with its own Prism processes: side by side, the file takes a third of the time.
describe.concurrent('startMock', () => {
  it('serves the bundled spec on a free loopback port and answers with the vendor envelope', async () => {
    const mock = await start();
    expect(mock.spec).toBe(bundledSpecPath);
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
    expect(mock.port).toBeGreaterThan(0);
    const res = await fetch(`${mock.url}/v3/users/566881933/targetGroups`, { headers: { authorization: BASIC } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['data', 'errors', 'warnings']);
    expect(body.data).not.toBeNull();
  });

  it('close() ends exactly its own process, frees the port, and can be called again', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    expect(a.port).not.toBe(b.port);
    expect(alive(a.pid)).toBe(true);

    await a.close();
    expect(alive(a.pid)).toBe(false);
    expect(await portAcceptsConnections(a.port)).toBe(false);
    expect(await canBind(a.port)).toBe(true);
    await expect(a.close()).resolves.toBeUndefined();

    expect(alive(b.pid)).toBe(true);
    const res = await fetch(`${b.url}/v3/users/1/targetGroups`, { headers: { authorization: BASIC } });
    expect(res.status).toBe(200);
  });

  it('uses the given port, and reports a port already in use', async () => {
    const holder = createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    const taken = (holder.address() as { port: number }).port;
    try {
      const error = await rejection(startMock({ port: taken }));
      expect(error.code).toBe('ERR_MOCK_EXITED');
      expect(error.message).toContain('EADDRINUSE');
      expect(error.message).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((r) => holder.close(r));
    }
    const mock = await start({ port: taken });
    expect(mock.port).toBe(taken);
    expect(await portAcceptsConnections(taken)).toBe(true);
  });

  it('rejects a spec path that does not exist, naming it, without starting anything', async () => {
    const missing = join(scratch, 'no-such-spec.yaml');
    const error = await rejection(startMock({ spec: missing }));
    expect(error.code).toBe('ERR_MOCK_SPEC_NOT_FOUND');
    expect(error.message).toContain(missing);
  });

  it('summarizes why Prism refused a malformed spec, without a stack trace', async () => {
    const malformed = join(scratch, 'malformed.yaml');
    writeFileSync(malformed, 'openapi: 3.1.0\ninfo: [\n  title: : broken\n');
    const error = await rejection(startMock({ spec: malformed }));
    expect(error.code).toBe('ERR_MOCK_EXITED');
    expect(error.exitCode).not.toBe(0);
    expect(error.message).toContain(malformed);
    expect(error.message).not.toMatch(/\bat .*\.js:\d+/);
    expect(error.message.split('\n')).toHaveLength(1);

    const notOpenApi = join(scratch, 'not-openapi.yaml');
    writeFileSync(notOpenApi, 'hello: world\n');
    const error2 = await rejection(startMock({ spec: notOpenApi }));
    expect(error2.message).toContain('Unsupported document format');
    expect(error2.message).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('rejects bad options before spawning', async () => {
    expect((await rejection(startMock({ port: 70000 }))).code).toBe('ERR_MOCK_BAD_OPTION');
    expect((await rejection(startMock({ seed: 'a b' }))).code).toBe('ERR_MOCK_BAD_OPTION');
    expect((await rejection(startProxy('not a url'))).code).toBe('ERR_MOCK_BAD_OPTION');
  });

  it('gives up after the start timeout and leaves no process behind', async () => {
    // A copy of the spec under a unique path marks this test's process in the process list.
    const marked = join(scratch, 'timeout-marker.yaml');
    copyFileSync(bundledSpecPath, marked);
    const error = await rejection(startMock({ spec: marked, startTimeoutMs: 1 }));
    expect(error.code).toBe('ERR_MOCK_TIMEOUT');
    const processes = execFileSync('ps', ['-eo', 'args']).toString();
    expect(processes).not.toContain(marked);
  });

  it('stays on its port when Prism reloads the edited spec', async () => {
    const spec = join(scratch, 'editable.yaml');
    const doc = (id: number) => `openapi: 3.1.0
info: { title: editable, version: '1' }
paths:
  /things:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              example: { id: ${id} }
`;
    writeFileSync(spec, doc(1));
    const mock = await start({ spec });
    const read = async () => ((await (await fetch(`${mock.url}/things`)).json()) as { id: number }).id;
    expect(await read()).toBe(1);
    writeFileSync(spec, doc(2));
    // Prism notices the change after its file watcher settles (about half a second) and restarts its server.
    let id: number | undefined;
    for (const end = Date.now() + 15_000; id !== 2 && Date.now() < end; ) {
      await new Promise((r) => setTimeout(r, 200));
      id = await read().catch(() => undefined);
    }
    expect(id).toBe(2);
    expect(alive(mock.pid)).toBe(true);
  });

  it('with dynamic and a seed, generates the same body for the same seed', async () => {
    const [a, b, c] = await Promise.all([
      start({ dynamic: true, seed: 7 }),
      start({ dynamic: true, seed: 7 }),
      start({ dynamic: true, seed: 8 }),
    ]);
    const get = async (m: PrismServer) =>
      (await fetch(`${m.url}/v3/users/1/targetGroups`, { headers: { authorization: BASIC } })).text();
    const [ta, tb, tc] = await Promise.all([get(a), get(b), get(c)]);
    expect(ta).toBe(tb);
    expect(ta).not.toBe(tc);
  });
});

describe.concurrent('lifetime bound to the parent process', () => {
  const owner = fileURLToPath(new URL('./fixtures/owner.mjs', import.meta.url));

  async function runOwner(
    mode: 'exit' | 'hang',
  ): Promise<{ pid: number; port: number; child: ReturnType<typeof spawn> }> {
    const child = spawn(process.execPath, [owner, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout!.on('data', (chunk) => {
        text += String(chunk);
        if (text.includes('\n')) resolve(text.split('\n')[0]!);
      });
      child.once('exit', (code) => (text.includes('\n') ? undefined : reject(new Error(`owner exited ${code}`))));
    });
    return { ...(JSON.parse(line) as { pid: number; port: number }), child };
  }

  it('ends Prism when the parent exits without calling close()', async () => {
    const { pid, port } = await runOwner('exit');
    expect(await eventually(() => !alive(pid))).toBe(true);
    expect(await portAcceptsConnections(port)).toBe(false);
  });

  it('ends Prism when the parent is killed with SIGKILL', async () => {
    const { pid, port, child } = await runOwner('hang');
    expect(alive(pid)).toBe(true);
    expect(await portAcceptsConnections(port)).toBe(true);
    child.kill('SIGKILL');
    expect(await eventually(() => !alive(pid))).toBe(true);
    expect(await portAcceptsConnections(port)).toBe(false);
  });
});
