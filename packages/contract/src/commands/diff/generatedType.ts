/**
 * The TypeScript type that openapi-typescript generates for a schema, with the options of packages/types (open enums
 * as `"A" | "B" | (string & {})`, each schema's own `additionalProperties`, a bare `type: object` as
 * `Record<string, unknown>`), as a small model; and TypeScript's assignability on that model. The diff rules ask it
 * whether a change changes the generated type; test/diffDifferential.test.ts holds it to the TypeScript compiler.
 */
import { isObject, type JsonObject } from '@target-groups/spec/portable';

export interface Property {
  type: TypeModel;
  optional: boolean;
}

export type TypeModel =
  | { kind: 'unknown' | 'never' | 'null' | 'string' | 'number' | 'boolean' }
  /** Only in what code reads from an optional property. */
  | { kind: 'undefined' }
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'array'; items: TypeModel }
  | { kind: 'object'; props: Map<string, Property>; index: TypeModel | undefined }
  | { kind: 'ref'; name: string }
  | { kind: 'union'; members: TypeModel[] }
  /** What the model does not take apart (an `allOf` intersection, a tuple): equal only to the same schema text. */
  | { kind: 'opaque'; key: string };

export const UNKNOWN: TypeModel = { kind: 'unknown' };
const NEVER: TypeModel = { kind: 'never' };
export const NULL: TypeModel = { kind: 'null' };
const STRING: TypeModel = { kind: 'string' };
const NUMBER: TypeModel = { kind: 'number' };
const BOOLEAN: TypeModel = { kind: 'boolean' };

export const own = (object: JsonObject, key: string): unknown => (Object.hasOwn(object, key) ? object[key] : undefined);
export const refName = (ref: string) => ref.split('/').pop() ?? ref;
const opaque = (schema: unknown): TypeModel => ({ kind: 'opaque', key: JSON.stringify(schema) ?? 'undefined' });

function literal(value: unknown): TypeModel {
  if (value === null) return NULL;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return { kind: 'literal', value };
  return opaque(value);
}

/** A union as TypeScript reduces it: nested unions flattened, `never` dropped, `unknown` absorbing the rest. */
export function union(members: TypeModel[]): TypeModel {
  const flat = members.flatMap((m) => (m.kind === 'union' ? m.members : [m])).filter((m) => m.kind !== 'never');
  if (flat.some((m) => m.kind === 'unknown')) return UNKNOWN;
  if (flat.length === 0) return NEVER;
  return flat.length === 1 ? flat[0]! : { kind: 'union', members: flat };
}

const typeList = (schema: JsonObject): unknown[] => {
  const type = own(schema, 'type');
  return Array.isArray(type) ? type : [type];
};

/** packages/types' transform: `x-extensible-enum: true` renders the values as string literals, `string & {}`, null. */
function openEnum(schema: JsonObject): TypeModel | undefined {
  const values = own(schema, 'enum');
  if (own(schema, 'x-extensible-enum') !== true || !Array.isArray(values)) return undefined;
  const members = values.map((v) => literal(String(v)));
  members.push(STRING);
  if (typeList(schema).includes('null')) members.push(NULL);
  return union(members);
}

/**
 * The generated type of `schema`. `transformed`: the schema sits where openapi-typescript applies the transform of
 * packages/types (a component schema, a property's schema), so an open enum is rendered open there; elsewhere (array
 * items, `additionalProperties`, `anyOf` branches) openapi-typescript renders it as a closed union.
 */
export function typeOf(schema: unknown, transformed = false): TypeModel {
  if (schema === true) return UNKNOWN;
  if (schema === false || schema === undefined || schema === null) return NEVER;
  if (!isObject(schema)) return opaque(schema);
  const open = transformed ? openEnum(schema) : undefined;
  if (open) return open;
  const ref = own(schema, '$ref');
  if (typeof ref === 'string') return { kind: 'ref', name: refName(ref) };
  const constant = own(schema, 'const');
  if (constant !== undefined && constant !== null) return literal(constant);
  const values = own(schema, 'enum');
  if (
    Array.isArray(values) &&
    own(schema, 'type') !== 'object' &&
    !Object.hasOwn(schema, 'properties') &&
    !Object.hasOwn(schema, 'additionalProperties')
  ) {
    const members = values.map(literal);
    if ((Array.isArray(own(schema, 'type')) && typeList(schema).includes('null')) || own(schema, 'nullable') === true)
      members.push(NULL);
    return union(members);
  }
  if (Array.isArray(own(schema, 'allOf')) && (own(schema, 'allOf') as unknown[]).length > 0) return opaque(schema);
  let result = core(schema);
  const anyOf = own(schema, 'anyOf');
  if (Array.isArray(anyOf) && anyOf.length > 0)
    result = union([...(result ? [result] : []), ...anyOf.map((b) => typeOf(b))]);
  const oneOf = own(schema, 'oneOf');
  if (Array.isArray(oneOf) && oneOf.length > 0) {
    // openapi-typescript intersects a oneOf with the schema's own type unless every branch is a primitive.
    if (result && result.kind !== 'unknown') return opaque(schema);
    result = union(oneOf.map((b) => typeOf(b)));
  }
  result ??= Object.hasOwn(schema, 'type') ? { kind: 'object', props: new Map(), index: UNKNOWN } : UNKNOWN;
  if (own(schema, 'nullable') === true && result.kind !== 'unknown') result = union([result, NULL]);
  return result;
}

function core(schema: JsonObject): TypeModel | undefined {
  const type = own(schema, 'type');
  if (type) {
    const open = openEnum(schema);
    if (open) return open;
    if (type === 'null') return NULL;
    if (type === 'string') return STRING;
    if (type === 'number' || type === 'integer') return NUMBER;
    if (type === 'boolean') return BOOLEAN;
    if (type === 'array') {
      const items = own(schema, 'items');
      if (Array.isArray(items) || own(schema, 'prefixItems') !== undefined) return opaque(schema);
      return { kind: 'array', items: items ? typeOf(items) : UNKNOWN };
    }
    if (Array.isArray(type)) {
      if (own(schema, 'oneOf') !== undefined) return opaque(schema);
      return union(type.map((t) => (t === 'null' || t === null ? NULL : typeOf({ ...schema, type: t }))));
    }
  }
  return objectType(schema);
}

function objectType(schema: JsonObject): TypeModel | undefined {
  const properties = own(schema, 'properties');
  const additional = own(schema, 'additionalProperties');
  const declared = isObject(properties) ? Object.entries(properties) : [];
  if (own(schema, 'patternProperties') || own(schema, '$defs')) return opaque(schema);
  if (declared.length === 0 && !additional) return undefined;
  const required = own(schema, 'required');
  const props = new Map<string, Property>();
  for (const [name, value] of declared) {
    const ref = isObject(value) ? own(value, '$ref') : undefined;
    const type: TypeModel = typeof ref === 'string' ? { kind: 'ref', name: refName(ref) } : typeOf(value, true);
    props.set(name, { type, optional: !(Array.isArray(required) && required.includes(name)) });
  }
  let index: TypeModel | undefined;
  if (isObject(additional) && Object.keys(additional).length > 0) index = typeOf(additional);
  else if (additional === true || isObject(additional)) index = UNKNOWN;
  return { kind: 'object', props, index };
}

/** The model without its `null` member, and whether it had one. */
export function nonNull(model: TypeModel): { core: TypeModel; nullable: boolean } {
  if (model.kind === 'null') return { core: NEVER, nullable: true };
  if (model.kind !== 'union' || !model.members.some((m) => m.kind === 'null')) return { core: model, nullable: false };
  return { core: union(model.members.filter((m) => m.kind !== 'null')), nullable: true };
}
