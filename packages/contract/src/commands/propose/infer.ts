/**
 * A schema for a property the spec does not declare, inferred from the values seen: its type (`null` makes it
 * nullable), `int64` integers, `date` and `date-time` strings, the vendor's legacy timestamp pattern, nested objects
 * (every property optional) and arrays. Each property carries a description and an example, as the lint gate asks.
 */
import { jsonTypeOf } from './observe.js';

type Json = Record<string, unknown>;

/** The vendor's legacy timestamp (`2025-11-12T09:51:10.000+0000`), as the spec's deprecated fields declare it. */
export const LEGACY_TIMESTAMP_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{4}$';
const LEGACY = new RegExp(LEGACY_TIMESTAMP_PATTERN);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

export interface SeenIn {
  /** Bodies the property appeared in. */
  count: number;
  /** Bodies read in all. */
  total: number;
  /** The first body it appeared in. */
  first: string;
}

export const seenText = ({ count, total, first }: SeenIn) =>
  `Not documented by the vendor: seen in ${count} of ${total} bodies, first in ${first}.`;

function stringFormat(values: string[]): Json {
  if (values.length === 0) return {};
  if (values.every((v) => DATE.test(v))) return { format: 'date' };
  if (values.every((v) => DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)))) return { format: 'date-time' };
  if (values.every((v) => LEGACY.test(v))) return { pattern: LEGACY_TIMESTAMP_PATTERN };
  return {};
}

/** A schema every one of `values` is valid against; `description` is set on it and on every nested property. */
export function inferSchema(values: readonly unknown[], description: string): Json {
  const types = new Set(values.map(jsonTypeOf));
  const nullable = types.delete('null');
  if (types.has('integer') && types.has('number')) types.delete('integer');
  const present = values.filter((v) => v !== null);
  const ordered = ['object', 'array', 'string', 'integer', 'number', 'boolean'].filter((t) => types.has(t as never));
  const schema: Json = {};
  if (ordered.length > 0 || nullable) {
    const all = nullable ? [...ordered, 'null'] : ordered;
    schema.type = all.length === 1 ? all[0] : all;
  }
  schema.description = description;
  if (ordered.length === 1) {
    const [type] = ordered;
    if (type === 'integer') schema.format = 'int64';
    if (type === 'string') Object.assign(schema, stringFormat(present as string[]));
    if (type === 'object') {
      const objects = present as Json[];
      const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
      if (keys.length > 0) {
        schema.properties = Object.fromEntries(
          keys.map((key) => {
            const inner = objects.filter((o) => key in o).map((o) => o[key]);
            const count = inner.length;
            return [key, inferSchema(inner, `Seen in ${count} of ${objects.length} values of the enclosing object.`)];
          }),
        );
      }
      return schema;
    }
    if (type === 'array') {
      const items = (present as unknown[][]).flat();
      schema.items = inferSchema(items, 'One item.');
      delete (schema.items as Json).example;
    }
  }
  const example = present.find((v) => v !== null && typeof v !== 'object') ?? present[0];
  if (example !== undefined && jsonTypeOf(example) !== 'object') schema.example = example;
  return schema;
}
