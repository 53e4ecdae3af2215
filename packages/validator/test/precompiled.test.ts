// The validator compiled at build time (the built-in contract) against the same contract compiled by Ajv at run
// time: the same violations, message for message, for every seed body, every example of the spec and thousands of
// mutations of them (each value made null, of another type, unknown to an enum, out of range; each property
// removed; an undocumented one added to each object), and the big-integer bodies whose digits the check reads.
import { loadSpec, seedFixtures } from '@target-groups/spec';
import { describe, expect, test } from 'vitest';
import { createValidator } from '../src/index.js';
import { createPrecompiledValidator } from '../src/precompiled.js';

const spec = await loadSpec();
const atRunTime = createValidator(spec);
const aheadOfTime = createValidator();

type Json = unknown;
const REPLACEMENTS: Json[] = [null, 'NEW_VALUE', '2025-11-12 09:51:10+0000', 1.5, -1, 2 ** 40, true, {}, [], [{}]];

/** Bodies one mutation away from `body`: at about 30 places spread over it (a large seed body has thousands). */
function* mutations(body: Json): Generator<Json> {
  const paths: (string | number)[][] = [];
  const walk = (node: Json, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(node)) for (const [i, item] of node.entries()) walk(item, [...path, i]);
    else if (node && typeof node === 'object')
      for (const [key, value] of Object.entries(node)) walk(value, [...path, key]);
  };
  walk(body, []);
  const at = (root: Json, path: (string | number)[]) =>
    path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key], root);
  const stride = Math.ceil(paths.length / 30);
  for (const path of paths.filter((_, i) => i % stride === 0)) {
    const parentPath = path.slice(0, -1);
    const key = path.at(-1);
    for (const replacement of REPLACEMENTS) {
      if (key === undefined) continue;
      const copy = structuredClone(body);
      (at(copy, parentPath) as Record<string | number, Json>)[key] = structuredClone(replacement);
      yield copy;
    }
    const node = at(body, path);
    if (node && typeof node === 'object' && !Array.isArray(node)) {
      const copy = structuredClone(body);
      (at(copy, path) as Record<string, Json>).undocumentedField = { nested: 1 };
      yield copy;
      for (const property of Object.keys(node)) {
        const without = structuredClone(body);
        delete (at(without, path) as Record<string, Json>)[property];
        yield without;
      }
    }
  }
}

describe('compiled ahead of time, the same verdicts as compiled at run time', () => {
  test('the default validator is the one compiled at build time, shared', () => {
    expect(aheadOfTime.compiled).toBe('ahead-of-time');
    expect(atRunTime.compiled).toBe('at-run-time');
    expect(createValidator()).toBe(aheadOfTime);
    expect(createPrecompiledValidator()).toBe(aheadOfTime);
    expect(aheadOfTime.statuses).toEqual(atRunTime.statuses);
    expect(aheadOfTime.operationIds).toEqual(spec.operations.map((o) => o.id));
    expect(atRunTime.operationIds).toEqual(aheadOfTime.operationIds);
  });

  const bodies = [
    ...seedFixtures().map((fixture) => ({ name: fixture.file, status: 200, value: fixture.value as Json })),
    ...spec.examples.map((example) => ({ name: example.name, status: Number(example.status), value: example.value })),
  ];

  test.each(bodies.map((body) => [body.name, body] as const))('%s and every mutation of it', (_name, body) => {
    let compared = 0;
    let violating = 0;
    for (const mutated of [body.value, ...mutations(body.value)]) {
      const text = JSON.stringify(mutated);
      const expected = atRunTime.validateText(text, body.status);
      expect(aheadOfTime.validateText(text, body.status), text).toEqual(expected);
      compared++;
      if (expected.length) violating++;
    }
    // The mutations did reach the validator's every kind of verdict, not only passes.
    expect(compared).toBeGreaterThan(30);
    expect(violating).toBeGreaterThan(compared / 2);
  });

  test('integers judged by their digits, and every declared and undeclared status', () => {
    const text = JSON.stringify(seedFixtures()[0]!.value);
    const variants = [
      text.replace(/"userId":\d+/, '"userId":123456789012345678901234567890'),
      text.replace(/"userId":\d+/, '"userId":-9223372036854775809'),
      text.replace(/"userId":\d+/, '"userId":9007199254740993'),
      text.replace(/"userId":\d+/, '"userId":9223372036854775807'),
      '',
      'not json',
      '[',
      '{"data":null,"errors":[{"code":310011,"message":"Invalid userId"}],"warnings":null}',
    ];
    for (const variant of variants)
      for (const status of [200, 201, 400, 401, 404, 418, 500, 503])
        expect(aheadOfTime.validateText(variant, status)).toEqual(atRunTime.validateText(variant, status));
  });
});
