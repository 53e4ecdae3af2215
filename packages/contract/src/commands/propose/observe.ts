/**
 * What the bodies show that the spec does not allow, gathered per place in the spec: `null` where the schema is not
 * nullable, a required property absent, a value outside an enum, an undeclared property, a value of another type.
 * Only bodies the validator flags are walked, so conforming traffic costs no more than `check`.
 *
 * Evidence is counted as `check` counts its groups: each body once per place (the pointer of the edit that place
 * calls for), however often the body shows it there. Names and values that vary are bounded as check bounds them:
 * past VARYING_NAMES new names in one object (or new values of one enum) only how many there are is kept.
 */
import { declaresOtherProperties } from '@target-groups/validator';
import { MAX_KEYS_PER_OBJECT } from '../../check/report/pointerGroups.js';
import { type BodyVisitor, walkResponseBody } from '../../spec/bodyWalk.js';
import { propertyPlace, type SchemaIndex } from '../../spec/schemaIndex.js';
import {
  allowsType,
  describesObjects,
  isObject,
  type JsonObject,
  type JsonType,
  jsonTypeOf,
  typesOf,
} from '@target-groups/spec/portable';

/** New names in one object, or new values of one enum, proposed one by one; more are names (values) that vary. */
export const VARYING_NAMES = MAX_KEYS_PER_OBJECT;
/** Distinct varying names counted exactly, at most (memory stays bounded whatever the traffic sends). */
const MAX_COUNTED = 200_000;
// Values kept per new property to infer its schema from: enough to see its variety, bounded in memory.
const KEEP_VALUES = 200;

/** Bodies that showed something, by name: how many (each once) and the first few. */
export class Evidence {
  count = 0;
  readonly first: string[] = [];
  private last: string | undefined;

  see(body: string): void {
    // Bodies are walked one after the other, so a body seen again here is the one seen last.
    if (body === this.last) return;
    this.last = body;
    this.count++;
    if (this.first.length < 5) this.first.push(body);
  }
}

/** Distinct names (or values) past the bound: how many, a few of them, and the JSON types of their values. */
export class Varying {
  readonly names = new Set<string>();
  readonly examples: string[] = [];
  readonly types = new Set<JsonType>();
  /** More distinct names than MAX_COUNTED were seen (the count is a lower bound). */
  beyondCount = false;

  add(name: string, value?: unknown): void {
    if (value !== undefined) this.types.add(jsonTypeOf(value));
    if (this.names.has(name)) return;
    if (this.names.size >= MAX_COUNTED) {
      this.beyondCount = true;
      return;
    }
    this.names.add(name);
    if (this.examples.length < 3) this.examples.push(name);
  }

  /** `2,000` or `more than 200,000`. */
  get countText(): string {
    return `${this.beyondCount ? 'more than ' : ''}${this.names.size.toLocaleString('en-US')}`;
  }
}

export interface NewNames {
  /** The first VARYING_NAMES names, each with values to infer its schema from. */
  names: Map<string, unknown[]>;
  /** Every name once there are more than VARYING_NAMES (then none is proposed on its own). */
  varying: Varying | undefined;
}

export interface Observations {
  /** Use sites (pointer of the schema as used) where `null` was seen. */
  nulls: Set<string>;
  /** Home of an object schema → required property names seen absent. */
  absent: Map<string, Set<string>>;
  /** Home of an enum schema → values seen outside it (the first VARYING_NAMES; `varying` counts them all). */
  enumValues: Map<string, { values: Set<string>; varying: Varying }>;
  /** Home of an object schema → its undeclared properties. */
  newProperties: Map<string, NewNames>;
  /** Use site → JSON types seen that the schema does not allow. */
  types: Map<string, Set<JsonType>>;
  /** Place (the pointer of the edit it calls for) → the bodies that showed it. */
  places: Map<string, Evidence>;
  /** Bodies walked (the M of "seen in N of M bodies" is all bodies read; the caller counts them). */
  walked: number;
}

export const emptyObservations = (): Observations => ({
  nulls: new Set(),
  absent: new Map(),
  enumValues: new Map(),
  newProperties: new Map(),
  types: new Map(),
  places: new Map(),
  walked: 0,
});

function entry<V>(map: Map<string, V>, key: string, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** The schema's own types without `null`, and whether its `type` lists `null`. */
function ownTypes(schema: JsonObject): { types: string[]; nullable: boolean } {
  const types = typesOf(schema);
  return { types: types.filter((t) => t !== 'null'), nullable: types.includes('null') };
}

export class Observer implements BodyVisitor {
  // What a map's values hold is evidence too (a type seen there that the value schema does not allow).
  readonly mapValues = true;
  /** The body being walked, as reports name it. */
  private name = '';

  constructor(
    private readonly index: SchemaIndex,
    readonly observations: Observations = emptyObservations(),
  ) {}

  /** Walks one body of HTTP `status` of `operationId`; `name` is how reports name the body. */
  body(value: unknown, operationId: string, status: number, name: string): void {
    this.name = name;
    if (walkResponseBody(this.index, value, operationId, status, this)) this.observations.walked++;
  }

  private seen(place: string): void {
    entry(this.observations.places, place, () => new Evidence()).see(this.name);
  }

  value(value: unknown, schema: JsonObject, site: string, home: string): boolean {
    const o = this.observations;
    const { types, nullable } = ownTypes(schema);
    const actual = jsonTypeOf(value);
    if (actual === 'null') {
      // A schema without a type (any value) already allows null.
      if (!nullable && types.length > 0) {
        o.nulls.add(site);
        this.seen(site);
      }
      return false;
    }
    if (!allowsType(types, actual)) {
      entry(o.types, site, () => new Set()).add(actual);
      this.seen(site);
      return false;
    }
    if (Array.isArray(schema.enum) && typeof value === 'string' && !schema.enum.some((v) => v === value)) {
      const seen = entry(o.enumValues, home, () => ({ values: new Set<string>(), varying: new Varying() }));
      seen.varying.add(value);
      if (seen.values.size < VARYING_NAMES || seen.values.has(value)) seen.values.add(value);
      this.seen(`${home}/enum`);
    }
    return true;
  }

  object(object: JsonObject, schema: JsonObject, home: string): void {
    if (Array.isArray(schema.required)) {
      for (const required of schema.required) {
        if (typeof required === 'string' && !Object.hasOwn(object, required)) {
          entry(this.observations.absent, home, () => new Set()).add(required);
          this.seen(propertyPlace(home, required));
        }
      }
    }
    // An undeclared property is drift exactly where check says so: in a schema that describes objects and says
    // nothing of other properties. A map (`additionalProperties`) is not one: what its values hold is evidence,
    // not a contract, so nothing is proposed inside a value schema that does not describe objects.
    if (!describesObjects(schema) || declaresOtherProperties(schema)) return;
    const properties = isObject(schema.properties) ? schema.properties : {};
    for (const [key, child] of Object.entries(object))
      if (!(Object.hasOwn(properties, key) && isObject(properties[key]))) this.newProperty(home, key, child);
  }

  private newProperty(home: string, key: string, value: unknown): void {
    const found = entry(this.observations.newProperties, home, () => ({ names: new Map(), varying: undefined }));
    this.seen(`${home}/additionalProperties`);
    if (found.varying) {
      found.varying.add(key, value);
      return;
    }
    let values = found.names.get(key);
    if (!values) {
      if (found.names.size >= VARYING_NAMES) {
        // From here on the names are data: every name so far and every later one is counted, none kept.
        found.varying = new Varying();
        for (const [known, seen] of found.names) for (const v of seen) found.varying.add(known, v);
        found.varying.add(key, value);
        found.names.clear();
        return;
      }
      values = [];
      found.names.set(key, values);
    }
    this.seen(propertyPlace(home, key));
    if (values.length < KEEP_VALUES) values.push(value);
  }
}
