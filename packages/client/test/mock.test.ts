// The client against the contract mock (Prism serving spec/targetGroups.yaml), started by test/support/prismSetup.ts.
// Every named example of each operation (the v3 path; the connected-orgs path, called with a data scope) is selected
// with `Prefer` and must arrive typed, as the example says.
import { readFileSync } from 'node:fs';
import { bundledSpecPath } from '@target-groups/mock';
import type { UserTargetGroups } from '@target-groups/types';
import { describe, expect, expectTypeOf, inject, test } from 'vitest';
import { parse } from 'yaml';
import { type GetTargetGroupsOptions, TargetGroupsApiError, createTargetGroupsClient } from '../src/index.js';

interface Example {
  value: { data: unknown; errors: { code: number; message: string }[] | null };
}
interface Spec {
  paths: Record<
    string,
    {
      get: {
        operationId: string;
        responses: Record<
          string,
          { content?: Record<string, { examples?: Record<string, { $ref?: string } & Partial<Example>> }> }
        >;
      };
    }
  >;
  components: { examples: Record<string, Example> };
}

const spec = parse(readFileSync(bundledSpecPath, 'utf8')) as Spec;

/** The named examples of an operation of the mock's spec, by status. */
function casesOf(operationId: string) {
  const operation = Object.values(spec.paths)
    .map((p) => p.get)
    .find((op) => op?.operationId === operationId);
  if (!operation) throw new Error(`the spec has no ${operationId} operation`);
  return Object.entries(operation.responses).flatMap(([status, response]) =>
    Object.entries(response.content?.['application/json']?.examples ?? {}).map(([name, entry]) => {
      const example = entry.$ref ? spec.components.examples[entry.$ref.split('/').pop() as string] : (entry as Example);
      if (!example) throw new Error(`example ${name} cannot be resolved`);
      return { status: Number(status), name, value: example.value };
    }),
  );
}

// Each operation, with the options that make the client call it and the real bodies its 200 names at least.
const operations: Array<[string, GetTargetGroupsOptions, number]> = [
  ['getUserTargetGroups', {}, 3],
  ['getConnectedOrgUserTargetGroups', { dataScope: 'OTHER', dataScopeOrgs: [50363, 50364] }, 1],
];

function client() {
  return createTargetGroupsClient({
    baseUrl: inject('mockUrl'),
    auth: { type: 'basic', username: 'store.till', password: 'mock-password' },
    retry: false,
  });
}

describe.each(operations)('every named example of the contract mock: %s', (operationId, scope, bodies) => {
  const cases = casesOf(operationId);

  test('the spec names examples for 200 and for errors', () => {
    expect(cases.filter((c) => c.status === 200 && c.value.data).length).toBeGreaterThanOrEqual(bodies);
    expect(cases.filter((c) => c.status >= 400).length).toBeGreaterThanOrEqual(4);
  });

  const successes = cases.filter((c) => c.status === 200 && c.value.data !== null);
  test.each(successes.map((c) => [c.name, c] as const))('%s arrives as typed data', async (name, c) => {
    const data = await client().getTargetGroups(566881933, {
      ...scope,
      headers: { Prefer: `code=200, example=${name}` },
    });
    expectTypeOf(data).toEqualTypeOf<UserTargetGroups>();
    expect(data).toEqual(c.value.data);
  });

  const failures = cases.filter((c) => !(c.status === 200 && c.value.data !== null));
  test.each(failures.map((c) => [c.name, c] as const))('%s is thrown as TargetGroupsApiError', async (name, c) => {
    const error = await client()
      .getTargetGroups(566881933, { ...scope, headers: { Prefer: `code=${c.status}, example=${name}` } })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(TargetGroupsApiError);
    expect(error).toMatchObject({
      kind: c.status === 200 ? 'api' : 'http',
      status: c.status,
      errors: c.value.errors,
    });
  });

  test('fetchRaw hands over the example body as text', async () => {
    const first = successes[0];
    if (!first) throw new Error('no 200 example');
    const raw = await client().fetchRaw(566881933, { ...scope, headers: { Prefer: `example=${first.name}` } });
    expect(raw.status).toBe(200);
    expect(JSON.parse(raw.text)).toEqual(first.value);
  });
});

describe('the contract mock holds the connected-orgs path to its header rules', () => {
  const url = () => `${inject('mockUrl')}/api_gateway/intouch-api-v3/v3.1/users/347286146/targetGroups`;
  const auth = { Authorization: `Basic ${Buffer.from('store.till:x').toString('base64')}` };

  test.each([
    ['a scope outside the list', { 'DATA-SCOPE': 'PARENT' }, 'data-scope'],
    ['three org ids', { 'DATA-SCOPE': 'OTHER', 'DATA-SCOPE-ORG': '1,2,3' }, 'data-scope-org'],
  ])('%s is answered 400, the header named in sl-violations', async (_label, headers, named) => {
    const answer = await fetch(url(), { headers: { ...auth, ...headers } });
    expect(answer.status).toBe(400);
    const violations = JSON.parse(answer.headers.get('sl-violations') ?? '[]') as Array<{ location: string[] }>;
    expect(violations.map((v) => v.location.join('.'))).toEqual([`request.header.${named}`]);
    expect(((await answer.json()) as { data: unknown }).data).toBeNull();
  });

  test('no DATA-SCOPE at all is the default scope: answered 200', async () => {
    const answer = await fetch(url(), { headers: auth });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { data: { userId: number } }).data.userId).toBe(347286146);
  });
});
