// `forwardCompatible`: a body moved across the latitude its schema allows (latitudes.ts), walked beside the schema:
// nulls where nullable (and a free-form object or an unknown enum value where there was null), optional fields
// absent, unknown values of open enums, undocumented properties, empty lists, legacy timestamps at other offsets.
// Each of these is a warning or nothing to the contract check. The top object keeps every property it has.
import { describesObjects, isNullable, isObject, type JsonObject, withoutNull } from '@target-groups/spec/portable';
import { isOpenEnum, mayBeEmpty, opensProperties } from './latitudes.js';
import type { Random } from './random.js';
import { legacyTimestamp, parseLegacy, zone } from './time.js';

const EXTRA_PROPERTIES: [string, (rnd: Random) => unknown][] = [
  ['extendedFields', () => ({ channel: 'app' })],
  ['ruleVersion', (rnd) => rnd.int(2, 9)],
  ['tier', () => 'GOLD'],
  ['tags', () => ['beta']],
  ['externalReference', (rnd) => `ext-${rnd.int(1000, 9999)}`],
];
const UNKNOWN_ENUM_VALUES = ['ROLLING_WINDOW', 'MILESTONE_V2', 'PAUSED', 'SYSTEM_USER', 'TIERED', 'BADGES'];
const OTHER_OFFSETS = [345, -180, 600, -420, 60, 330, 0];
const LEGACY_PATTERN = '[+-]\\d{4}';

const P_ABSENT = 0.15;
const P_NULL = 0.15;
const P_EXTRA = 0.2;
const P_UNKNOWN_ENUM = 0.3;
const P_OFFSET = 0.3;
const P_EMPTY = 0.08;
const P_FILL = 0.2;

/** `value` drifted within `schema`; at least one undocumented property on the top object, every time. */
export function driftForward(value: JsonObject, schema: JsonObject, rnd: Random): JsonObject {
  const drifted = walk(value, schema, rnd, true) as JsonObject;
  const [name, make] = EXTRA_PROPERTIES.find(([key]) => !(key in drifted)) ?? EXTRA_PROPERTIES[0]!;
  drifted[name] = make(rnd);
  return drifted;
}

/** One undocumented property the object does not have yet, or undefined when every candidate is taken. */
function extraProperty(object: JsonObject, schema: JsonObject, rnd: Random): [string, unknown] | undefined {
  const declared = isObject(schema.properties) ? schema.properties : {};
  const free = EXTRA_PROPERTIES.filter(([key]) => !(key in object) && !Object.hasOwn(declared, key));
  if (free.length === 0) return undefined;
  const [key, make] = rnd.pick(free);
  return [key, make(rnd)];
}

function walk(value: unknown, schema: JsonObject, rnd: Random, top = false): unknown {
  const object = withoutNull(schema).schema;
  if (Array.isArray(value)) {
    if (!top && mayBeEmpty(object) && value.length > 0 && rnd.chance(P_EMPTY)) return [];
    return isObject(object.items) ? value.map((item) => walk(item, object.items as JsonObject, rnd)) : value;
  }
  if (typeof value === 'string') return driftString(value, schema, rnd);
  if (!isObject(value) || !isObject(object.properties)) return value;
  const properties = object.properties;
  const required = Array.isArray(object.required) ? object.required : [];
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    const property = properties[key];
    if (!isObject(property)) {
      out[key] = item;
      continue;
    }
    if (!top && !required.includes(key) && rnd.chance(P_ABSENT)) continue;
    if (item === null) out[key] = fillNull(property, rnd);
    else out[key] = isNullable(property) && rnd.chance(P_NULL) ? null : walk(item, property, rnd);
  }
  if (!top && opensProperties(object) && rnd.chance(P_EXTRA)) {
    const extra = extraProperty(out, object, rnd);
    if (extra) out[extra[0]] = extra[1];
  }
  return out;
}

/**
 * A null where the schema also allows what needs no other data: sometimes that instead. An object without required
 * properties gets an undocumented one; an open enum a value the contract does not list.
 */
function fillNull(schema: JsonObject, rnd: Random): unknown {
  const branch = withoutNull(schema).schema;
  const free =
    describesObjects(branch) &&
    opensProperties(branch) &&
    !(Array.isArray(branch.required) && branch.required.length > 0);
  if (!(free || isOpenEnum(branch)) || !rnd.chance(P_FILL)) return null;
  if (!free) return unknownValue(branch, rnd) ?? null;
  const extra = extraProperty({}, branch, rnd);
  return extra ? { [extra[0]]: extra[1] } : {};
}

function unknownValue(enumSchema: JsonObject, rnd: Random): string | undefined {
  const listed = Array.isArray(enumSchema.enum) ? enumSchema.enum : [];
  const unknown = UNKNOWN_ENUM_VALUES.filter((candidate) => !listed.includes(candidate));
  return unknown.length > 0 ? rnd.pick(unknown) : undefined;
}

function driftString(value: string, schema: JsonObject, rnd: Random): string {
  const inner = withoutNull(schema).schema;
  if (isOpenEnum(inner) && rnd.chance(P_UNKNOWN_ENUM)) {
    const unknown = unknownValue(inner, rnd);
    if (unknown !== undefined) return unknown;
  }
  if (typeof inner.pattern === 'string' && inner.pattern.includes(LEGACY_PATTERN) && rnd.chance(P_OFFSET)) {
    const instant = parseLegacy(value);
    if (instant !== undefined) return legacyTimestamp(instant, zone(rnd.pick(OTHER_OFFSETS)));
  }
  return value;
}
