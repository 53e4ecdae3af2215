/**
 * Questions about a (dereferenced) schema or a JSON value that every tool asks the same way: is it an object, which
 * types does it declare, may it be `null`, and how the spec writes "X or null" around a `$ref`.
 */
export type JsonObject = Record<string, unknown>;

/** The JSON types a value can have, `integer` apart from `number` as JSON Schema tells them apart. */
export type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

/** A plain JSON object (not an array, not null). */
export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The JSON type of a value: `null`, `array`, `integer` for a whole number, ... */
export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

/** The types a schema's `type` keyword declares, as a list (`'string'` → `['string']`; none → `[]`). */
export function typesOf(schema: unknown): string[] {
  if (!isObject(schema)) return [];
  if (Array.isArray(schema.type)) return schema.type.filter((t): t is string => typeof t === 'string');
  return typeof schema.type === 'string' ? [schema.type] : [];
}

/** Whether a value of JSON type `actual` fits declared `types` (none declared: any; an integer is a number). */
export const allowsType = (types: readonly string[], actual: JsonType): boolean =>
  types.length === 0 || types.includes(actual) || (actual === 'integer' && types.includes('number'));

/** A schema that admits `null` and nothing else: `{type: 'null'}`, `{type: ['null']}`, `{const: null}`, `{enum: [null]}`. */
export function isNullSchema(schema: unknown): boolean {
  if (!isObject(schema)) return false;
  const types = typesOf(schema);
  if (types.length > 0) return types.every((t) => t === 'null');
  if (Object.hasOwn(schema, 'const')) return schema.const === null;
  return Array.isArray(schema.enum) && schema.enum.length > 0 && schema.enum.every((v) => v === null);
}

export interface NullableBranch {
  key: 'anyOf' | 'oneOf';
  /** Index of the non-null branch. */
  index: number;
  /** The non-null branch (what the `$ref` resolved to). */
  inner: JsonObject;
}

/** How the spec writes "X or null" around a `$ref`: a two-branch `anyOf`/`oneOf` of X and a null schema. */
export function nullableBranch(schema: unknown): NullableBranch | undefined {
  if (!isObject(schema)) return undefined;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (!Array.isArray(branches) || branches.length !== 2) continue;
    const index = branches.findIndex((branch) => !isNullSchema(branch));
    if (index !== -1 && isNullSchema(branches[1 - index]) && isObject(branches[index]))
      return { key, index, inner: branches[index] as JsonObject };
  }
  return undefined;
}

/**
 * Whether the schema declares `null` as a value: in `type`, as `const`/`enum`, or in a branch of `anyOf`/`oneOf`.
 * A schema without any of these (`{}`) admits null too, but does not say so: it is not "nullable" for the types,
 * the docs or coverage, which all describe what the spec declares.
 */
export function isNullable(schema: unknown): boolean {
  if (!isObject(schema)) return false;
  if (typesOf(schema).includes('null') || (Object.hasOwn(schema, 'const') && schema.const === null)) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  return (['anyOf', 'oneOf'] as const).some((key) => {
    const branches = schema[key];
    return Array.isArray(branches) && branches.some(isNullable);
  });
}

export interface NonNullShape {
  /** The non-null part: the `X` of `anyOf: [X, null]`, else the schema itself. */
  schema: JsonObject;
  /** Whether the schema declares null ({@link isNullable}). */
  nullable: boolean;
  /** The non-null part's declared types, without `null`, in the order written. */
  types: string[];
}

/** A schema seen as generated types see it: its non-null part, its other types, and whether `| null` is added. */
export function withoutNull(schema: JsonObject): NonNullShape {
  const inner = nullableBranch(schema)?.inner ?? schema;
  return { schema: inner, nullable: isNullable(schema), types: typesOf(inner).filter((t) => t !== 'null') };
}

/** A schema that describes objects: it declares properties, type `object`, or combines object schemas with allOf. */
export const describesObjects = (schema: unknown): boolean =>
  isObject(schema) &&
  (isObject(schema.properties) || typesOf(schema).includes('object') || Array.isArray(schema.allOf));
