// `Prefer: example=NAME` alone selects a named example of any status, not only of the 200 response that Prism
// searches by default. Names, statuses and bodies come from the bundled spec, so the list cannot go stale.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledSpecPath, startMock, type PrismServer } from '../dist/index.js';
import { exampleStatuses, preferWithCode } from '../src/prefer-front.js';

const BASIC = `Basic ${Buffer.from('till:5f4dcc3b5aa765d61d8327deb882cf99').toString('base64')}`;
const PATH = '/v3/users/566881933/targetGroups';

interface Example {
  name: string;
  status: number;
  value: unknown;
}

function deref(spec: any, node: any): any {
  while (node && typeof node.$ref === 'string') {
    node = node.$ref
      .slice(2)
      .split('/')
      .reduce((at: any, key: string) => at?.[key], spec);
  }
  return node;
}

const spec: any = parse(readFileSync(bundledSpecPath, 'utf8'));
const examples: Example[] = [];
for (const [status, response] of Object.entries(spec.paths['/v3/users/{userId}/targetGroups'].get.responses)) {
  const named = deref(spec, response)?.content?.['application/json']?.examples ?? {};
  for (const [name, entry] of Object.entries(named))
    examples.push({ name, status: Number(status), value: deref(spec, entry).value });
}
const countOf = (name: string) => examples.filter((e) => e.name === name).length;
const otherStatus = examples.filter((e) => e.status !== 200 && countOf(e.name) === 1);
const success = examples.filter((e) => e.status === 200);

let mock: PrismServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => {
  await mock?.close();
});

async function get(prefer?: string, path = PATH, headers: Record<string, string> = { authorization: BASIC }) {
  const res = await fetch(`${mock.url}${path}`, {
    headers: { ...headers, ...(prefer === undefined ? {} : { prefer }) },
  });
  return { res, text: await res.text() };
}

describe('Prefer: example=NAME through startMock()', () => {
  it('the spec has named examples of other statuses than 200, and of 200', () => {
    expect(otherStatus.length).toBeGreaterThanOrEqual(3);
    expect(success.length).toBeGreaterThanOrEqual(2);
  });

  it.each(otherStatus.map((e) => [`${e.status} ${e.name}`, e] as const))(
    '%s alone: that status and exactly that body',
    async (_label, example) => {
      const { res, text } = await get(`example=${example.name}`);
      expect(res.status).toBe(example.status);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(JSON.parse(text)).toEqual(example.value);
    },
  );

  it.each(otherStatus.map((e) => [`${e.status} ${e.name}`, e] as const))(
    '%s with its code still works',
    async (_label, example) => {
      const { res, text } = await get(`code=${example.status}, example=${example.name}`);
      expect(res.status).toBe(example.status);
      expect(JSON.parse(text)).toEqual(example.value);
    },
  );

  it.each(success.map((e) => [e.name, e] as const))('200 %s is unchanged', async (_label, example) => {
    const { res, text } = await get(`example=${example.name}`);
    expect(res.status).toBe(200);
    expect(JSON.parse(text)).toEqual(example.value);
  });

  it('leaves an explicit code to Prism: the example is not looked for under another status', async () => {
    const example = otherStatus[0]!;
    const other = otherStatus.find((e) => e.status !== example.status)!;
    const { res, text } = await get(`code=${other.status}, example=${example.name}`);
    expect(res.status).not.toBe(example.status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(text).toContain('NOT_FOUND');
  });

  it("passes Prism's headers through: sl-violations for an invalid request, its 401 without credentials", async () => {
    const invalid = await get(`example=${otherStatus[0]!.name}`, '/v3/users/abc/targetGroups');
    expect(invalid.res.status).toBe(400);
    expect(JSON.parse(invalid.res.headers.get('sl-violations') ?? '[]')).not.toEqual([]);
    const example400 = examples.find((e) => e.status === 400)!;
    expect(JSON.parse(invalid.text)).toEqual(example400.value);

    const anonymous = await get(undefined, PATH, {});
    expect(anonymous.res.status).toBe(401);
    expect(anonymous.res.headers.get('sl-violations')).toContain('401');
  });
});

describe('preferWithCode', () => {
  const statuses = exampleStatuses(spec);
  const notFound = otherStatus.find((e) => e.status === 404)!;

  it('maps exactly the names under one status other than 200', () => {
    expect(Object.fromEntries(statuses)).toEqual(Object.fromEntries(otherStatus.map((e) => [e.name, e.status])));
  });

  it.each([
    [`example=${notFound.name}`, `example=${notFound.name}, code=404`],
    [`Example = "${notFound.name}"`, `Example = "${notFound.name}", code=404`],
    [`dynamic=false, example=${notFound.name}`, `dynamic=false, example=${notFound.name}, code=404`],
    [`example=${notFound.name}; code=500`, `example=${notFound.name}; code=500, code=404`],
  ])('%s becomes %s', (prefer, expected) => {
    expect(preferWithCode(prefer, statuses)).toBe(expected);
  });

  it.each([
    [`code=500, example=${notFound.name}`],
    [`example=${notFound.name}, code=500`],
    [`example=${success[0]!.name}`],
    ['example=noSuchExample'],
    ['dynamic=true'],
    [`example="${notFound.name}`],
  ])('%s passes unchanged', (prefer) => {
    expect(preferWithCode(prefer, statuses)).toBeUndefined();
  });

  it('leaves out a name that appears under two statuses, and ranges', () => {
    const doc = parse(`
paths:
  /a:
    get:
      responses:
        '404': { content: { application/json: { examples: { twice: { value: 1 }, once: { value: 2 } } } } }
        '500': { content: { application/json: { examples: { twice: { value: 3 } } } } }
        4XX: { content: { application/json: { examples: { ranged: { value: 4 } } } } }
`);
    expect(Object.fromEntries(exampleStatuses(doc))).toEqual({ once: 404 });
  });
});

describe('the front follows an edited spec', () => {
  it('maps an example to its new status after the file changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'target-groups-mock-prefer-'));
    const file = join(dir, 'editable.yaml');
    const doc = (status: number) => `openapi: 3.1.0
info: { title: editable, version: '1' }
paths:
  /things:
    get:
      responses:
        '200':
          description: ok
          content: { application/json: { examples: { fine: { value: { ok: true } } } } }
        '${status}':
          description: not ok
          content: { application/json: { examples: { broken: { value: { status: ${status} } } } } }
`;
    writeFileSync(file, doc(404));
    const editable = await startMock({ spec: file });
    try {
      const read = async () => {
        const res = await fetch(`${editable.url}/things`, { headers: { prefer: 'example=broken' } });
        return { status: res.status, body: (await res.json().catch(() => undefined)) as unknown };
      };
      expect(await read()).toEqual({ status: 404, body: { status: 404 } });
      writeFileSync(file, doc(409));
      let seen: { status: number; body: unknown } | undefined;
      for (const end = Date.now() + 15_000; seen?.status !== 409 && Date.now() < end; ) {
        await new Promise((r) => setTimeout(r, 200));
        seen = await read().catch(() => undefined);
      }
      expect(seen).toEqual({ status: 409, body: { status: 409 } });
    } finally {
      await editable.close();
    }
  });
});
