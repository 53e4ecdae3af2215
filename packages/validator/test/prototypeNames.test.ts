// A contract may declare properties named like Object.prototype's (`constructor`, `__proto__`, ...): a body that
// lacks one lacks it (nothing inherited is validated), and one declared as `__proto__` is declared, not dropped.
import { loadSpec, seedFixtures } from '@target-groups/spec';
import { beforeAll, describe, expect, test } from 'vitest';
import { type ContractValidator, createValidator } from '../src/index.js';

type Json = Record<string, any>;
const define = (object: Json, key: string, value: unknown) =>
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });

describe('property names of Object.prototype', () => {
  let validator: ContractValidator;
  beforeAll(async () => {
    const spec = await loadSpec();
    for (const doc of [spec.document, spec.dereferenced] as Json[]) {
      const properties = doc.components.schemas.Target.properties;
      for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty'])
        define(properties, name, { type: 'integer', description: 'x' });
      define(properties, '__proto__', { type: 'object', description: 'x', properties: { a: { type: 'integer' } } });
    }
    validator = createValidator(spec);
  });
  const body = () => structuredClone(seedFixtures().find((f) => f.userId === 566881933)!.value) as Json;

  test('a body without them: nothing inherited is validated', () => {
    expect(validator.validateText(JSON.stringify(body()))).toEqual([]);
  });

  test('a body with them: each is the declared property', () => {
    const value = body();
    const target = value.data.targetGroups[0].targets[0];
    for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty']) define(target, name, 1);
    define(target, '__proto__', { a: 2 });
    expect(validator.validateText(JSON.stringify(value))).toEqual([]);
    define(target, 'valueOf', 'text');
    expect(validator.validateText(JSON.stringify(value))).toEqual([
      expect.objectContaining({ pointer: '/data/targetGroups/0/targets/0/valueOf', severity: 'error' }),
    ]);
  });
});
