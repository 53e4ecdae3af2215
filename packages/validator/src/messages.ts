/** The message of each kind of finding, in words a person reads: what was expected, what the body has. */
import { escapeKey, isObject, jsonTypeOf, keysOf, typesOf } from '@target-groups/spec/portable';
import type { ErrorObject } from 'ajv';
import type { DriftKind } from './driftRules.js';
import { PROTO_PATTERN, SCHEMA_POINTER } from './schemaMarks.js';
import type { Violation } from './violation.js';

const MAX_PREVIEW = 60;

function preview(text: string): string {
  return text.length > MAX_PREVIEW ? `${text.slice(0, MAX_PREVIEW)}…` : text;
}

/** `string "abc"`, `number 1.5`, `boolean true`, `array`, `object`, `null`. */
export function describeValue(value: unknown): string {
  const type = jsonTypeOf(value);
  if (type === 'string') return `string ${JSON.stringify(preview(value as string))}`;
  if (type === 'integer' || type === 'number' || type === 'boolean') return `${type} ${String(value)}`;
  if (type === 'array') return `array (${(value as unknown[]).length} items)`;
  return type;
}

/** `'FOO'` for strings, JSON otherwise. */
export function quoteValue(value: unknown): string {
  return typeof value === 'string' ? `'${preview(value)}'` : preview(JSON.stringify(value) ?? String(value));
}

// Regular-expression fragments of timestamp patterns and how a person writes them.
const TIMESTAMP_TOKENS: [RegExp, string][] = [
  [/^\\d\{4\}-\\d\{2\}-\\d\{2\}/, 'yyyy-MM-dd'],
  [/^T/, "'T'"],
  [/^\\d\{2\}:\\d\{2\}:\\d\{2\}/, 'HH:mm:ss'],
  [/^\\\.\\d\{3\}/, '.SSS'],
  [/^\(\?:\[\+-\]\\d\{4\}\|Z\)/, "(±hhmm or 'Z')"],
  [/^\(\?:Z\|\[\+-\]\\d\{4\}\)/, "('Z' or ±hhmm)"],
  [/^\[\+-\]\\d\{4\}/, '±hhmm'],
  [/^\[\+-\]\\d\{2\}:\\d\{2\}/, '±hh:mm'],
  [/^Z/, "'Z'"],
];

/** `yyyy-MM-dd'T'HH:mm:ss.SSS±hhmm` for a timestamp pattern made only of known fragments, otherwise undefined. */
function humanTimestampPattern(pattern: string): string | undefined {
  let rest = pattern.replace(/^\^/, '').replace(/\$$/, '');
  let out = '';
  let sawDate = false;
  while (rest.length > 0) {
    const hit = TIMESTAMP_TOKENS.find(([re]) => re.test(rest));
    if (!hit) return undefined;
    const [re, human] = hit;
    if (human === 'yyyy-MM-dd') sawDate = true;
    out += human;
    rest = rest.replace(re, '');
  }
  return sawDate && out.includes('HH') ? out : undefined;
}

export function typeMessage(expected: string[], value: unknown): string {
  const nonNull = expected.filter((t) => t !== 'null');
  if (value === null && !expected.includes('null')) return `null is not allowed (expected ${nonNull.join(' or ')})`;
  return `expected ${expected.join(' or ')}, got ${describeValue(value)}`;
}

export function closedEnumMessage(value: unknown, allowed: unknown[], name: string | undefined): string {
  const of = name ? ` of ${name}` : '';
  return `${quoteValue(value)} is not an allowed value${of} (closed enum: allowed values ${allowed.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')})`;
}

export function openEnumMessage(value: unknown, known: unknown[], name: string | undefined): string {
  const of = name ? ` of ${name}` : '';
  return `${quoteValue(value)} is not a known value${of} (open enum: known values ${known.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')})`;
}

const FORMAT_NAMES: Record<string, string> = {
  'date-time': 'an RFC 3339 date-time (e.g. 2025-11-12T09:51:10Z)',
  date: 'a date (YYYY-MM-DD)',
  time: 'an RFC 3339 time',
  email: 'an email address',
  uri: 'a URI',
  uuid: 'a UUID',
  int64: 'a 64-bit integer (int64: -9223372036854775808 to 9223372036854775807)',
  int32: 'a 32-bit integer (int32: -2147483648 to 2147483647)',
};

/** The warning for an integer that a JavaScript consumer (`JSON.parse`) cannot hold exactly. */
export function precisionMessage(literal: string): string {
  return `integer ${literal} is beyond 2^53: JavaScript consumers (JSON.parse) read it as ${String(Number(literal))}`;
}

/** The component schema a schema pointer names itself (`/components/schemas/Target`), for "... of Target". */
function componentAt(pointer: unknown): string | undefined {
  const keys = typeof pointer === 'string' ? keysOf(pointer) : [];
  return keys.length === 3 && keys[0] === 'components' && keys[1] === 'schemas' ? keys[2] : undefined;
}

/** One ajv error (already stripped of union noise) → a violation: pointer, kind, the schema's place, message. */
export function translateError(error: ErrorObject, base: string, drift?: DriftKind): Violation {
  const pointer = base + error.instancePath;
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  const schemaPointer = typeof parent[SCHEMA_POINTER] === 'string' ? parent[SCHEMA_POINTER] : undefined;
  const found = (message: string, kind: string = drift ?? error.keyword, at = pointer, schemaAt = schemaPointer) => ({
    pointer: at,
    severity: drift ? ('warning' as const) : ('error' as const),
    kind,
    ...(schemaAt === undefined ? {} : { schemaPointer: schemaAt }),
    message,
  });
  const name = componentAt(schemaPointer);
  const value = error.data;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type': {
      const expected = typesOf({ type: parent.type ?? params.type }).flatMap((t) => t.split(','));
      return found(typeMessage(expected, value), value === null ? 'unexpected-null' : 'type');
    }
    case 'required':
    case 'dependentRequired': {
      const missing = String(params.missingProperty);
      // The place to edit is the declaration of the missing property, where the schema has one.
      const declaredIn = (key: string, name: string) => isObject(parent[key]) && Object.hasOwn(parent[key], name);
      const declared =
        schemaPointer !== undefined &&
        (declaredIn('properties', missing) ||
          (missing === '__proto__' && declaredIn('patternProperties', PROTO_PATTERN)));
      const message =
        error.keyword === 'required'
          ? `required property '${missing}' is missing`
          : `property '${missing}' is required when '${String(params.property)}' is present`;
      const at = `${pointer}/${escapeKey(missing)}`;
      return found(
        message,
        error.keyword,
        at,
        declared ? `${schemaPointer}/properties/${escapeKey(missing)}` : schemaPointer,
      );
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const extra = String(params.additionalProperty ?? params.unevaluatedProperty);
      const message =
        drift === 'undocumented-property'
          ? `undocumented property '${extra}' (not declared in the contract)`
          : `property '${extra}' is not allowed (the object is closed)`;
      return found(message, drift ?? error.keyword, `${pointer}/${escapeKey(extra)}`);
    }
    case 'enum': {
      const values = (parent.enum as unknown[]) ?? [];
      if (drift === 'open-enum-value')
        return found(
          openEnumMessage(
            value,
            values.filter((v) => v !== null),
            name,
          ),
        );
      return found(closedEnumMessage(value, values, name));
    }
    case 'const':
      return found(`expected ${quoteValue(parent.const)}, got ${describeValue(value)}`);
    case 'pattern': {
      const pattern = String(parent.pattern ?? params.pattern);
      const human = humanTimestampPattern(pattern);
      if (!human) return found(`${describeValue(value)} does not match the pattern /${pattern}/`);
      const kind = parent.deprecated === true ? 'legacy timestamp' : 'timestamp';
      return found(`${kind} does not match ${human}, got ${describeValue(value)}`);
    }
    case 'format': {
      const format = String(params.format);
      return found(`expected ${FORMAT_NAMES[format] ?? `format ${format}`}, got ${describeValue(value)}`);
    }
    default:
      return found(`${error.message ?? `fails ${error.keyword}`}, got ${describeValue(value)}`);
  }
}
