// `forwardCompatible`: the same answer, moved across the whole latitude the contract allows, walked beside the
// contract's own schema: nulls where nullable, optional fields absent, unknown values of open enums, undocumented
// properties, legacy timestamps at other offsets. Each of these is a warning or nothing to the contract check.
import { type JsonSchema, allowsNull, userSchema } from './contract.js';
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

/** `data` of a 200 answer, drifted; the same `seedText` always drifts the same way. */
export function driftForward(data: Body, seedText: string): Body {
  const rnd = randomFor(`drift:${seedText}`);
  const drifted = walk(data, userSchema, rnd, true) as Body;
  // At least one difference every time: the vendor adds fields most often.
  const [name, value] = EXTRA_PROPERTIES.find(([key]) => !(key in drifted))!;
  drifted[name] = value(rnd);
  return drifted;
}

function enumBranch(schema: JsonSchema): JsonSchema | undefined {
  return schema.enum ? schema : schema.anyOf?.find((branch) => branch.enum);
}

function walk(value: unknown, schema: JsonSchema, rnd: Random, top = false): unknown {
  const object = schema.anyOf?.find((branch) => branch.properties || branch.items) ?? schema;
  if (Array.isArray(value)) return object.items ? value.map((item) => walk(item, object.items!, rnd)) : value;
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
    out[key] = item !== null && allowsNull(property) && rnd.chance(P_NULL) ? null : walk(item, property, rnd);
  }
  if (!top && object.additionalProperties !== false && rnd.chance(P_EXTRA)) {
    const free = EXTRA_PROPERTIES.filter(([key]) => !(key in out) && !object.properties?.[key]);
    if (free.length > 0) {
      const [key, make] = rnd.pick(free);
      out[key] = make(rnd);
    }
  }
  return out;
}

function driftString(value: string, schema: JsonSchema, rnd: Random): string {
  const enumSchema = enumBranch(schema);
  if (enumSchema?.['x-extensible-enum'] === true && rnd.chance(P_UNKNOWN_ENUM)) {
    const unknown = UNKNOWN_ENUM_VALUES.filter((candidate) => !enumSchema.enum?.includes(candidate));
    if (unknown.length > 0) return rnd.pick(unknown);
  }
  const pattern = schema.pattern ?? schema.anyOf?.find((branch) => branch.pattern)?.pattern;
  if (typeof pattern === 'string' && pattern.includes(LEGACY_PATTERN) && rnd.chance(P_OFFSET)) {
    const instant = parseLegacy(value);
    if (instant !== undefined) return legacyTimestamp(instant, zone(rnd.pick(OTHER_OFFSETS)));
  }
  return value;
}
