// The one walk of a body down its schema (src/spec/bodyWalk.ts) that coverage and propose observe it through: the
// places it names, and where it goes no deeper.
import { loadSpec } from '@target-groups/spec';
import { describe, expect, it } from 'vitest';
import { type BodyVisitor, walkResponseBody } from '../src/spec/bodyWalk.js';
import { SchemaIndex } from '../src/spec/schemaIndex.js';

// A nullable component whose non-null branch is written inline, used at two places; and a map of components.
const SPEC = `openapi: 3.1.0
info: { title: walk, version: 1.0.0 }
paths:
  /devices:
    get:
      operationId: getDevice
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Device' }
components:
  schemas:
    Power:
      anyOf:
        - { type: string, enum: [on, off] }
        - { type: 'null' }
    Device:
      type: object
      properties:
        main: { $ref: '#/components/schemas/Power' }
        backup: { $ref: '#/components/schemas/Power' }
        parts: { type: object, additionalProperties: { $ref: '#/components/schemas/Part' } }
    Part:
      type: object
      properties:
        size: { type: integer }
`;

/** Every value the walk hands over, as `site <- home = value`. */
function visits(body: unknown, mapValues: boolean) {
  const seen: string[] = [];
  const visitor: BodyVisitor = {
    mapValues,
    value: (value, _schema, site, home) => {
      seen.push(`${site} <- ${home} = ${JSON.stringify(value)}`);
      return true;
    },
    object: () => undefined,
  };
  return loadSpec({ text: SPEC, name: 'walk.yaml' }).then((spec) => {
    expect(walkResponseBody(new SchemaIndex(spec), body, 'getDevice', 200, visitor)).toBe(true);
    expect(walkResponseBody(new SchemaIndex(spec), body, 'getDevice', 404, visitor)).toBe(false);
    return seen;
  });
}

describe('walkResponseBody', () => {
  it('names a nullable branch under the component that writes it, and the use site where it is used', async () => {
    const seen = await visits({ main: 'standby', backup: null }, false);
    expect(seen).toContain(
      '/components/schemas/Device/properties/main <- /components/schemas/Power/anyOf/0 = "standby"',
    );
    // null is what the nullable branch allows: nothing of it is handed over.
    expect(seen.filter((line) => line.startsWith('/components/schemas/Device/properties/backup'))).toEqual([]);
  });

  it("goes into a map's values only for a visitor that asks for them", async () => {
    const body = { parts: { a: { size: 2 } } };
    expect((await visits(body, false)).some((line) => line.startsWith('/components/schemas/Part'))).toBe(false);
    expect(await visits(body, true)).toContain(
      '/components/schemas/Part/properties/size <- /components/schemas/Part/properties/size = 2',
    );
  });
});

describe('SchemaIndex.resolve: the same steps, led by a body pointer', () => {
  it('lands where the walk does: a nullable branch under its component, a map value of any key, nothing undeclared', async () => {
    const index = new SchemaIndex(await loadSpec({ text: SPEC, name: 'walk.yaml' }));
    const at = (pointer: string) => {
      const place = index.resolve('getDevice', 200, pointer);
      return place && [place.specPointer, place.declaredBodyPointer, place.schema !== undefined];
    };
    // The place of a nullable component's use is the component (where an edit goes).
    expect(at('/main')).toEqual(['/components/schemas/Power', '/main', true]);
    // Ids as map keys look like array indexes: the map's values are still what they are under.
    for (const key of ['a', '123'])
      expect(at(`/parts/${key}/size`)).toEqual([
        '/components/schemas/Part/properties/size',
        `/parts/${key}/size`,
        true,
      ]);
    expect(at('/parts/a/colour')).toEqual(['/components/schemas/Part', '/parts/a', false]);
    expect(at('/constructor')).toEqual(['/components/schemas/Device', '', false]);
    expect(index.resolve('getDevice', 404, '/main')).toBeUndefined();
  });
});
