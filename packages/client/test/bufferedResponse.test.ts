// The answer as the fetch wrapper hands it over reads like any Response: every reader openapi-fetch's parseAs and a
// middleware may use, once; clones read again; status, headers and URL are the answer's.
import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { BufferedResponse } from '../src/bufferedResponse.js';

const TEXT = '{"data":{"userId":1},"errors":null,"warnings":null}';
const answer = (status = 200) =>
  new Response(status === 204 ? null : TEXT, {
    status,
    statusText: 'Fine',
    headers: { 'content-type': 'application/json' },
  });
const buffered = (body: string | Uint8Array<ArrayBuffer> = TEXT, status = 200) =>
  new BufferedResponse(body, answer(status), 2, 1000);

describe('BufferedResponse', () => {
  test('each reader gives the body, from text or from bytes', async () => {
    for (const body of [TEXT, new TextEncoder().encode(TEXT)]) {
      expect(await buffered(body).text()).toBe(TEXT);
      expect(await buffered(body).json()).toEqual(JSON.parse(TEXT));
      expect(new TextDecoder().decode(await buffered(body).arrayBuffer())).toBe(TEXT);
      expect(new TextDecoder().decode(await buffered(body).bytes())).toBe(TEXT);
      expect(await (await buffered(body).blob()).text()).toBe(TEXT);
      expect(await new Response(buffered(body).body).text()).toBe(TEXT);
    }
  });

  test('a body reads once, as a Response does; a clone reads again', async () => {
    const response = buffered();
    const copy = response.clone();
    expect(response.bodyUsed).toBe(false);
    await response.text();
    expect(response.bodyUsed).toBe(true);
    // Every reader refuses it as Response's own refuse a read body: a rejected promise, not a throw.
    for (const reader of ['text', 'json', 'arrayBuffer', 'blob', 'bytes', 'formData'] as const) {
      const read = response[reader]();
      expect(read, reader).toBeInstanceOf(Promise);
      await expect(read, reader).rejects.toThrow('Body is unusable');
    }
    expect(() => response.clone()).toThrow(TypeError);
    expect(response.body).toBeNull();
    expect(await copy.json()).toEqual(JSON.parse(TEXT));
    expect(copy).toBeInstanceOf(Response);
    // The client's own view of the body does not consume it.
    expect(response.bodyText).toBe(TEXT);
  });

  test("status, headers and URL are the answer's; attempts and Retry-After ride along", async () => {
    const response = buffered();
    expect([response.status, response.statusText, response.ok]).toEqual([200, 'Fine', true]);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response).toMatchObject({ attempts: 2, retryAfterMs: 1000 });
    const failed = buffered(TEXT, 503);
    expect([failed.status, failed.ok]).toEqual([503, false]);
    // A status without a body (204) keeps none.
    const empty = buffered('', 204);
    expect(empty.body).toBeNull();
    expect(await empty.text()).toBe('');
  });

  test('it is a Response without being built as one: every member of Response answers on it', async () => {
    const response = buffered();
    expect(response).toBeInstanceOf(Response);
    expect(Object.prototype.toString.call(response)).toBe('[object Response]');
    expect([response.type, response.redirected, response.url]).toEqual(['default', false, '']);
    // Each member of Response.prototype (those a later Node adds included), read or called on a fresh answer: none
    // may fail for want of Response's private state, as a native member called on this object would.
    const form = new Response('a=1', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const privateState = /private member|Illegal invocation|Receiver must be|brand/i;
    for (const key of Reflect.ownKeys(Response.prototype).filter((k) => k !== 'constructor')) {
      const fresh = new BufferedResponse('a=1', form, 1) as unknown as Record<PropertyKey, unknown>;
      const native = Object.getOwnPropertyDescriptor(Response.prototype, key)!;
      const { get, value } = native;
      // Its own member, read as Response's would be: not one inherited from Response, nor one a loop skips.
      if (get || typeof value === 'function') {
        const shape = (d?: PropertyDescriptor) =>
          d && [Boolean(d.get), Boolean(d.set), typeof d.value, d.writable, d.enumerable, d.configurable];
        expect(shape(Object.getOwnPropertyDescriptor(BufferedResponse.prototype, key)), String(key)).toEqual(
          shape(native),
        );
      }
      const outcome = await (async () => {
        if (get) return fresh[key];
        if (typeof value !== 'function') return value;
        if (typeof key === 'symbol') return inspect(fresh);
        return (fresh[key] as () => unknown)();
      })().catch((error: unknown) => error);
      expect(outcome instanceof Error ? outcome.message : '', String(key)).not.toMatch(privateState);
    }
    expect(inspect(response)).toMatch(/^Response \{\s+status: 200,\s+statusText: 'Fine',/);
    expect((await new BufferedResponse('a=1', form, 1).formData()).get('a')).toBe('1');
    // A body reader Response gains (Node 26's textStream) reads a copy once, as the others do.
    if ('textStream' in Response.prototype) {
      const fresh = buffered() as unknown as { textStream(): unknown; bodyUsed: boolean };
      expect(fresh.textStream()).toBeInstanceOf(ReadableStream);
      expect(fresh.bodyUsed).toBe(true);
      expect(() => fresh.textStream()).toThrow('Body is unusable');
    }
  });
});
