import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MockStartError,
  type PrismServer,
  type StartMockOptions,
  bundledSpecPath,
  startMock,
  startProxy,
} from '../dist/index.js';
import { BASIC, freePort, listening, PATH } from './support.js';

const started: PrismServer[] = [];
afterAll(async () => {
  await Promise.all(started.map((m) => m.close()));
});

async function start(options?: StartMockOptions & { engine?: 'prism' }): Promise<PrismServer> {
  const mock = await startMock(options);
  started.push(mock);
  return mock;
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

describe.concurrent('startMock', () => {
  it('serves the bundled spec on a free loopback port, in this process, with the vendor envelope', async () => {
    const mock = await start();
    expect(mock.engine).toBe('prism');
    expect(mock.spec).toBe(bundledSpecPath);
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
    expect(mock.port).toBeGreaterThan(0);
    const res = await fetch(`${mock.url}${PATH}`, { headers: { authorization: BASIC } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['data', 'errors', 'warnings']);
    expect(body.data).not.toBeNull();
  });

  it('close() frees the port, leaves other mocks alone, and can be called again', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    expect(a.port).not.toBe(b.port);
    await a.close();
    expect(await listening(a.port)).toBe(false);
    await expect(a.close()).resolves.toBeUndefined();
    const res = await fetch(`${b.url}/v3/users/1/targetGroups`, { headers: { authorization: BASIC } });
    expect(res.status).toBe(200);
  });

  it('uses the given port, and reports a port already in use in one line', async () => {
    const holder = createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    const taken = (holder.address() as { port: number }).port;
    try {
      const error = await rejection(startMock({ port: taken }));
      expect(error.code).toBe('ERR_MOCK_PORT_IN_USE');
      expect(error.message).toContain('EADDRINUSE');
      expect(error.message.split('\n')).toHaveLength(1);
    } finally {
      await new Promise((r) => holder.close(r));
    }
    const mock = await start({ port: taken });
    expect(mock.port).toBe(taken);
    expect(await listening(taken)).toBe(true);
  });

  it('rejects a spec path that does not exist, naming it', async () => {
    const missing = join(scratch, 'no-such-spec.yaml');
    const error = await rejection(startMock({ spec: missing }));
    expect(error.code).toBe('ERR_MOCK_SPEC_NOT_FOUND');
    expect(error.message).toContain(missing);
  });

  it('says in one line why a spec cannot be served, without a stack trace', async () => {
    const malformed = join(scratch, 'malformed.yaml');
    writeFileSync(malformed, 'openapi: 3.1.0\ninfo: [\n  title: : broken\n');
    const error = await rejection(startMock({ spec: malformed }));
    expect(error.code).toBe('ERR_MOCK_BAD_SPEC');
    expect(error.message).toContain(malformed);
    expect(error.message).not.toMatch(/\bat .*\.js:\d+/);
    expect(error.message.split('\n')).toHaveLength(1);

    const notOpenApi = join(scratch, 'not-openapi.yaml');
    writeFileSync(notOpenApi, 'hello: world\n');
    const error2 = await rejection(startMock({ spec: notOpenApi }));
    expect(error2.code).toBe('ERR_MOCK_BAD_SPEC');
    expect(error2.message).toContain('Unsupported document format');
  });

  it('never shows the credentials of a spec URL', async () => {
    const port = await freePort();
    const error = await rejection(startMock({ spec: `http://reader:s3cret-pass@127.0.0.1:${port}/spec.yaml` }));
    expect(error.code).toBe('ERR_MOCK_BAD_SPEC');
    expect(error.message).toContain(`http://127.0.0.1:${port}/spec.yaml`);
    expect(error.message).not.toContain('s3cret-pass');
  });

  it('rejects bad options before starting anything', async () => {
    expect((await rejection(startMock({ port: 70000 }))).code).toBe('ERR_MOCK_BAD_OPTION');
    expect((await rejection(startMock({ seed: 'a b' }))).code).toBe('ERR_MOCK_BAD_OPTION');
    expect((await rejection(startMock({ startTimeoutMs: 0 }))).code).toBe('ERR_MOCK_BAD_OPTION');
    expect((await rejection(startProxy('not a url'))).code).toBe('ERR_MOCK_BAD_OPTION');
    const engine = await rejection(startMock({ engine: 'nope' as 'prism' }));
    expect(engine.code).toBe('ERR_MOCK_BAD_OPTION');
    expect(engine.message).toContain('engine');
  });

  it('serves a spec read from a URL, its user name and password sent as Basic credentials', async () => {
    const text = readFileSync(bundledSpecPath, 'utf8');
    let authorization: string | undefined;
    const specServer = createHttpServer((request, response) => {
      authorization = request.headers.authorization;
      response.setHeader('content-type', 'application/json');
      response.end(text);
    });
    await new Promise<void>((resolve) => specServer.listen(0, '127.0.0.1', resolve));
    const { port } = specServer.address() as { port: number };
    try {
      const mock = await start({ spec: `http://reader:pass@127.0.0.1:${port}/targetGroups.json` });
      expect(authorization).toBe(`Basic ${Buffer.from('reader:pass').toString('base64')}`);
      expect(mock.spec).not.toContain('pass');
      const res = await fetch(`${mock.url}${PATH}`, { headers: { authorization: BASIC } });
      expect(res.status).toBe(200);
    } finally {
      specServer.closeAllConnections();
      await new Promise((resolve) => specServer.close(resolve));
    }
  });

  it('gives up when reading the spec takes longer than the start timeout', async () => {
    // A spec server that accepts the request and never answers: the timeout, not the machine's speed, decides.
    const silent = createHttpServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const started = Date.now();
      const error = await rejection(startMock({ spec: `http://127.0.0.1:${port}/spec.yaml`, startTimeoutMs: 300 }));
      expect(error.code).toBe('ERR_MOCK_TIMEOUT');
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('serves an edited spec file on the same port', async () => {
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
    let id: number | undefined;
    for (const end = Date.now() + 15_000; id !== 2 && Date.now() < end; ) {
      await new Promise((r) => setTimeout(r, 100));
      id = await read().catch(() => undefined);
    }
    expect(id).toBe(2);
    // A broken edit keeps the last good spec.
    writeFileSync(spec, 'openapi: [');
    await new Promise((r) => setTimeout(r, 500));
    expect(await read()).toBe(2);
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

  it("passes Prism's log to onLog, one line per record", async () => {
    const lines: string[] = [];
    const mock = await start({ onLog: (line) => lines.push(line) });
    await fetch(`${mock.url}/v3/users/abc/targetGroups`, { headers: { authorization: BASIC } });
    expect(lines.some((line) => /^error \[VALIDATOR\] .*userid/.test(line))).toBe(true);
    expect(lines.every((line) => !line.includes('\n'))).toBe(true);
  });
});
