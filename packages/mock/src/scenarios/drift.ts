// `forwardCompatible`: the same answer, moved across the whole latitude the contract allows (latitudes.ts), walked
// beside the contract's own schema: nulls where nullable (and a free-form object where there was null), optional
// fields absent, unknown values of open enums, undocumented properties, empty lists, a target group whose window has
// ended, legacy timestamps at other offsets. Each of these is a warning or nothing to the contract check. Each body
// uses some of the latitude; coveringUserIds() (covering.ts) picks users whose bodies together use all of it.
import { type JsonSchema, allowsNull, userSchema } from './contract.js';
import { TARGET_PERIOD, endGroup, isObject, isOpenEnum, mayBeEmpty, nonNull, opensProperties } from './latitudes.js';
import { type Random, randomFor } from './random.js';
import { legacyTimestamp, parseLegacy, zone } from './time.js';

type Body = Record<string, unknown>;

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
const P_ENDED = 0.15;

/** `data` of a 200 answer, drifted; the same `seedText` always drifts the same way. */
export function driftForward(data: Body, seedText: string): Body {
  const rnd = randomFor(`drift:${seedText}`);
  const drifted = walk(data, userSchema, rnd, true) as Body;
  const groups = drifted[TARGET_PERIOD.groups];
  if (Array.isArray(groups))
    drifted[TARGET_PERIOD.groups] = groups.map((group: Body) => (rnd.chance(P_ENDED) ? endGroup(group) : group));
  // At least one difference every time: the vendor adds fields most often.
  const [name, value] = EXTRA_PROPERTIES.find(([key]) => !(key in drifted))!;
  drifted[name] = value(rnd);
  return drifted;
}

function enumBranch(schema: JsonSchema): JsonSchema | undefined {
  return schema.enum ? schema : schema.anyOf?.find((branch) => branch.enum);
}

/** One undocumented property the object does not have yet, or undefined when every candidate is taken. */
function extraProperty(object: Body, schema: JsonSchema, rnd: Random): [string, unknown] | undefined {
  const free = EXTRA_PROPERTIES.filter(([key]) => !(key in object) && !schema.properties?.[key]);
  if (free.length === 0) return undefined;
  const [key, make] = rnd.pick(free);
  return [key, make(rnd)];
}

function walk(value: unknown, schema: JsonSchema, rnd: Random, top = false): unknown {
  const object = nonNull(schema);
  if (Array.isArray(value)) {
    if (!top && mayBeEmpty(object) && value.length > 0 && rnd.chance(P_EMPTY)) return [];
    return object.items ? value.map((item) => walk(item, object.items!, rnd)) : value;
  }
  if (typeof value === 'string') return driftString(value, schema, rnd);
  if (value === null || typeof value !== 'object' || !object.properties) return value;
  const out: Body = {};
  for (const [key, item] of Object.entries(value as Body)) {
    const property = object.properties[key];
    if (!property) {
      out[key] = item;
      continue;
    }
    const required = object.required?.includes(key) ?? false;
    if (!top && !required && rnd.chance(P_ABSENT)) continue;
    if (item === null) out[key] = fillNull(property, rnd);
    else out[key] = allowsNull(property) && rnd.chance(P_NULL) ? null : walk(item, property, rnd);
  }
  if (!top && opensProperties(object) && rnd.chance(P_EXTRA)) {
    const extra = extraProperty(out, object, rnd);
    if (extra) out[extra[0]] = extra[1];
  }
  return out;
}

/**
 * A null where the schema also allows what needs no other data: sometimes that instead. An object without required
 * properties (a channel's `attributes`) gets an undocumented one; an open enum (an audit user's `type`) a value the
 * contract does not list.
 */
function fillNull(schema: JsonSchema, rnd: Random): unknown {
  const branch = nonNull(schema);
  const object = isObject(branch) && opensProperties(branch) && (branch.required?.length ?? 0) === 0;
  if (!(object || isOpenEnum(branch)) || !rnd.chance(P_FILL)) return null;
  if (!object) return unknownValue(branch, rnd) ?? null;
  const extra = extraProperty({}, branch, rnd);
  return extra ? { [extra[0]]: extra[1] } : {};
}

function unknownValue(enumSchema: JsonSchema, rnd: Random): string | undefined {
  const unknown = UNKNOWN_ENUM_VALUES.filter((candidate) => !enumSchema.enum?.includes(candidate));
  return unknown.length > 0 ? rnd.pick(unknown) : undefined;
}

function driftString(value: string, schema: JsonSchema, rnd: Random): string {
  const enumSchema = enumBranch(schema);
  if (enumSchema?.['x-extensible-enum'] === true && rnd.chance(P_UNKNOWN_ENUM)) {
    const unknown = unknownValue(enumSchema, rnd);
    if (unknown !== undefined) return unknown;
  }
  const pattern = schema.pattern ?? schema.anyOf?.find((branch) => branch.pattern)?.pattern;
  if (typeof pattern === 'string' && pattern.includes(LEGACY_PATTERN) && rnd.chance(P_OFFSET)) {
    const instant = parseLegacy(value);
    if (instant !== undefined) return legacyTimestamp(instant, zone(rnd.pick(OTHER_OFFSETS)));
  }
  return value;
}
