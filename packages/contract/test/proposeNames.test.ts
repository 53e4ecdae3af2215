// Property names that are also names of Object.prototype (`constructor`, `valueOf`, `__proto__`, ...) go through
// propose like any other name: as new properties (with a value, an object or null), as keys inside an inferred
// object, and as enum values. Where the spec reader cannot read a spec that declares such a name, propose refuses
// that one edit with the reader's reason and writes the rest.
import { SpecReadError, loadSpec } from '@target-groups/spec';
import { beforeAll, describe, expect, test } from 'vitest';
import { escapeKey } from '@target-groups/spec';
import { editedSpec } from './diffSupport.js';
import { type Json, propose, proposeJson, readerSchemas, schemasIn, seed, workspace } from './proposeSupport.js';

const NAMES = Object.getOwnPropertyNames(Object.prototype);
const PROTO = '__proto__';
const own = (object: Json, key: string) => Object.hasOwn(object, key);
const define = (object: Json, key: string, value: unknown) =>
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });

/** Whether the spec reader reads the contract with `name` declared as a property of Target. */
async function readerTakes(name: string): Promise<boolean> {
  const file = editedSpec((doc) =>
    doc.setIn(['components', 'schemas', 'Target', 'properties', name], { type: 'integer', description: 'x' }),
  );
  try {
    const loaded = await loadSpec(file);
    return own(loaded.dereferenced.components.schemas.Target!.properties as Json, name);
  } catch (error) {
    if (error instanceof SpecReadError) return false;
    throw error;
  }
}

describe('propose: Object.prototype names', () => {
  const values = seed();
  const target = values.data.targetGroups[0].targets[0];
  for (const name of NAMES) if (name !== '__proto__') define(target, name, 7);
  define(target, '__proto__', { a: 1 });
  define(target, 'extra', {});
  define(target.extra, 'constructor', 1);
  define(target.extra, 'toString', 'x');
  define(target.extra, '__proto__', { b: true });
  const withNull = seed();
  define(withNull.data.targetGroups[0], '__proto__', null);
  withNull.data.targetGroups[0].trackingType = 'constructor';
  const withEnum = seed();
  withEnum.data.targetGroups[0].trackingType = 'toString';
  const { dir, spec, input } = workspace([values, withNull, withEnum]);
  const taken = new Map<string, boolean>();
  let first: Awaited<ReturnType<typeof propose>>;

  // Twelve reads of the spec, and a proposal whose refused edits are found by halving: slow on a loaded machine.
  beforeAll(async () => {
    for (const name of NAMES) taken.set(name, await readerTakes(name));
    first = await propose(['--spec', spec, '--write', '--format', 'json', input], dir);
  }, 300_000);

  test("every name: written where the spec reader reads it, refused with the reader's reason where not", async () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(1);
    const report = proposeJson(first);
    const written = schemasIn(spec);
    const read = await readerSchemas(spec);
    for (const name of NAMES) {
      const pointer = `/components/schemas/Target/properties/${escapeKey(name)}`;
      if (taken.get(name)) {
        expect(own(written.Target.properties, name), name).toBe(true);
        expect(own(read.Target.properties, name), name).toBe(true);
        const change = report.changes.find((c) => c.pointer === pointer);
        expect(change, name).toBeDefined();
        expect(change!.evidence.count, name).toBe(1);
      } else {
        expect(own(written.Target.properties, name), name).toBe(false);
        expect(report.refused.find((r) => r.pointer === pointer)?.reason, name).toMatch(/spec reader/);
      }
    }
  });

  test('__proto__ with an object, with null, and inside an inferred object keeps its own schema', () => {
    const written = schemasIn(spec);
    if (taken.get('__proto__')) {
      const proto = written.Target.properties[PROTO];
      expect(own(written.Target.properties, '__proto__')).toBe(true);
      expect(proto.type).toBe('object');
      expect(own(proto.properties, 'a')).toBe(true);
      expect(proto.properties.a.type).toBe('integer');
      expect(own(written.TargetGroup.properties, '__proto__')).toBe(true);
      expect(written.TargetGroup.properties[PROTO].type).toBe('null');
    }
    const extra = written.Target.properties.extra;
    expect(Object.keys(extra.properties).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(extra.properties.constructor.type).toBe('integer');
    expect(extra.properties.toString.type).toBe('string');
    expect(extra.properties[PROTO].type).toBe('object');
    expect(own(extra.properties[PROTO].properties, 'b')).toBe(true);
    expect(written.TrackingType.enum).toEqual(expect.arrayContaining(['constructor', 'toString']));
  });

  test('proposing again from the same capture finds nothing new to write', async () => {
    const again = await propose(['--spec', spec, '--format', 'json', input], dir);
    const report = proposeJson(again);
    expect(report.changes).toEqual([]);
    const refusedNames = NAMES.filter((name) => !taken.get(name));
    // What is left undeclared is what was refused.
    for (const u of report.unresolved) expect(refusedNames.some((name) => u.message.includes(`'${name}'`))).toBe(true);
    expect(report.refused.map((r) => r.pointer).sort()).toEqual(
      refusedNames.map((name) => `/components/schemas/Target/properties/${escapeKey(name)}`).sort(),
    );
    expect(again.code).toBe(refusedNames.length > 0 ? 1 : 0);
  }, 300_000);
});
