// The Prefer rule (src/prismPrefer.ts): `Prefer: example=NAME` alone selects a named example of any status. Names,
// statuses and bodies come from the spec reader, so the list cannot go stale.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSpec } from '@target-groups/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrismServer, startMock } from '../dist/index.js';
import { BASIC, PATH } from './support.js';

const { examples, operations } = await loadSpec();
const otherStatus = examples.filter((e) => e.status !== '200');
const success = examples.filter((e) => e.status === '200');
/** Each example is asked on the path of the operation it belongs to (566881933's, as PATH). */
const pathOf = (example: (typeof examples)[number]) =>
  operations.find((o) => o.operationId === example.operationId)!.path.replace('{userId}', '566881933');

let mock: PrismServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => {
  await mock?.close();
});

async function get(prefer?: string, path = PATH) {
  const res = await fetch(`${mock.url}${path}`, {
    headers: { authorization: BASIC, ...(prefer === undefined ? {} : { prefer }) },
  });
  return { res, text: await res.text() };
}

describe('Prefer: example=NAME', () => {
  it('the spec has named examples of other statuses than 200, and of 200', () => {
    expect(otherStatus.length).toBeGreaterThanOrEqual(3);
    expect(success.length).toBeGreaterThanOrEqual(2);
  });

  it.each(examples.map((e) => [`${e.operationId} ${e.status} ${e.name}`, e] as const))(
    '%s alone: that status and exactly that body',
    async (_label, example) => {
      const { res, text } = await get(`example=${example.name}`, pathOf(example));
      expect(res.status).toBe(Number(example.status));
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(JSON.parse(text)).toEqual(example.value);
    },
  );

  it.each(otherStatus.map((e) => [`${e.operationId} ${e.status} ${e.name}`, e] as const))(
    '%s with its code',
    async (_label, example) => {
      const { res, text } = await get(`code=${example.status}, example=${example.name}`, pathOf(example));
      expect(res.status).toBe(Number(example.status));
      expect(JSON.parse(text)).toEqual(example.value);
    },
  );

  it('a code= wins: the example is not looked for under another status', async () => {
    const example = otherStatus[0]!;
    const other = otherStatus.find((e) => e.status !== example.status)!;
    const { res, text } = await get(`code=${other.status}, example=${example.name}`);
    expect(res.status).not.toBe(Number(example.status));
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(text).toContain('NOT_FOUND');
  });

  it("an unknown name gets Prism's 404 problem document, not an answer of the API", async () => {
    const { res, text } = await get('example=noSuchExample');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(text).toContain('NOT_FOUND');
  });

  it('an invalid request still gets the 400, whatever example is preferred', async () => {
    const { res, text } = await get(`example=${otherStatus[0]!.name}`, '/v3/users/abc/targetGroups');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.headers.get('sl-violations') ?? '[]')).not.toEqual([]);
    expect(JSON.parse(text)).toEqual(examples.find((e) => e.status === '400')!.value);
  });

  it('lists every example with the Prefer value that selects it', () => {
    expect(mock.examples().map((e) => [e.path, e.status, e.name, e.prefer])).toEqual(
      examples.map((e) => [
        operations.find((o) => o.operationId === e.operationId)!.path,
        Number(e.status),
        e.name,
        `example=${e.name}`,
      ]),
    );
  });
});

describe('a name under two statuses', () => {
  it('selects the first response in the spec that has it; the other one needs its code', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'target-groups-mock-prefer-')), 'twice.yaml');
    writeFileSync(
      file,
      `openapi: 3.1.0
info: { title: twice, version: '1' }
paths:
  /things:
    get:
      responses:
        '200':
          description: ok
          content: { application/json: { examples: { fine: { value: { ok: true } } } } }
        '409':
          description: conflict
          content: { application/json: { examples: { twice: { value: { status: 409 } } } } }
        '503':
          description: unavailable
          content: { application/json: { examples: { twice: { value: { status: 503 } } } } }
`,
    );
    const twice = await startMock({ spec: file, watch: false });
    try {
      const read = async (prefer: string) => {
        const res = await fetch(`${twice.url}/things`, { headers: { prefer } });
        return { status: res.status, body: (await res.json()) as unknown };
      };
      expect(await read('example=twice')).toEqual({ status: 409, body: { status: 409 } });
      expect(await read('code=503, example=twice')).toEqual({ status: 503, body: { status: 503 } });
      expect(twice.examples().map((e) => e.prefer)).toEqual([
        'example=fine',
        'example=twice',
        'code=503, example=twice',
      ]);
    } finally {
      await twice.close();
    }
  });
});
