// The drift monitor as an attacker or a careless operator would try it: a body that echoes the credentials, an
// onDrift that rejects, a capture stream that fails later, a sink that never drains; and `client.drift.flush()`.
// Each through the client's public options and a `fetch` that answers in-process.
import { mkdtempSync, readFileSync, rmSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { seedFixtures } from '@target-groups/spec';
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import { DriftCaptureOverflow } from '../src/drift.js';
import {
  type DriftReport,
  type TargetGroupsAuth,
  type TargetGroupsClientOptions,
  createTargetGroupsClient,
} from '../src/index.js';

const seed = seedFixtures().find((fixture) => fixture.file === '566881933.json')!;
const dir = mkdtempSync(path.join(tmpdir(), 'client-drift-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const answering = (text: string) => async () => new Response(text, { headers: { 'content-type': 'application/json' } });

function client(options: Partial<TargetGroupsClientOptions>) {
  return createTargetGroupsClient({
    baseUrl: 'https://eu.api.capillarytech.com',
    auth: { type: 'basic', username: 'store.till', password: 'pw-Secret-5a9c' },
    deprecationWarning: false,
    ...options,
  } as TargetGroupsClientOptions);
}

/** Each character as a JSON `\uXXXX` escape: the same string to a JSON reader, other bytes to a text search. */
const unicodeEscaped = (text: string) =>
  [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

describe('a captured line never carries a credential the client sent', () => {
  const PASSWORD = 'pw-Secret-5a9c';
  const AUTHS: [string, TargetGroupsAuth, string[]][] = [
    ['basic', { type: 'basic', username: 'store.till', password: PASSWORD }, [PASSWORD]],
    [
      'basic (passwordMd5)',
      { type: 'basic', username: 'store.till', passwordMd5: '5ebe2294ecd0e0f08eab7690d2a6ee69' },
      [],
    ],
    [
      'oauth',
      { type: 'oauth', key: 'key-Secret-77', secret: 'secret-Secret-88' },
      ['key-Secret-77', 'secret-Secret-88'],
    ],
    ['token', { type: 'token', token: 'ready-Secret-0a1b2c' }, ['ready-Secret-0a1b2c']],
    ['token function', { type: 'token', token: async () => 'fn-Secret-3d4e5f' }, ['fn-Secret-3d4e5f']],
  ];

  test.each(AUTHS)(
    '%s: a 200 body that echoes the request headers is captured redacted',
    async (_kind, auth, given) => {
      const sent: string[] = [...given];
      // A misbehaving gateway: the seed answer with the request's headers quoted in it, once as sent and once escaped.
      const echo = async (input: RequestInfo | URL, init?: RequestInit) => {
        const request = new Request(input, init);
        if (request.url.endsWith('/v3/oauth/token/generate'))
          return new Response(JSON.stringify({ data: { accessToken: 'oauth-Secret-9f8e', ttlSeconds: 300 } }));
        const authorization = request.headers.get('authorization');
        const token = request.headers.get('x-cap-api-oauth-token');
        for (const header of [authorization, authorization?.slice(6), token]) if (header) sent.push(header);
        if (authorization) sent.push(atob(authorization.slice(6)).split(':')[1]!);
        const headers = `authorization: ${authorization}\\ntoken: ${token}`;
        const text = JSON.stringify(seed.value).replace(
          '"data":{',
          `"data":{"echo":"${headers}","escaped":"${unicodeEscaped(headers)}","md5":"${authorization ? atob(authorization.slice(6)).split(':')[1]!.toUpperCase() : ''}",`,
        );
        return new Response(text, { headers: { 'content-type': 'application/json' } });
      };
      const lines: string[] = [];
      const reports: DriftReport[] = [];
      const api = client({
        auth,
        fetch: echo,
        drift: { sampleRate: 1, capture: (line) => void lines.push(line), onDrift: (r) => void reports.push(r) },
      });
      const data = (await api.getTargetGroups(566881933)) as unknown as Record<string, string>;
      // The caller gets the body as sent; only what leaves the client is redacted.
      expect(data.echo).toMatch(/^authorization: /);
      await api.drift.flush();
      expect(lines).toHaveLength(1);
      const captured = JSON.parse(lines[0]!) as { data: Record<string, string> };
      expect(captured.data.echo).toContain('[redacted]');
      expect(captured.data.escaped).toContain('[redacted]');
      const shown = [lines[0]!, JSON.stringify(captured), JSON.stringify(reports)].join('\n').toLowerCase();
      expect(sent.length).toBeGreaterThan(1);
      for (const secret of sent) expect(shown, secret).not.toContain(secret.toLowerCase());
      expect(reports[0]!.violations.map((v) => v.pointer)).toEqual(['/data/echo', '/data/escaped', '/data/md5']);
    },
  );
});

describe('what goes wrong in the monitor reaches onError, never the host process', () => {
  test('an async onDrift that rejects', async () => {
    const errors: unknown[] = [];
    const api = client({
      fetch: answering(JSON.stringify({ ...(seed.value as object), extra: 1 })),
      drift: {
        sampleRate: 1,
        onDrift: async () => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          throw new Error('async consumer bug');
        },
        onError: (error) => void errors.push(error),
      },
    });
    await api.getTargetGroups(1);
    await api.drift.flush();
    expect(errors.map(String)).toEqual(['Error: async consumer bug']);
  });

  test('without onError: one process warning', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const api = client({
      fetch: answering(JSON.stringify({ ...(seed.value as object), extra: 1 })),
      drift: { sampleRate: 1, onDrift: () => Promise.reject(new Error('rejected report')) },
    });
    await api.getTargetGroups(1);
    await api.drift.flush();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain('rejected report');
  });

  test('a capture stream that fails later (a full disk): its error event, then the samples it can no longer take', async () => {
    const errors: unknown[] = [];
    const full = new Writable({
      write(_chunk, _encoding, done) {
        setImmediate(() =>
          done(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })),
        );
      },
    });
    const api = client({
      fetch: answering(JSON.stringify(seed.value)),
      drift: { sampleRate: 1, capture: full, onError: (error) => void errors.push(error) },
    });
    await api.getTargetGroups(1);
    await api.drift.flush();
    await api.getTargetGroups(1);
    await api.getTargetGroups(1);
    await api.drift.flush();
    expect(errors.map((e) => (e as { code?: string }).code ?? (e as Error).name)).toEqual([
      'ENOSPC',
      'DriftCaptureOverflow',
      'DriftCaptureOverflow',
    ]);
    expect((errors[2] as DriftCaptureOverflow).dropped).toBe(2);
  });

  test('a capture file that cannot be opened fails before the first sample: reported, not thrown', async () => {
    const errors: unknown[] = [];
    const stream = createWriteStream(path.join(dir, 'missing-directory', 'capture.ndjson'));
    const api = client({
      fetch: answering(JSON.stringify(seed.value)),
      drift: { sampleRate: 1, capture: stream, onError: (error) => void errors.push(error) },
    });
    await vi.waitFor(() => expect(errors.map((e) => (e as { code?: string }).code)).toEqual(['ENOENT']));
    await api.getTargetGroups(1);
    await api.drift.flush();
    expect(errors).toHaveLength(3);
    expect(errors[1]).toBeInstanceOf(DriftCaptureOverflow);
  });
});

describe('a capture sink that does not keep up loses samples, never memory', () => {
  /** A stream whose writes never complete until `drain()` is called. */
  function stalled() {
    const pending: (() => void)[] = [];
    const stream = new Writable({
      write(_chunk, _encoding, done) {
        pending.push(done);
      },
    });
    const drain = async () => {
      while (pending.length) {
        pending.shift()!();
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    return { stream, drain };
  }

  test('while the sink holds maxPendingCaptureBytes, samples are dropped and counted; the count is reported', async () => {
    const { stream, drain } = stalled();
    const errors: unknown[] = [];
    const text = JSON.stringify(seed.value);
    const limit = 20 * Buffer.byteLength(`${text}\n`); // twenty NDJSON lines
    const api = client({
      fetch: answering(text),
      drift: { sampleRate: 1, capture: stream, maxPendingCaptureBytes: limit, onError: (e) => void errors.push(e) },
    });
    for (let i = 0; i < 60; i++) await api.getTargetGroups(1);
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    // Every sample was taken up: what the sink holds stays within the limit.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stream.writableLength).toBeLessThanOrEqual(limit);
    expect(stream.writableLength).toBeGreaterThan(limit - 2 * text.length);
    const flushed = api.drift.flush();
    await drain();
    await flushed;
    const [started, counted] = errors as DriftCaptureOverflow[];
    expect(started).toBeInstanceOf(DriftCaptureOverflow);
    expect(started!.message).toContain(`holds ${limit} bytes`);
    expect(counted!.dropped).toBe(60 - 20);
  });

  test('the default limit is 8 MiB; a sink whose promise never settles counts as full too', async () => {
    const errors: unknown[] = [];
    const text = JSON.stringify(seed.value);
    const api = client({
      fetch: answering(text),
      drift: { sampleRate: 1, capture: () => new Promise(() => undefined), onError: (e) => void errors.push(e) },
    });
    const fits = Math.floor((8 * 1024 * 1024) / (text.length + 1));
    for (let i = 0; i < fits + 5; i++) await api.getTargetGroups(1);
    await vi.waitFor(() => expect(errors).toHaveLength(1), { timeout: 10_000 });
    expect(errors[0]).toBeInstanceOf(DriftCaptureOverflow);
  }, 30_000);
});

describe('client.drift.flush()', () => {
  test('resolves once every sampled answer is checked, reported (async onDrift awaited) and written', async () => {
    const file = path.join(dir, 'flushed.ndjson');
    const capture = createWriteStream(file);
    const finished: string[] = [];
    const api = client({
      fetch: answering(JSON.stringify({ ...(seed.value as object), extra: 1 })),
      drift: {
        sampleRate: 1,
        capture,
        onDrift: async (report) => {
          await new Promise((resolve) => setTimeout(resolve, 30));
          finished.push(report.violations[0]!.pointer);
        },
        dedupeWindowMs: 0,
      },
    });
    await Promise.all([api.getTargetGroups(1), api.getTargetGroups(2), api.getTargetGroups(3)]);
    expect(finished).toEqual([]);
    await api.drift.flush();
    expect(finished).toEqual(['/extra', '/extra', '/extra']);
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(4);
    capture.end();
    // Without drift there is nothing to wait for.
    await expect(client({ fetch: answering('{}') }).drift.flush()).resolves.toBeUndefined();
  });
});
