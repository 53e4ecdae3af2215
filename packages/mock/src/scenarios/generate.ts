// A body generated from a response schema, for an operation no model answers: the same request always gets the
// same body (the random numbers are seeded by it), and the body is one the schema accepts. A string with a `pattern`
// takes the schema's example (the lint gate asks every property for one) when no other candidate matches.
import {
  isNullable,
  isNullSchema,
  isObject,
  type JsonObject,
  nullableBranch,
  withoutNull,
} from '@target-groups/spec/portable';
import type { Random } from './random.js';
import { DAY_MS, GENERATED_TODAY } from './time.js';

const P_NULL = 0.1;
const P_OPTIONAL = 0.7;
const MAX_DEPTH = 8;
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];

export function generateValue(schema: JsonObject, rnd: Random, depth = 0): unknown {
  if (Object.hasOwn(schema, 'const')) return schema.const;
  // `{ type: 'null' }` (an envelope's `errors` on success): its only value, not a string.
  if (isNullSchema(schema)) return null;
  const values = Array.isArray(schema.enum) ? schema.enum.filter((value) => value !== null) : [];
  if (values.length > 0) return rnd.pick(values);
  if (isNullable(schema) && (depth >= MAX_DEPTH || rnd.chance(P_NULL))) return null;
  const branch = nullableBranch(schema)?.inner ?? firstBranch(schema);
  if (branch) return generateValue(branch, rnd, depth);
  const { types } = withoutNull(schema);
  const type = types[0] ?? (isObject(schema.properties) ? 'object' : schema.items ? 'array' : 'string');
  switch (type) {
    case 'object':
      return generateObject(schema, rnd, depth);
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const max = Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : min + 3, min + 3);
      const length = depth >= MAX_DEPTH ? min : rnd.int(min, max);
      const items = isObject(schema.items) ? schema.items : {};
      return Array.from({ length }, () => generateValue(items, rnd, depth + 1));
    }
    case 'integer':
    case 'number': {
      const low = typeof schema.minimum === 'number' ? schema.minimum : type === 'integer' ? 1 : 0;
      const high = typeof schema.maximum === 'number' ? schema.maximum : low + 100_000;
      return type === 'integer'
        ? rnd.int(Math.ceil(low), Math.floor(high))
        : Math.round((low + rnd.next() * (high - low)) * 100) / 100;
    }
    case 'boolean':
      return rnd.chance(0.5);
    case 'null':
      return null;
    default:
      return generateString(schema, rnd);
  }
}

/** `allOf` merged into one object schema; the first branch of `anyOf`/`oneOf`. */
function firstBranch(schema: JsonObject): JsonObject | undefined {
  if (Array.isArray(schema.allOf)) {
    const merged: JsonObject = { type: 'object', properties: {}, required: [] };
    for (const part of schema.allOf.filter(isObject)) {
      Object.assign(merged.properties as JsonObject, part.properties);
      (merged.required as unknown[]).push(...(Array.isArray(part.required) ? part.required : []));
    }
    return merged;
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && isObject(branches[0])) return branches[0];
  }
  return undefined;
}

function generateObject(schema: JsonObject, rnd: Random, depth: number): JsonObject {
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const out: JsonObject = {};
  for (const [name, property] of Object.entries(isObject(schema.properties) ? schema.properties : {})) {
    if (!isObject(property) || (!required.has(name) && (depth >= MAX_DEPTH || !rnd.chance(P_OPTIONAL)))) continue;
    out[name] = generateValue(property, rnd, depth + 1);
  }
  return out;
}

function generateString(schema: JsonObject, rnd: Random): string {
  const instant = GENERATED_TODAY - rnd.int(0, 400) * DAY_MS - rnd.int(0, 86_399) * 1000;
  const byFormat: Record<string, () => string> = {
    'date-time': () => new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    date: () => new Date(instant).toISOString().slice(0, 10),
    email: () => `${rnd.pick(WORDS)}@example.com`,
    uuid: () => globalThis.crypto.randomUUID(),
    uri: () => `https://example.com/${rnd.pick(WORDS)}`,
  };
  const examples = [schema.example, ...(Array.isArray(schema.examples) ? schema.examples : []), schema.default];
  const written = examples.filter((value): value is string => typeof value === 'string');
  const made = byFormat[String(schema.format)]?.() ?? `${rnd.pick(WORDS)}-${rnd.int(1, 999)}`;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  const candidates = [made.padEnd(min, 'x').slice(0, max), ...written];
  if (typeof schema.pattern !== 'string') return candidates[0]!;
  const pattern = new RegExp(schema.pattern, 'u');
  return candidates.find((candidate) => pattern.test(candidate)) ?? written[0] ?? candidates[0]!;
}
