/**
 * Which schema of the spec describes a place in a response body: the walk follows the body's keys down the
 * dereferenced response schema, and names the component schema each step is in (recognised by content, so no
 * `$ref` is followed here: the spec reader resolved them all).
 */
import type { LoadedSpec } from '@target-groups/spec';
import { isNullSchema } from './nullable.js';
import { type Json, isObject, escapeKey, unescapeKey } from './pointer.js';

export interface SchemaPlace {
  /** The schema found (dereferenced), or undefined when the body goes where the spec declares nothing. */
  schema: Json | undefined;
  /** The component schema the place is declared in, when it is in one. */
  component: string | undefined;
  /** JSON pointer into the spec of that schema (or of its nearest declared parent, when `schema` is undefined). */
  specPointer: string;
  /** The body pointer of the deepest place the spec declares. */
  declaredBodyPointer: string;
}

export class SchemaIndex {
  private readonly byContent = new Map<string, string>();
  private readonly componentOf = new WeakMap<object, string | null>();
  private readonly operation: Json | undefined;

  constructor(private readonly spec: Pick<LoadedSpec, 'dereferenced'>) {
    for (const [name, schema] of Object.entries(spec.dereferenced.components.schemas)) {
      const key = JSON.stringify(schema);
      if (!this.byContent.has(key)) this.byContent.set(key, name);
    }
    for (const item of Object.values(spec.dereferenced.paths)) {
      if (isObject(item) && isObject(item.get)) {
        this.operation = item.get;
        break;
      }
    }
  }

  private component(schema: Json): string | undefined {
    let name = this.componentOf.get(schema);
    if (name === undefined) {
      name = this.byContent.get(JSON.stringify(schema)) ?? null;
      this.componentOf.set(schema, name);
    }
    return name ?? undefined;
  }

  /** The JSON response schema of `status` (exact, then `4XX`, then `default`) and its pointer. */
  response(status: number): { schema: Json; pointer: string } | undefined {
    const responses = isObject(this.operation?.responses) ? this.operation.responses : {};
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => Object.hasOwn(responses, k));
    if (key === undefined) return undefined;
    const schema = ((responses[key] as Json).content as Json | undefined)?.['application/json'] as Json | undefined;
    if (!isObject(schema?.schema)) return undefined;
    const [template] = Object.entries(this.spec.dereferenced.paths).find(([, item]) => item.get === this.operation) ?? [
      '',
    ];
    return {
      schema: schema.schema,
      pointer: `/paths/${escapeKey(template)}/get/responses/${key}/content/application~1json/schema`,
    };
  }

  /** Walks `bodyPointer` (into a body of HTTP `status`) down the schema. */
  resolve(status: number, bodyPointer: string): SchemaPlace | undefined {
    const start = this.response(status);
    if (!start) return undefined;
    let schema: Json = start.schema;
    let place = this.home(schema, start.pointer);
    const keys = bodyPointer === '' ? [] : bodyPointer.split('/').slice(1).map(unescapeKey);
    let declared = '';
    for (const key of keys) {
      ({ schema, pointer: place } = this.unwrap(schema, place));
      let next: Json | undefined;
      let step = '';
      // Own properties only: a body's `__proto__` or `constructor` is declared, or it is not, never inherited.
      if (isObject(schema.properties) && Object.hasOwn(schema.properties, key) && isObject(schema.properties[key])) {
        next = schema.properties[key] as Json;
        step = `/properties/${escapeKey(key)}`;
      } else if (/^\d+$/.test(key) && isObject(schema.items)) {
        next = schema.items;
        step = '/items';
      } else if (isObject(schema.additionalProperties) && !/^\d+$/.test(key)) {
        next = schema.additionalProperties;
        step = '/additionalProperties';
      }
      if (!next) return { schema: undefined, ...this.named(place), declaredBodyPointer: declared };
      schema = next;
      place = this.home(next, place + step);
      declared += `/${escapeKey(key)}`;
    }
    return { schema, ...this.named(place), declaredBodyPointer: declared };
  }

  private named(pointer: string): { component: string | undefined; specPointer: string } {
    const match = /^\/components\/schemas\/([^/]+)/.exec(pointer);
    return { component: match ? unescapeKey(match[1]!) : undefined, specPointer: pointer };
  }

  /** A component schema is addressed by its own pointer, so an edit goes to the component, not to a use of it. */
  home(schema: Json, pointer: string): string {
    const name = this.component(schema);
    return name ? `/components/schemas/${escapeKey(name)}` : pointer;
  }

  /** The non-null branch of `anyOf: [X, {type: null}]` (how a nullable `$ref` is written). */
  private unwrap(schema: Json, pointer: string): { schema: Json; pointer: string } {
    for (const key of ['anyOf', 'oneOf'] as const) {
      const branches = schema[key];
      if (Array.isArray(branches)) {
        const index = branches.findIndex((b) => isObject(b) && !isNullSchema(b));
        if (index !== -1 && branches.length <= 2) {
          const inner = branches[index] as Json;
          return this.unwrap(inner, this.home(inner, `${pointer}/${key}/${index}`));
        }
      }
    }
    return { schema, pointer };
  }
}
