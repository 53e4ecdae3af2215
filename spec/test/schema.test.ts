// The schema questions every tool asks, answered one way: each row is a shape one of the tools meets.
import { describe, expect, it } from 'vitest';
import {
  allowsType,
  describesObjects,
  isNullable,
  isNullSchema,
  isObject,
  jsonTypeOf,
  loadSpec,
  nullableBranch,
  typesOf,
  withoutNull,
} from '../src/index.ts';

const ref = { $ref: '#/components/schemas/Target' };

describe('value and type tests', () => {
  it('tells plain objects from arrays and null', () => {
    expect([{}, { a: 1 }].map(isObject)).toEqual([true, true]);
    expect([[], null, 'x', 1, undefined].map(isObject)).toEqual([false, false, false, false, false]);
  });

  it('names the JSON type of a value, integer apart from number', () => {
    expect([null, [], {}, 'x', true, 3, 3.5].map(jsonTypeOf)).toEqual([
      'null',
      'array',
      'object',
      'string',
      'boolean',
      'integer',
      'number',
    ]);
  });

  it('lists the declared types of a schema', () => {
    expect(typesOf({ type: 'string' })).toEqual(['string']);
    expect(typesOf({ type: ['integer', 'null'] })).toEqual(['integer', 'null']);
    expect(typesOf({})).toEqual([]);
    expect(typesOf(true)).toEqual([]);
  });

  it('says whether a value of a type fits declared types (an integer is a number; none declared: any)', () => {
    expect(allowsType(['number'], 'integer')).toBe(true);
    expect(allowsType(['integer'], 'number')).toBe(false);
    expect(allowsType([], 'object')).toBe(true);
    expect(allowsType(['string'], 'null')).toBe(false);
  });

  it('recognises object schemas', () => {
    expect(describesObjects({ properties: {} })).toBe(true);
    expect(describesObjects({ type: ['object', 'null'] })).toBe(true);
    expect(describesObjects({ allOf: [ref] })).toBe(true);
    expect(describesObjects({ type: 'array' })).toBe(false);
  });
});

describe('nullability', () => {
  const cases: [string, unknown, { nullSchema: boolean; nullable: boolean; branch?: number }][] = [
    ['type null', { type: 'null' }, { nullSchema: true, nullable: true }],
    ['type [null]', { type: ['null'] }, { nullSchema: true, nullable: true }],
    ['const null', { const: null }, { nullSchema: true, nullable: true }],
    ['enum [null]', { enum: [null] }, { nullSchema: true, nullable: true }],
    ['type [string, null]', { type: ['string', 'null'] }, { nullSchema: false, nullable: true }],
    ['an open enum with null', { type: ['string', 'null'], enum: ['A', null] }, { nullSchema: false, nullable: true }],
    ['enum with null, no type', { enum: ['A', null] }, { nullSchema: false, nullable: true }],
    ['anyOf [$ref, null]', { anyOf: [ref, { type: 'null' }] }, { nullSchema: false, nullable: true, branch: 0 }],
    ['oneOf [null, $ref]', { oneOf: [{ type: 'null' }, ref] }, { nullSchema: false, nullable: true, branch: 1 }],
    [
      'anyOf of three with null',
      { anyOf: [ref, { type: 'string' }, { type: 'null' }] },
      { nullSchema: false, nullable: true },
    ],
    ['anyOf without null', { anyOf: [ref, { type: 'string' }] }, { nullSchema: false, nullable: false }],
    ['a plain type', { type: 'string' }, { nullSchema: false, nullable: false }],
    ['no type at all (admits null, does not declare it)', {}, { nullSchema: false, nullable: false }],
    ['const 0', { const: 0 }, { nullSchema: false, nullable: false }],
  ];
  it.each(cases)('%s', (_, schema, expected) => {
    expect(isNullSchema(schema)).toBe(expected.nullSchema);
    expect(isNullable(schema)).toBe(expected.nullable);
    expect(nullableBranch(schema)?.index).toBe(expected.branch);
  });

  it('gives the non-null part of a schema, as generated types see it', () => {
    expect(withoutNull({ anyOf: [ref, { type: 'null' }] })).toEqual({ schema: ref, nullable: true, types: [] });
    expect(withoutNull({ type: ['string', 'null'], format: 'date' })).toEqual({
      schema: { type: ['string', 'null'], format: 'date' },
      nullable: true,
      types: ['string'],
    });
    expect(withoutNull({ type: 'integer' })).toMatchObject({ nullable: false, types: ['integer'] });
  });

  it("answers the contract's own shapes: a nullable $ref, a nullable scalar, a required non-null field", async () => {
    const { schemas } = await loadSpec();
    const response = schemas.TargetGroupsResponse!.properties as Record<string, unknown>;
    expect(nullableBranch(response.data)?.key).toBe('anyOf');
    expect(isNullable(response.data)).toBe(true);
    const target = schemas.Target!.properties as Record<string, unknown>;
    expect(isNullable(target.targetAchievedDateTime)).toBe(true);
    expect(isNullable(target.targetValue)).toBe(false);
  });
});
