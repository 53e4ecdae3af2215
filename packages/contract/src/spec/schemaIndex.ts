/**
 * Which schema of the spec describes a place in a response body of one operation: the steps down the dereferenced
 * response schema (as the spec reader gives it, per operation and status), each named by the component schema it is
 * in (the reader's `componentOf`, so no `$ref` is followed here). The body walk (bodyWalk.ts) takes the same steps
 * led by a body's values; `resolve` takes them led by a body pointer (a violation's place).
 */
import { escapeKey, isObject, type JsonObject, keysOf, type LoadedSpec, nullableBranch } from '@target-groups/spec';

export interface SchemaPlace {
  /** The schema found (dereferenced), or undefined when the body goes where the spec declares nothing. */
  schema: JsonObject | undefined;
  /** The component schema the place is declared in, when it is in one. */
  component: string | undefined;
  /** JSON pointer into the spec of that schema (or of its nearest declared parent, when `schema` is undefined). */
  specPointer: string;
  /** The body pointer of the deepest place the spec declares. */
  declaredBodyPointer: string;
}

/** Where a step down a schema lands: the schema, where it is used and where it is declared. */
export interface SchemaStep {
  schema: JsonObject;
  site: string;
  home: string;
}

export type IndexedSpec = Pick<LoadedSpec, 'operation' | 'componentOf'>;

/** The place of a property of the object schema at `home`. */
export const propertyPlace = (home: string, name: string) => `${home}/properties/${escapeKey(name)}`;

/** The component a spec pointer is in (`/components/schemas/Target/...` → `Target`). */
export function componentAt(pointer: string): string | undefined {
  const [first, second, name] = keysOf(pointer);
  return first === 'components' && second === 'schemas' ? name : undefined;
}

export class SchemaIndex {
  constructor(private readonly spec: IndexedSpec) {}

  /** The JSON response schema of `operationId` for HTTP `status` (as the operation declares it) and its pointer. */
  response(operationId: string, status: number): { schema: JsonObject; pointer: string } | undefined {
    const response = this.spec.operation(operationId)?.responseFor(status);
    if (!response?.schema || response.schemaPointer === undefined) return undefined;
    return { schema: response.schema, pointer: response.schemaPointer };
  }

  /** Follows `bodyPointer` (into a body of HTTP `status` of `operationId`) down the schema, step by step. */
  resolve(operationId: string, status: number, bodyPointer: string): SchemaPlace | undefined {
    const start = this.response(operationId, status);
    if (!start) return undefined;
    let schema: JsonObject = start.schema;
    let place = this.home(schema, start.pointer);
    let declared = '';
    for (const key of keysOf(bodyPointer)) {
      ({ schema, home: place } = this.nonNull(schema, place));
      // A pointer says nothing of the body's shape: a number steps into an array where the schema declares one.
      const step = this.child(schema, place, /^\d+$/.test(key) && isObject(schema.items) ? Number(key) : key);
      if (!step)
        return { schema: undefined, component: componentAt(place), specPointer: place, declaredBodyPointer: declared };
      ({ schema, home: place } = step);
      declared += `/${escapeKey(key)}`;
    }
    return { schema, component: componentAt(place), specPointer: place, declaredBodyPointer: declared };
  }

  /**
   * One step down a schema: the schema a child of a value under `schema` (declared at `home`) is under, with its use
   * site and home: a declared property, an array's items (`key` a number), or a map's values (unless `mapValues` is
   * false); undefined where the spec declares none. The body walk and `resolve` both step with it.
   */
  child(schema: JsonObject, home: string, key: string | number, mapValues = true): SchemaStep | undefined {
    let next: unknown;
    let site: string;
    if (typeof key === 'number') {
      next = schema.items;
      site = `${home}/items`;
    } else if (isObject(schema.properties) && Object.hasOwn(schema.properties, key)) {
      // Own properties only: a body's `__proto__` or `constructor` is declared, or it is not, never inherited.
      next = schema.properties[key];
      site = propertyPlace(home, key);
    } else if (mapValues) {
      next = schema.additionalProperties;
      site = `${home}/additionalProperties`;
    } else return undefined;
    return isObject(next) ? { schema: next, site, home: this.home(next, site) } : undefined;
  }

  /** The non-null branch of `anyOf: [X, {type: null}]` (how a nullable `$ref` is written), at any depth, and its home. */
  nonNull(schema: JsonObject, home: string): { schema: JsonObject; home: string } {
    const branch = nullableBranch(schema);
    if (!branch) return { schema, home };
    return this.nonNull(branch.inner, this.home(branch.inner, `${home}/${branch.key}/${branch.index}`));
  }

  /** A component schema is addressed by its own pointer, so an edit goes to the component, not to a use of it. */
  home(schema: JsonObject, pointer: string): string {
    const name = this.spec.componentOf(schema);
    return name ? `/components/schemas/${escapeKey(name)}` : pointer;
  }
}
