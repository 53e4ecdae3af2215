// The HTTP face (startScenarioServer) and its command (`pnpm mock:scenarios`), on 127.0.0.1 and free ports.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ScenarioServerError, startScenarioServer, type ScenarioServer } from '../../src/scenarios/index.js';
import { BASIC_AUTHORIZATION, call } from './support.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(packageDir, 'bin', 'target-groups-mock.mjs');
const httpFetch = (input: string, init?: RequestInit) => fetch(input, init);

describe('startScenarioServer', () => {
  let server: ScenarioServer;
  beforeAll(async () => {
    server = await startScenarioServer();
  });
  afterAll(() => server?.close());

  test('answers user 999 as user 999 on a free port of 127.0.0.1', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
    const answer = await call(httpFetch, server.url, 999);
    expect(answer.status).toBe(200);
    expect(answer.body.data.userId).toBe(999);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.headers.get('x-cap-requestid')).toBeTruthy();
  });

  test('rateLimited keeps the realistic Retry-After of 1 s over HTTP', async () => {
    const answer = await call(httpFetch, server.url, 1, { prefer: 'scenario=rateLimited' });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('1');
  });

  test('reset drops the connection without an answer', async () => {
    const error = await call(httpFetch, server.url, 1, { prefer: 'scenario=reset' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(((error as Error).cause as { code?: string }).code).toMatch(/^(UND_ERR_SOCKET|ECONNRESET)$/);
    // The server goes on answering.
    expect((await call(httpFetch, server.url, 1)).status).toBe(200);
  });

  test('a client that gives up during slow is let go; the server goes on', async () => {
    const gaveUp = await fetch(`${server.url}/v3/users/1/targetGroups`, {
      headers: { authorization: BASIC_AUTHORIZATION, prefer: 'scenario=slow, delay=60000' },
      signal: AbortSignal.timeout(50),
    }).catch((e: unknown) => e);
    expect((gaveUp as Error).name).toBe('TimeoutError');
    expect((await call(httpFetch, server.url, 2)).status).toBe(200);
  });

  test('a taken port is refused in one line', async () => {
    const error = await startScenarioServer({ port: server.port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioServerError);
    expect((error as ScenarioServerError).code).toBe('ERR_MOCK_PORT_IN_USE');
    expect((error as Error).message).toBe(`port ${server.port} on 127.0.0.1 is already in use`);
  });

  test('close() frees the port and can be called twice', async () => {
    const other = await startScenarioServer();
    await Promise.all([other.close(), other.close()]);
    const again = await startScenarioServer({ port: other.port });
    await again.close();
  });
});

describe('the command (target-groups-mock scenarios, pnpm mock:scenarios)', () => {
  const run = (env: Record<string, string>) => {
    const child = spawn(process.execPath, [BIN, 'scenarios'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited, out: () => stdout, err: () => stderr };
  };
  const urlOf = async (started: ReturnType<typeof run>) => {
    for (let i = 0; i < 200 && !/ on (http:\S+)/.test(started.out()); i++) await new Promise((r) => setTimeout(r, 25));
    return / on (http:\S+)/.exec(started.out())?.[1];
  };
  let running: ChildProcess | undefined;
  afterAll(() => running?.kill());

  test('serves on MOCK_PORT (0: a free port), lists the scenarios and stops on SIGTERM', async () => {
    const started = run({ MOCK_PORT: '0' });
    running = started.child;
    const url = await urlOf(started);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.out()).toContain('noTargetGroups');
    const answer = await call(httpFetch, url!, 999, { query: { includeInactive: true } });
    expect(answer.body.data.userId).toBe(999);
    const empty = await call(httpFetch, url!, 999, { prefer: 'scenario=noTargetGroups' });
    expect(empty.body.data.targetGroups).toEqual([]);
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
  });

  test('MOCK_SCENARIO sets the default scenario', async () => {
    const started = run({ MOCK_PORT: '0', MOCK_SCENARIO: 'noTargetGroups' });
    running = started.child;
    const url = await urlOf(started);
    expect((await call(httpFetch, url!, 5)).body.data.targetGroups).toEqual([]);
    started.child.kill('SIGTERM');
    await started.exited;
  });

  test.each([
    [{ MOCK_PORT: 'http' }, 2, 'MOCK_PORT must be a port number from 0 to 65535 (0: a free port), got "http"'],
    [{ MOCK_PORT: '0', MOCK_SCENARIO: 'sometimes' }, 2, 'MOCK_SCENARIO must be one of forwardCompatible,'],
  ])('bad settings: one line and a distinct exit code (%j)', async (env, code, message) => {
    const started = run(env);
    expect(await started.exited).toBe(code);
    expect(started.err()).toContain(message);
    expect(started.err()).not.toMatch(/\n\s+at /);
  });

  test('a taken port: one line, exit code 3', async () => {
    const server = await startScenarioServer();
    try {
      const started = run({ MOCK_PORT: String(server.port) });
      expect(await started.exited).toBe(3);
      expect(started.err().trim()).toBe(
        `target-groups-mock: could not start: port ${server.port} on 127.0.0.1 is already in use`,
      );
    } finally {
      await server.close();
    }
  });
});
