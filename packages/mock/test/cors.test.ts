// The CORS policy (src/cors.ts): credentials only for loopback origins and the listed ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowsCredentials, type PrismServer, startMock } from '../dist/index.js';
import { BASIC, PATH } from './support.js';

const LISTED = 'https://app.example.test';
let mock: PrismServer;
let closed: PrismServer;
beforeAll(async () => {
  [mock, closed] = await Promise.all([startMock({ credentialedOrigins: [LISTED] }), startMock({ cors: false })]);
});
afterAll(async () => {
  await Promise.all([mock?.close(), closed?.close()]);
});

const get = (server: PrismServer, origin: string) =>
  fetch(`${server.url}${PATH}`, { headers: { authorization: BASIC, origin } });
const preflight = (server: PrismServer, origin: string) =>
  fetch(`${server.url}${PATH}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
  });

describe('CORS', () => {
  it.each([['http://localhost:8080'], ['http://127.0.0.1:5173'], ['http://[::1]:3000'], [LISTED]])(
    '%s may send credentials',
    async (origin) => {
      for (const res of [await get(mock, origin), await preflight(mock, origin)]) {
        expect(res.headers.get('access-control-allow-origin')).toBe(origin);
        expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      }
    },
  );

  it.each([['https://evil.example'], ['http://localhost.evil.example'], ['null']])(
    '%s is answered without Access-Control-Allow-Credentials',
    async (origin) => {
      const res = await get(mock, origin);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('vary')).toMatch(/origin/i);
      const pre = await preflight(mock, origin);
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    },
  );

  it('cors: false sends no CORS headers', async () => {
    const res = await get(closed, 'http://localhost:8080');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('allowsCredentials reads the origin, not a prefix of it', () => {
    const policy = { credentialedOrigins: [LISTED] };
    expect(allowsCredentials('http://localhost', policy)).toBe(true);
    expect(allowsCredentials('https://127.0.0.1:8443', policy)).toBe(true);
    expect(allowsCredentials('http://127.0.0.1.evil.example', policy)).toBe(false);
    expect(allowsCredentials(`${LISTED}.evil.example`, policy)).toBe(false);
    expect(allowsCredentials('file://localhost', policy)).toBe(false);
    expect(allowsCredentials('not a url', policy)).toBe(false);
  });
});
