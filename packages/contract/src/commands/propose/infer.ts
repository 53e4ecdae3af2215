/**
 * A schema for a property the spec does not declare, inferred from the values seen: its type (`null` makes it
 * nullable), `int64` integers, `date` and `date-time` strings, the vendor's legacy timestamp pattern, nested objects
 * (every property optional) and arrays. Each property carries a description and, where a safe one was seen, an
 * example. What comes from traffic is bounded and cleaned on the way: the depth of the inferred schema, the number
 * of names in one object (more are a map), examples that hold a credential (a placeholder) or a `$` key such as
 * `$ref`, which tools read as a reference (dropped). Each such decision is a note for the report.
 */
import { type JsonObject, jsonTypeOf } from '@target-groups/spec/portable';
import { propertyPlace } from '../../spec/schemaIndex.js';
import { PLACEHOLDER, isCredentialName, credentialIn, withoutCredentials } from './credentials.js';
import { VARYING_NAMES } from './observe.js';

/** The vendor's legacy timestamp (`2025-11-12T09:51:10.000+0000`), as the spec's deprecated fields declare it. */
export const LEGACY_TIMESTAMP_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{4}$';
const LEGACY = new RegExp(LEGACY_TIMESTAMP_PATTERN);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Levels of objects and arrays inferred below a new property; deeper values are left as any value. */
export const MAX_INFERRED_DEPTH = 10;
/** An example longer than this (as JSON) is not written: the spec is read by people. */
const MAX_EXAMPLE_CHARS = 256;
/** Array items an item schema is inferred from, at most (the values of a property are bounded already). */
const MAX_ITEMS = 2000;

export interface Note {
  /** JSON pointer into the spec of the schema the note is about. */
  pointer: string;
  message: string;
}

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

const fmt = (n: number) => n.toLocaleString('en-US');

function stringFormat(values: string[]): JsonObject {
  if (values.length === 0) return {};
  if (values.every((v) => DATE.test(v))) return { format: 'date' };
  if (values.every((v) => DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)))) return { format: 'date-time' };
  if (values.every((v) => LEGACY.test(v))) return { pattern: LEGACY_TIMESTAMP_PATTERN };
  return {};
}

/** Whether `value` as JSON is at most `limit` characters (counted without writing it, and stopping early). */
function fits(value: unknown, limit: number): boolean {
  let left = limit;
  const walk = (item: unknown): boolean => {
    if (Array.isArray(item)) {
      left -= 2 + Math.max(0, item.length - 1);
      return left >= 0 && item.every(walk);
    }
    if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item);
      left -= 2 + Math.max(0, entries.length - 1);
      return (
        left >= 0 &&
        entries.every(([key, entry]) => {
          left -= key.length + 3;
          return left >= 0 && walk(entry);
        })
      );
    }
    if (typeof item === 'string' && item.length > left) return false;
    left -= JSON.stringify(item)?.length ?? 4;
    return left >= 0;
  };
  return walk(value);
}

/** A key starting with `$` (`$ref`, `$id`, ...) somewhere in `value`: a reference to a tool that walks the spec. */
function hasDollarKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasDollarKey);
  if (value === null || typeof value !== 'object') return false;
  return Object.keys(value).some((key) => key.startsWith('$')) || Object.values(value).some(hasDollarKey);
}

/** Own properties defined one by one, so that a name such as `__proto__` is a property like any other. */
function record(entries: Iterable<[string, unknown]>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of entries)
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

class Inference {
  readonly notes: Note[] = [];
  private tooDeep = false;

  /** `root`: the new property's place, which a note about its depth names. */
  constructor(private readonly root: string) {}

  /** A schema every one of `values` is valid against, described by `description`, for the place `pointer`. */
  infer(values: readonly unknown[], description: string, pointer: string, name: string, depth: number): JsonObject {
    const types = new Set(values.map(jsonTypeOf));
    const nullable = types.delete('null');
    if (types.has('integer') && types.has('number')) types.delete('integer');
    const present = values.filter((v) => v !== null);
    const ordered = ['object', 'array', 'string', 'integer', 'number', 'boolean'].filter((t) => types.has(t as never));
    const nested = ordered.includes('object') || ordered.includes('array');
    if (nested && depth >= MAX_INFERRED_DEPTH) {
      if (!this.tooDeep)
        this.notes.push({
          pointer: this.root,
          message: `values nest deeper than ${MAX_INFERRED_DEPTH} levels: the schema is inferred to that depth and accepts any value below it`,
        });
      this.tooDeep = true;
      return { description: `${description} Not inferred: nested deeper than ${MAX_INFERRED_DEPTH} levels.` };
    }
    const schema: JsonObject = {};
    if (ordered.length > 0 || nullable) {
      const all = nullable ? [...ordered, 'null'] : ordered;
      schema.type = all.length === 1 ? all[0] : all;
    }
    schema.description = description;
    if (ordered.length === 1) {
      const [type] = ordered;
      if (type === 'integer') schema.format = 'int64';
      if (type === 'string') Object.assign(schema, stringFormat(present as string[]));
      if (type === 'object') return this.object(schema, present as JsonObject[], pointer, depth);
      if (type === 'array') {
        const items: unknown[] = [];
        for (const array of present as unknown[][]) {
          items.push(...array.slice(0, MAX_ITEMS - items.length));
          if (items.length >= MAX_ITEMS) break;
        }
        schema.items = this.infer(items, 'One item.', `${pointer}/items`, '', depth + 1);
        delete (schema.items as JsonObject).example;
      }
    }
    this.example(schema, present, pointer, name);
    return schema;
  }

  private object(schema: JsonObject, values: JsonObject[], pointer: string, depth: number): JsonObject {
    // Credentials go before anything is inferred from the values: a `{ name, value }` header pair, a key such as
    // `authorization`, a Basic value; what the nested examples show is then the placeholder.
    let found: string | undefined;
    const objects = values.map((value) => {
      const scrubbed = withoutCredentials(value);
      found ??= scrubbed.found;
      return scrubbed.value as JsonObject;
    });
    if (found)
      this.notes.push({
        pointer,
        message: `its values hold a credential (${found}): examples inside are written as '${PLACEHOLDER}'`,
      });
    const counts = new Map<string, number>();
    for (const object of objects) for (const key of Object.keys(object)) counts.set(key, (counts.get(key) ?? 0) + 1);
    if (counts.size > VARYING_NAMES) {
      this.notes.push({
        pointer,
        message: `its values hold ${fmt(counts.size)} distinct property names, more than the ${VARYING_NAMES} propose declares one by one: written as a map of any value`,
      });
      schema.additionalProperties = { description: 'Values by names that vary (data, not properties): any value.' };
      return schema;
    }
    const properties: [string, unknown][] = [];
    for (const [key, count] of counts) {
      const at = propertyPlace(pointer, key);
      const kind = isCredentialName(key) ? undefined : credentialIn(key);
      if (kind) {
        this.notes.push({
          pointer,
          message: `a property name that looks like a credential (${kind}) is left out (not quoted here)`,
        });
        continue;
      }
      const inner = objects.filter((o) => Object.hasOwn(o, key)).map((o) => o[key]);
      const text = `Seen in ${count} of ${objects.length} values of the enclosing object.`;
      properties.push([key, this.infer(inner, text, at, key, depth + 1)]);
    }
    if (properties.length > 0) schema.properties = record(properties);
    return schema;
  }

  /** The first small, reference-free value seen, with any credential in it replaced. */
  private example(schema: JsonObject, present: unknown[], pointer: string, name: string): void {
    const candidates = present.filter((v) => jsonTypeOf(v) !== 'object');
    const small = candidates.filter((v) => fits(v, MAX_EXAMPLE_CHARS));
    const safe = small.filter((v) => !hasDollarKey(v));
    if (small.length > safe.length && safe.length === 0)
      this.notes.push({
        pointer,
        message:
          'no example written: the values seen hold a `$ref` (or another `$` key), which tools read as a reference',
      });
    const [chosen] = safe;
    if (chosen === undefined) return;
    const { value, found } = withoutCredentials(chosen, name);
    if (found)
      this.notes.push({
        pointer,
        message: `the example seen looks like a credential (${found}): written as '${PLACEHOLDER}'`,
      });
    schema.example = value;
  }
}

/** The schema of a new property `name` at `pointer`, with the notes its inference made. */
export function inferSchema(
  values: readonly unknown[],
  description: string,
  pointer: string,
  name: string,
): { schema: JsonObject; notes: Note[] } {
  const inference = new Inference(pointer);
  const schema = inference.infer(values, description, pointer, name, 0);
  return { schema, notes: inference.notes };
}
