import { describe, expect, it } from 'vitest';
import { type OpenApiDocument, SpecReadError } from '@target-groups/spec';
import { createValidator as createFromDocuments } from '../src/index.js';

/** A document with no `$ref` outside its schemas is its own dereferenced copy, as far as the validator reads it. */
const createValidator = (document: unknown, options?: Parameters<typeof createFromDocuments>[1]) =>
  createFromDocuments({ document: document as OpenApiDocument, dereferenced: document as OpenApiDocument }, options);

/** A small OpenAPI 3.1 document with the shapes the real contract does not use (closed enums, oneOf, allOf, ...). */
function specWith(schemas: Record<string, unknown>, responses?: Record<string, unknown>): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'inline', version: '1' },
    paths: {
      '/v3/things/{id}': {
        get: {
          operationId: 'getThing',
          responses: responses ?? {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            },
          },
        },
      },
    },
    components: { schemas },
  };
}

const thing = {
  type: 'object',
  required: ['id', 'kind'],
  properties: {
    id: { type: 'integer', format: 'int64', example: 1 },
    kind: { $ref: '#/components/schemas/Kind' },
    colour: { $ref: '#/components/schemas/Colour' },
    shape: {
      oneOf: [{ $ref: '#/components/schemas/Circle' }, { $ref: '#/components/schemas/Square' }],
    },
    tags: { type: 'object', additionalProperties: { type: 'string' } },
    closed: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
    merged: {
      allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', properties: { extra: { type: 'string' } } }],
    },
  },
  'x-vendor-note': 'kept as an annotation',
};

const schemas = {
  Thing: thing,
  Kind: { type: 'string', enum: ['SMALL', 'LARGE'], description: 'closed: no x-extensible-enum' },
  Colour: { type: 'string', enum: ['RED', 'BLUE'], 'x-extensible-enum': true },
  Circle: {
    type: 'object',
    required: ['radius'],
    properties: { radius: { type: 'number', minimum: 0 } },
    additionalProperties: false,
  },
  Square: { type: 'object', required: ['side'], properties: { side: { type: 'number' } }, additionalProperties: false },
  Base: { type: 'object', properties: { name: { type: 'string' } } },
};

describe('inline spec', () => {
  const validator = createValidator(specWith(schemas));

  it('accepts a conforming body', () => {
    expect(
      validator.validate({
        id: 1,
        kind: 'SMALL',
        colour: 'RED',
        shape: { radius: 2 },
        tags: { a: 'b' },
        merged: { name: 'n', extra: 'e' },
      }),
    ).toEqual([]);
  });

  it('a value outside a closed enum is an error', () => {
    expect(validator.validate({ id: 1, kind: 'MEDIUM' })).toMatchObject([
      {
        pointer: '/kind',
        severity: 'error',
        message: "'MEDIUM' is not an allowed value of Kind (closed enum: allowed values SMALL, LARGE)",
      },
    ]);
  });

  it('a value outside an open enum is a warning', () => {
    expect(validator.validate({ id: 1, kind: 'LARGE', colour: 'GREEN' })).toMatchObject([
      {
        pointer: '/colour',
        severity: 'warning',
        message: "'GREEN' is not a known value of Colour (open enum: known values RED, BLUE)",
      },
    ]);
  });

  it('a oneOf reports the defect of the branch the value was meant for, once', () => {
    expect(validator.validate({ id: 1, kind: 'SMALL', shape: { radius: -1 } })).toMatchObject([
      { pointer: '/shape/radius', severity: 'error', message: 'must be >= 0, got integer -1' },
    ]);
  });

  it('a oneOf that matches no branch at all is one error', () => {
    const violations = validator.validate({ id: 1, kind: 'SMALL', shape: 'round' });
    expect(violations).toMatchObject([
      { pointer: '/shape', severity: 'error', message: 'expected object, got string "round"' },
    ]);
  });

  it('declared additionalProperties: no warning; a schema for them is still checked', () => {
    expect(validator.validate({ id: 1, kind: 'SMALL', tags: { any: 'thing', n: 1 } })).toMatchObject([
      { pointer: '/tags/n', severity: 'error', message: 'expected string, got integer 1' },
    ]);
  });

  it('additionalProperties: false makes an extra property an error, not a warning', () => {
    expect(validator.validate({ id: 1, kind: 'SMALL', closed: { a: 'x', b: 'y' } })).toMatchObject([
      { pointer: '/closed/b', severity: 'error', message: "property 'b' is not allowed (the object is closed)" },
    ]);
  });

  it('allOf: a property declared by any member is documented', () => {
    expect(validator.validate({ id: 1, kind: 'SMALL', merged: { name: 'n', extra: 'e', other: 1 } })).toMatchObject([
      {
        pointer: '/merged/other',
        severity: 'warning',
        message: "undocumented property 'other' (not declared in the contract)",
      },
    ]);
  });

  it('a body that is not an object', () => {
    expect(validator.validate([1, 2])).toMatchObject([
      { pointer: '', severity: 'error', message: 'expected object, got array (2 items)' },
    ]);
  });
});

describe('conditions are not closed: an extra property never changes whether a condition matches', () => {
  const validator = createValidator(
    specWith({
      ...schemas,
      Thing: {
        type: 'object',
        properties: {
          list: {
            type: 'array',
            contains: { type: 'object', properties: { kind: { const: 'A' } }, required: ['kind'] },
          },
        },
      },
    }),
  );

  it('contains: an item with more properties than the condition names still counts', () => {
    expect(validator.validate({ list: [{ kind: 'A', extra: 1 }] })).toEqual([]);
    expect(validator.validate({ list: [{ kind: 'B' }] })).toContainEqual({
      kind: 'contains',
      schemaPointer: '/components/schemas/Thing/properties/list',
      pointer: '/list',
      severity: 'error',
      message: 'must contain at least 1 valid item(s), got array (1 items)',
    });
  });
});

describe('status ranges and default', () => {
  const validator = createValidator(
    specWith(schemas, {
      '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
      '4XX': {
        description: 'client',
        content: {
          'application/json': {
            schema: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
          },
        },
      },
      default: {
        description: 'other',
        content: {
          'application/json': {
            schema: { type: 'object', required: ['fault'], properties: { fault: { type: 'string' } } },
          },
        },
      },
    }),
  );

  it('uses NXX, then default', () => {
    expect(validator.validate({ error: 'x' }, 404)).toEqual([]);
    expect(validator.validate({}, 503)).toMatchObject([
      { pointer: '/fault', severity: 'error', message: "required property 'fault' is missing" },
    ]);
    expect(validator.statuses).toEqual(['200', '4XX', 'default']);
  });
});

describe('specs the check cannot use are refused clearly', () => {
  it('not an OpenAPI document', () => {
    expect(() => createValidator({ swagger: '2.0' })).toThrow(SpecReadError);
  });

  it('OpenAPI 3.0 nullable', () => {
    const spec = specWith({
      ...schemas,
      Thing: { type: 'object', properties: { a: { type: 'string', nullable: true } } },
    });
    expect(() => createValidator(spec)).toThrow(/'nullable' is OpenAPI 3.0/);
  });

  it('references to other files', () => {
    const spec = specWith({ ...schemas, Thing: { $ref: './other.yaml#/Thing' } });
    expect(() => createValidator(spec)).toThrow(/only reference #\/components\/schemas/);
  });
});

describe('every operation of the spec', () => {
  const spec = specWith(schemas) as { paths: Record<string, unknown> };
  spec.paths['/v3/kinds'] = {
    get: {
      operationId: 'listKinds',
      responses: {
        '200': {
          description: 'ok',
          content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Kind' } } } },
        },
      },
    },
  };
  const validator = createValidator(spec);

  it('checks each operation against its own responses, the first by default', () => {
    expect(validator.operationIds).toEqual(['getThing', 'listKinds']);
    expect(validator.operationId).toBe('getThing');
    const kinds = validator.forOperation('listKinds');
    expect(kinds.validate(['SMALL', 'LARGE'])).toEqual([]);
    expect(kinds.validate(['HUGE'])).toMatchObject([
      { pointer: '/0', kind: 'enum', schemaPointer: '/components/schemas/Kind' },
    ]);
    // The same body is no answer of the other operation.
    expect(validator.validate(['SMALL'])).toMatchObject([{ pointer: '', kind: 'type' }]);
    expect(createValidator(spec, { operationId: 'listKinds' }).validate(['SMALL'])).toEqual([]);
    expect(kinds.forOperation('getThing')).toBe(validator);
  });

  it('refuses an operation the spec does not have, naming those it has', () => {
    expect(() => validator.forOperation('nope')).toThrow(/no operation nope \(it has: getThing, listKinds\)/);
  });
});
