// The client against the contract mock (Prism serving spec/targetGroups.yaml), started by test/support/prism-setup.ts.
// Every named example of the operation is selected with `Prefer` and must arrive typed, as the example says.
import { readFileSync } from 'node:fs';
import { bundledSpecPath } from '@target-groups/mock';
import type { UserTargetGroups } from '@target-groups/types';
import { describe, expect, expectTypeOf, inject, test } from 'vitest';
import { parse } from 'yaml';
import { TargetGroupsApiError, createTargetGroupsClient } from '../src/index.js';

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
const operation = Object.values(spec.paths)
  .map((p) => p.get)
  .find((op) => op?.operationId === 'getUserTargetGroups');
if (!operation) throw new Error('the spec has no getUserTargetGroups operation');

const cases = Object.entries(operation.responses).flatMap(([status, response]) =>
  Object.entries(response.content?.['application/json']?.examples ?? {}).map(([name, entry]) => {
    const example = entry.$ref ? spec.components.examples[entry.$ref.split('/').pop() as string] : (entry as Example);
    if (!example) throw new Error(`example ${name} cannot be resolved`);
    return { status: Number(status), name, value: example.value };
  }),
);

function client() {
  return createTargetGroupsClient({
    baseUrl: inject('mockUrl'),
    auth: { type: 'basic', username: 'store.till', password: 'mock-password' },
    retry: false,
  });
}

describe('every named example of the contract mock', () => {
  test('the spec names examples for 200 and for errors', () => {
    expect(cases.filter((c) => c.status === 200 && c.value.data).length).toBeGreaterThanOrEqual(3);
    expect(cases.filter((c) => c.status >= 400).length).toBeGreaterThanOrEqual(4);
  });

  const successes = cases.filter((c) => c.status === 200 && c.value.data !== null);
  test.each(successes.map((c) => [c.name, c] as const))('%s arrives as typed data', async (name, c) => {
    const data = await client().getTargetGroups(566881933, { headers: { Prefer: `code=200, example=${name}` } });
    expectTypeOf(data).toEqualTypeOf<UserTargetGroups>();
    expect(data).toEqual(c.value.data);
  });

  const failures = cases.filter((c) => !(c.status === 200 && c.value.data !== null));
  test.each(failures.map((c) => [c.name, c] as const))('%s is thrown as TargetGroupsApiError', async (name, c) => {
    const error = await client()
      .getTargetGroups(566881933, { headers: { Prefer: `code=${c.status}, example=${name}` } })
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
    const raw = await client().fetchRaw(566881933, { headers: { Prefer: `example=${first.name}` } });
    expect(raw.status).toBe(200);
    expect(JSON.parse(raw.text)).toEqual(first.value);
  });
});
