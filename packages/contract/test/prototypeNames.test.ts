// A property named after a member of Object.prototype (`constructor`, `valueOf`, `__proto__`, ...) is a property like
// any other in diff (specs that add, remove or change one).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadSpec } from '@target-groups/spec';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { classify } from '../src/commands/diff/classify.js';
import { run as diff } from '../src/commands/diff/index.js';
import { contractText, runCommand, tempDir } from './diffSupport.js';
import { PROTOTYPE_NAMES } from './specMutations.js';

type Json = Record<string, any>;

/** The members TypeScript's `Object` declares: a new property of that name is checked against the inherited method. */
const DECLARED_BY_OBJECT = [
  'constructor',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
];

const define = (o: Json, key: string, value: unknown) =>
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });

/** The contract with `Milestone.<name>` declared (a required string when `required`, else optional). */
function contractWith(name: string, schema: Json = { type: 'string', description: 'x' }, required = false): Json {
  const document = parse(contractText()) as Json;
  const milestone = document.components.schemas.Milestone;
  define(milestone.properties, name, schema);
  if (required) milestone.required.push(name);
  return document;
}

/** Every `$ref` replaced by what it names (the contract's refs are all to component schemas, none cyclic). */
function dereference(document: Json): Json {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    const ref = (value as Json).$ref;
    if (typeof ref === 'string') return walk(document.components.schemas[ref.split('/').pop()!]);
    const out: Json = {};
    for (const [key, inner] of Object.entries(value)) define(out, key, walk(inner));
    return out;
  };
  return walk(document) as Json;
}

const spec = (document: Json) => ({ document, dereferenced: dereference(document) }) as never;
const at = (name: string) => `/components/schemas/Milestone/properties/${name}`;

describe('diff: a prototype-named property is added, removed and changed like any other', () => {
  const plain = parse(contractText()) as Json;
  test.each(PROTOTYPE_NAMES)('%s', (name) => {
    const declared = contractWith(name);
    const retyped = contractWith(name, { type: 'integer', description: 'x' });
    const removed = classify(spec(declared), spec(plain)).filter((c) => c.change !== 'documentation');
    expect(removed).toEqual([
      expect.objectContaining({ pointer: at(name), change: 'property-removed', impact: 'breaking' }),
    ]);
    const changed = classify(spec(declared), spec(retyped)).filter((c) => c.change !== 'documentation');
    expect(changed).toEqual([
      expect.objectContaining({ pointer: at(name), change: 'type-changed', impact: 'breaking' }),
    ]);
    // Every object already has the methods TypeScript's Object declares; a property of that name and another type
    // makes the old values unassignable (the differential test holds this to the compiler).
    const added = classify(spec(plain), spec(declared)).filter((c) => c.change !== 'documentation');
    expect(added).toEqual([
      expect.objectContaining({
        pointer: at(name),
        change: 'property-added',
        impact: DECLARED_BY_OBJECT.includes(name) ? 'breaking' : 'compatible',
      }),
    ]);
  });

  test('from the command: never "0 changes" for a removed one; a spec the reader refuses is exit 2', async () => {
    const dir = tempDir();
    const plainFile = path.join(dir, 'plain.yaml');
    writeFileSync(plainFile, contractText());
    for (const name of PROTOTYPE_NAMES) {
      const file = path.join(dir, `with-${name}.yaml`);
      writeFileSync(file, JSON.stringify(contractWith(name)));
      const ran = await runCommand(diff, ['--format', 'json', file, plainFile]);
      const readable = await loadSpec(file).then(
        () => true,
        () => false,
      );
      if (readable) {
        expect(ran.code, name).toBe(1);
        expect(JSON.parse(ran.stdout).changes, name).toContainEqual(
          expect.objectContaining({ pointer: at(name), change: 'property-removed', impact: 'breaking' }),
        );
      } else {
        // Redocly's resolver (under the spec reader) cannot read such a spec: refused, never passed as unchanged.
        expect(ran, name).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/cannot read spec/) });
      }
    }
  });
});
