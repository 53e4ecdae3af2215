import type { ErrorObject } from 'ajv';
import type { DriftKind } from './driftRules.js';
import { CONTRACT_NAME } from './schemaMarks.js';

const MAX_PREVIEW = 60;

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function preview(text: string): string {
  return text.length > MAX_PREVIEW ? `${text.slice(0, MAX_PREVIEW)}…` : text;
}

/** `string "abc"`, `number 1.5`, `boolean true`, `array`, `object`, `null`. */
export function describeValue(value: unknown): string {
  const type = jsonType(value);
  if (type === 'string') return `string ${JSON.stringify(preview(value as string))}`;
  if (type === 'integer' || type === 'number' || type === 'boolean') return `${type} ${String(value)}`;
  if (type === 'array') return `array (${(value as unknown[]).length} items)`;
  return type;
}

/** `'FOO'` for strings, JSON otherwise. */
export function quoteValue(value: unknown): string {
  return typeof value === 'string' ? `'${preview(value)}'` : preview(JSON.stringify(value) ?? String(value));
}

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
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
export function humanTimestampPattern(pattern: string): string | undefined {
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

export interface Translated {
  pointer: string;
  message: string;
}

function typeList(schemaType: unknown): string[] {
  if (Array.isArray(schemaType)) return schemaType.map(String);
  return typeof schemaType === 'string' ? [schemaType] : [];
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

/** One ajv error (already stripped of union noise) → pointer and specific message. */
export function translateError(error: ErrorObject, base: string, drift?: DriftKind): Translated {
  const pointer = base + error.instancePath;
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  const name = typeof parent[CONTRACT_NAME] === 'string' ? parent[CONTRACT_NAME] : undefined;
  const value = error.data;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return { pointer, message: typeMessage(typeList(parent.type ?? params.type), value) };
    case 'required': {
      const missing = String(params.missingProperty);
      return {
        pointer: `${pointer}/${escapePointerToken(missing)}`,
        message: `required property '${missing}' is missing`,
      };
    }
    case 'dependentRequired': {
      const missing = String(params.missingProperty);
      return {
        pointer: `${pointer}/${escapePointerToken(missing)}`,
        message: `property '${missing}' is required when '${String(params.property)}' is present`,
      };
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const extra = String(params.additionalProperty ?? params.unevaluatedProperty);
      if (drift === 'undocumented-property')
        return {
          pointer: `${pointer}/${escapePointerToken(extra)}`,
          message: `undocumented property '${extra}' (not declared in the contract)`,
        };
      return {
        pointer: `${pointer}/${escapePointerToken(extra)}`,
        message: `property '${extra}' is not allowed (the object is closed)`,
      };
    }
    case 'enum':
      if (drift === 'open-enum-value')
        return {
          pointer,
          message: openEnumMessage(
            value,
            ((parent.enum as unknown[]) ?? []).filter((v) => v !== null),
            name,
          ),
        };
      return { pointer, message: closedEnumMessage(value, (parent.enum as unknown[]) ?? [], name) };
    case 'const':
      return { pointer, message: `expected ${quoteValue(parent.const)}, got ${describeValue(value)}` };
    case 'pattern': {
      const pattern = String(parent.pattern ?? params.pattern);
      const human = humanTimestampPattern(pattern);
      if (human) {
        const kind = parent.deprecated === true ? 'legacy timestamp' : 'timestamp';
        return { pointer, message: `${kind} does not match ${human}, got ${describeValue(value)}` };
      }
      return { pointer, message: `${describeValue(value)} does not match the pattern /${pattern}/` };
    }
    case 'format': {
      const format = String(params.format);
      return {
        pointer,
        message: `expected ${FORMAT_NAMES[format] ?? `format ${format}`}, got ${describeValue(value)}`,
      };
    }
    default:
      return { pointer, message: `${error.message ?? `fails ${error.keyword}`}, got ${describeValue(value)}` };
  }
}
