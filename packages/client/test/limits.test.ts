// Hostile or careless input the client must bound: endless bodies, credentials that cannot be sent, absurd retry
// settings, and a token endpoint that drops the connection. Sockets only where the fault is a socket's.
import type { ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import { seedFixtures } from '@target-groups/spec';
import { type ScenarioServer, startScenarioServer, vendorEnvelope } from '@target-groups/mock/scenarios';
import { json } from './support/fakeVendor.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TargetGroupsApiError, type TargetGroupsClientOptions, createTargetGroupsClient } from '../src/index.js';
import { failure } from './support/failure.js';

const OK_BODY = seedFixtures().find((s) => s.file === '566881933.json')!.text;
const MiB = 1024 * 1024;

let server: ScenarioServer;
beforeAll(async () => {
  server = await startScenarioServer();
});
afterAll(async () => {
  await server.close();
});

const BASIC = { type: 'basic', username: 'store.till', password: 'pw' } as const;

/** A `fetch` that answers without a socket. */
const answering =
  (body: BodyInit | null, init: ResponseInit = { status: 200 }): typeof fetch =>
  async () =>
    new Response(body, init);

function thrownBy(create: () => unknown): TargetGroupsApiError {
  try {
    create();
  } catch (error) {
    expect(error).toBeInstanceOf(TargetGroupsApiError);
    return error as TargetGroupsApiError;
  }
  throw new Error('expected createTargetGroupsClient to throw');
}

/** No view of the error a logger might write holds `secret`, nor any part of it between the bad characters. */
function expectNotQuoted(error: TargetGroupsApiError, secret: string): void {
  const parts = secret.split(/[\0\r\n]/).filter((part) => part.length > 3);
  for (const view of [error.message, error.stack ?? '', inspect(error, { depth: 5 }), JSON.stringify(error)])
    for (const part of [secret, ...parts]) expect(view).not.toContain(part);
}

describe('response size limit', () => {
  /**
   * Writes 64 KiB chunks until the client hangs up (or, for a client without a limit, up to 48 MiB, then ends the
   * body); resolves with the bytes written by then.
   */
  function endless(res: ServerResponse): Promise<number> {
    return new Promise((resolve) => {
      let written = 0;
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"data":');
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) {
          written += chunk.length;
          if (written > 48 * MiB) {
            res.end('}');
            return resolve(written);
          }
        }
      };
      res.on('drain', pump);
      res.on('close', () => resolve(written));
      pump();
    });
  }

  test('an endless 200 body ends the call at the default 16 MiB, while it streams', async () => {
    let sent: Promise<number> | undefined;
    server.handle((_req, res) => {
      sent = endless(res);
    });
    const started = Date.now();
    const error = await failure(
      createTargetGroupsClient({ baseUrl: server.url, auth: BASIC, timeoutMs: 20_000 }).getTargetGroups(1),
    );
    expect(error).toMatchObject({ kind: 'too-large', status: 200 });
    expect(error.message).toContain(`${16 * MiB} bytes`);
    expect(Date.now() - started).toBeLessThan(15_000); // long before the timeout
    // The server stopped because the client hung up, not because it reached its own cap.
    expect(await sent).toBeLessThan(40 * MiB);
  });

  test('fetchRaw is bounded too, and maxResponseBytes is configurable', async () => {
    server.handle((_req, res) => void endless(res));
    const error = await failure(
      createTargetGroupsClient({ baseUrl: server.url, auth: BASIC, maxResponseBytes: 100_000 }).fetchRaw(1),
    );
    expect(error).toMatchObject({ kind: 'too-large' });
    expect(error.message).toContain('100000 bytes');
  });

  test('a body just under the limit passes, one byte over does not (no socket)', async () => {
    const size = Buffer.byteLength(OK_BODY);
    const make = (maxResponseBytes: number) =>
      createTargetGroupsClient({
        baseUrl: 'https://eu.api.capillarytech.com',
        auth: BASIC,
        maxResponseBytes,
        fetch: answering(OK_BODY),
      });
    expect((await make(size).getTargetGroups(566881933)).userId).toBe(566881933);
    expect((await failure(make(size - 1).getTargetGroups(566881933))).kind).toBe('too-large');
  });

  test('an announced Content-Length over the limit is refused before reading', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const error = await failure(
      createTargetGroupsClient({
        baseUrl: 'https://eu.api.capillarytech.com',
        auth: BASIC,
        maxResponseBytes: 4096,
        fetch: answering(stream, { status: 200, headers: { 'Content-Length': '999999999' } }),
      }).getTargetGroups(1),
    );
    expect(error.kind).toBe('too-large');
    expect(pulled).toBeLessThanOrEqual(1); // what the stream pre-fills, nothing read
  });

  test('a small gzip body that decodes past the limit is stopped as it decodes', async () => {
    const bomb = gzipSync(Buffer.alloc(24 * MiB, 0x20));
    server.handle((_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
        'Content-Length': String(bomb.length),
      });
      res.end(bomb);
    });
    const error = await failure(createTargetGroupsClient({ baseUrl: server.url, auth: BASIC }).getTargetGroups(1));
    expect(bomb.length).toBeLessThan(MiB);
    expect(error).toMatchObject({ kind: 'too-large', status: 200 });
  });

  test('a redirect whose Location is not a URL is refused without naming anything from it', async () => {
    const error = await failure(
      createTargetGroupsClient({
        baseUrl: 'https://eu.api.capillarytech.com',
        auth: BASIC,
        fetch: answering(null, { status: 302, headers: { Location: 'http://[not-a-host/secret-path' } }),
      }).getTargetGroups(1),
    );
    expect(error.kind).toBe('redirect');
    expect(error.message).toContain('an unknown location');
    expect(error.message).not.toContain('secret-path');
  });

  test('the OAuth token answer is bounded as well', async () => {
    server.handle((req, res) => (req.url === '/v3/oauth/token/generate' ? void endless(res) : json(res, 200, OK_BODY)));
    const error = await failure(
      createTargetGroupsClient({
        baseUrl: server.url,
        auth: { type: 'oauth', key: 'k', secret: 's' },
        maxResponseBytes: 50_000,
      }).getTargetGroups(1),
    );
    expect(error).toMatchObject({ kind: 'too-large', operation: 'generateToken' });
  });

  test.each([0, -1, 1.5, Number.NaN])('maxResponseBytes %s is refused at creation', (maxResponseBytes) => {
    const error = thrownBy(() => createTargetGroupsClient({ cluster: 'eu', auth: BASIC, maxResponseBytes }));
    expect(error.kind).toBe('invalid-argument');
    expect(error.message).toContain('maxResponseBytes');
  });
});

describe('credentials that cannot be sent as they are', () => {
  const bad = ['tok-Secret-1\r\nX-Injected: yes', 'tok-Secret-2\nmore', 'tok-Secret-3\0nul', 'tok-Secret-4\r'];

  test.each(bad.map((token) => [JSON.stringify(token), token]))(
    'a ready token %s is refused at creation, never quoted',
    (_label, token) => {
      const error = thrownBy(() => createTargetGroupsClient({ cluster: 'eu', auth: { type: 'token', token } }));
      expect(error.kind).toBe('invalid-argument');
      expect(error.message).toContain('auth.token');
      expectNotQuoted(error, token);
    },
  );

  test('a token past U+00FF cannot go into a header either', () => {
    const error = thrownBy(() => createTargetGroupsClient({ cluster: 'eu', auth: { type: 'token', token: 'tök€n' } }));
    expect(error.kind).toBe('invalid-argument');
    expectNotQuoted(error, 'tök€n');
  });

  test.each([
    ['password', { type: 'basic', username: 'store.till', password: 'pw-Secret-9\n' }],
    ['username', { type: 'basic', username: 'till\r\nX: y', password: 'pw' }],
    ['secret', { type: 'oauth', key: 'key', secret: 'sec-Secret-8\0' }],
    ['key', { type: 'oauth', key: 'key-Secret-7\r\n', secret: 'sec' }],
  ])('auth.%s with a control character is refused at creation, never quoted', (field, auth) => {
    const error = thrownBy(() => createTargetGroupsClient({ cluster: 'eu', auth } as TargetGroupsClientOptions));
    expect(error.kind).toBe('invalid-argument');
    expect(error.message).toContain(`auth.${field}`);
    expectNotQuoted(error, (auth as Record<string, string>)[field]!);
  });

  test('a token function that returns such a token fails the call before anything is sent', async () => {
    server.handle((_req, res) => json(res, 200, OK_BODY));
    const token = 'fn-Secret-6\r\nX-Injected: yes';
    const error = await failure(
      createTargetGroupsClient({ baseUrl: server.url, auth: { type: 'token', token: () => token } }).getTargetGroups(1),
    );
    expect(error.kind).toBe('invalid-argument');
    expectNotQuoted(error, token);
    expect(server.received).toEqual([]);
  });

  test('an OAuth token with a newline from the token endpoint is refused, never quoted', async () => {
    const token = 'issued-Secret-5\r\nX-Injected: yes';
    server.handle((req, res) =>
      req.url === '/v3/oauth/token/generate'
        ? json(res, 200, { data: { accessToken: token, ttlSeconds: 300 }, errors: null })
        : json(res, 200, OK_BODY),
    );
    const error = await failure(
      createTargetGroupsClient({ baseUrl: server.url, auth: { type: 'oauth', key: 'k', secret: 's' } }).getTargetGroups(
        1,
      ),
    );
    expect(error).toMatchObject({ kind: 'invalid-body', operation: 'generateToken' });
    expectNotQuoted(error, token);
    expect(server.received.filter((r) => r.path.startsWith('/v3/users/'))).toEqual([]);
  });

  test('header values with CR/LF are refused by name, for the client and per call', async () => {
    const value = 'hdr-Secret-4\r\nX-Injected: yes';
    const error = thrownBy(() =>
      createTargetGroupsClient({ cluster: 'eu', auth: BASIC, headers: { 'X-CAP-API-ATTRIBUTION-ENTITY-CODE': value } }),
    );
    expect(error.message).toContain('X-CAP-API-ATTRIBUTION-ENTITY-CODE');
    expectNotQuoted(error, value);
    const perCall = await failure(
      createTargetGroupsClient({ cluster: 'eu', auth: BASIC, fetch: answering(OK_BODY) }).getTargetGroups(1, {
        headers: { 'X-Per-Call': value },
      }),
    );
    expect(perCall.kind).toBe('invalid-argument');
    expectNotQuoted(perCall, value);
  });
});

describe('retry settings are bounded', () => {
  test.each([0, 11, 1000, 2.5, Number.NaN])('retry.attempts %s is refused at creation', (attempts) => {
    const error = thrownBy(() => createTargetGroupsClient({ cluster: 'eu', auth: BASIC, retry: { attempts } }));
    expect(error.kind).toBe('invalid-argument');
    expect(error.message).toContain('retry.attempts');
    expect(error.message).toContain('1 to 10');
  });

  test('10 attempts is the most, and is honoured', async () => {
    server.handle((_req, res) => json(res, 503, vendorEnvelope(503, 'busy')));
    const error = await failure(
      createTargetGroupsClient({
        baseUrl: server.url,
        auth: BASIC,
        retry: { attempts: 10, baseDelayMs: 1, maxDelayMs: 2 },
      }).getTargetGroups(1),
    );
    expect(error).toMatchObject({ kind: 'http', status: 503, attempts: 10 });
    expect(server.received).toHaveLength(10);
  });
});

describe('the OAuth token request is retried on network errors', () => {
  const oauth = (attempts: number) =>
    createTargetGroupsClient({
      baseUrl: server.url,
      auth: { type: 'oauth', key: 'k', secret: 's' },
      retry: { attempts, baseDelayMs: 1, maxDelayMs: 5 },
    });

  test('a dropped connection on the first token request is retried', async () => {
    let tokenRequests = 0;
    server.handle((req, res) => {
      if (req.url !== '/v3/oauth/token/generate') return json(res, 200, OK_BODY);
      if (++tokenRequests === 1) return req.socket.destroy();
      return json(res, 200, { data: { accessToken: 'fresh', ttlSeconds: 300 }, errors: null });
    });
    const data = await oauth(3).getTargetGroups(566881933);
    expect(data.userId).toBe(566881933);
    expect(tokenRequests).toBe(2);
  });

  test('as many times as retry.attempts says, then a network error of the token operation', async () => {
    server.handle((req) => req.socket.destroy());
    const error = await failure(oauth(4).getTargetGroups(1));
    expect(error).toMatchObject({ kind: 'network', operation: 'generateToken', attempts: 4 });
    expect(server.received).toHaveLength(4);
  });

  test('an answer is not retried, even a failed one', async () => {
    server.handle((_req, res) => json(res, 503, vendorEnvelope(503, 'busy')));
    const error = await failure(oauth(4).getTargetGroups(1));
    expect(error).toMatchObject({ kind: 'http', operation: 'generateToken', status: 503 });
    expect(server.received).toHaveLength(1);
  });
});
