/**
 * What the bodies show that the spec does not allow, gathered per place in the spec: `null` where the schema is not
 * nullable, a required property absent, a value outside an enum, an undeclared property, a value of another type.
 * Only bodies the validator flags are walked, so conforming traffic costs no more than `check`.
 */
import type { SchemaIndex } from '../../spec/schemaIndex.js';
import { type Json, isObject, escapeKey } from '../../spec/pointer.js';
import { nullableBranch } from '../../spec/nullable.js';

export type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

/** Bodies that showed something, by name: how often and where first. */
export class Evidence {
  count = 0;
  readonly first: string[] = [];
  private last = '';

  see(body: string): void {
    if (body === this.last) return;
    this.last = body;
    this.count++;
    if (this.first.length < 5) this.first.push(body);
  }
}

export interface Observations {
  /** Use sites (pointer of the schema as used) where `null` was seen. */
  nulls: Map<string, Evidence>;
  /** Home of an object schema → required property names seen absent. */
  absent: Map<string, Map<string, Evidence>>;
  /** Home of an enum schema → values seen outside it. */
  enumValues: Map<string, Map<string, Evidence>>;
  /** Home of an object schema → undeclared property → its values. */
  newProperties: Map<string, Map<string, { evidence: Evidence; values: unknown[] }>>;
  /** Use site → JSON types seen that the schema does not allow. */
  types: Map<string, Map<JsonType, Evidence>>;
  /** Bodies walked (the M of "seen in N of M bodies" is all bodies read; the caller counts them). */
  walked: number;
}

export const emptyObservations = (): Observations => ({
  nulls: new Map(),
  absent: new Map(),
  enumValues: new Map(),
  newProperties: new Map(),
  types: new Map(),
  walked: 0,
});

// Values kept per new property to infer its schema from: enough to see its variety, bounded in memory.
const KEEP_VALUES = 200;

function nested<K, V>(map: Map<string, Map<K, V>>, key: string): Map<K, V> {
  const known = map.get(key);
  if (known) return known;
  const inner = new Map<K, V>();
  map.set(key, inner);
  return inner;
}

function evidenceIn<K>(map: Map<K, Evidence>, key: K): Evidence {
  const known = map.get(key);
  if (known) return known;
  const evidence = new Evidence();
  map.set(key, evidence);
  return evidence;
}

function typesOf(schema: Json): { types: string[]; nullable: boolean } {
  const type = schema.type;
  const types = Array.isArray(type) ? type.map(String) : typeof type === 'string' ? [type] : [];
  return { types: types.filter((t) => t !== 'null'), nullable: types.includes('null') };
}

function allows(types: string[], actual: JsonType): boolean {
  return types.length === 0 || types.includes(actual) || (actual === 'integer' && types.includes('number'));
}

export class Observer {
  constructor(
    private readonly index: SchemaIndex,
    readonly observations: Observations = emptyObservations(),
  ) {}

  /** Walks one body of HTTP `status`; `name` is how reports name the body. */
  body(value: unknown, status: number, name: string): void {
    const start = this.index.response(status);
    if (!start) return;
    this.observations.walked++;
    const site = start.pointer;
    this.walk(value, start.schema, site, this.index.home(start.schema, site), name);
  }

  private walk(value: unknown, schema: Json, site: string, home: string, name: string): void {
    const o = this.observations;
    const branch = nullableBranch(schema);
    if (branch) {
      if (value === null) return;
      const { key, index, inner } = branch;
      // The use site stays the schema that holds anyOf: a type widened there keeps the `$ref` branch.
      this.walk(value, inner, site, this.index.home(inner, `${site}/${key}/${index}`), name);
      return;
    }
    const { types, nullable } = typesOf(schema);
    const actual = jsonTypeOf(value);
    if (actual === 'null') {
      // A schema without a type (any value) already allows null.
      if (!nullable && types.length > 0) evidenceIn(o.nulls, site).see(name);
      return;
    }
    if (!allows(types, actual)) {
      evidenceIn(nested(o.types, site), actual).see(name);
      return;
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((v) => v === value) && typeof value === 'string') {
      evidenceIn(nested(o.enumValues, home), value).see(name);
    }
    if (actual === 'object') {
      const object = value as Json;
      const properties = isObject(schema.properties) ? schema.properties : {};
      if (Array.isArray(schema.required)) {
        for (const required of schema.required) {
          if (typeof required === 'string' && !(required in object))
            evidenceIn(nested(o.absent, home), required).see(name);
        }
      }
      for (const [key, child] of Object.entries(object)) {
        const declared = properties[key];
        if (isObject(declared)) {
          const childSite = `${home}/properties/${escapeKey(key)}`;
          this.walk(child, declared, childSite, this.index.home(declared, childSite), name);
        } else if (isObject(schema.additionalProperties)) {
          const childSite = `${home}/additionalProperties`;
          const inner = schema.additionalProperties;
          this.walk(child, inner, childSite, this.index.home(inner, childSite), name);
        } else if (schema.additionalProperties !== false) {
          const found = nested(o.newProperties, home);
          const entry = found.get(key) ?? { evidence: new Evidence(), values: [] };
          found.set(key, entry);
          entry.evidence.see(name);
          if (entry.values.length < KEEP_VALUES) entry.values.push(child);
        }
      }
    } else if (actual === 'array' && isObject(schema.items)) {
      const items = schema.items;
      const itemSite = `${home}/items`;
      const itemHome = this.index.home(items, itemSite);
      for (const item of value as unknown[]) this.walk(item, items, itemSite, itemHome, name);
    }
  }
}
