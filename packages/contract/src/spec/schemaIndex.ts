/**
 * Which schema of the spec describes a place in a response body of one operation: the walk follows the body's keys
 * down the dereferenced response schema (as the spec reader gives it, per operation and status), and names the
 * component schema each step is in (the reader's `componentOf`, so no `$ref` is followed here).
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

export type IndexedSpec = Pick<LoadedSpec, 'operation' | 'componentOf'>;

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

  /** Walks `bodyPointer` (into a body of HTTP `status` of `operationId`) down the schema. */
  resolve(operationId: string, status: number, bodyPointer: string): SchemaPlace | undefined {
    const start = this.response(operationId, status);
    if (!start) return undefined;
    let schema: JsonObject = start.schema;
    let place = this.home(schema, start.pointer);
    let declared = '';
    for (const key of keysOf(bodyPointer)) {
      ({ schema, pointer: place } = this.unwrap(schema, place));
      let next: JsonObject | undefined;
      let step = '';
      // Own properties only: a body's `__proto__` or `constructor` is declared, or it is not, never inherited.
      if (isObject(schema.properties) && Object.hasOwn(schema.properties, key) && isObject(schema.properties[key])) {
        next = schema.properties[key] as JsonObject;
        step = `/properties/${escapeKey(key)}`;
      } else if (/^\d+$/.test(key) && isObject(schema.items)) {
        next = schema.items;
        step = '/items';
      } else if (isObject(schema.additionalProperties) && !/^\d+$/.test(key)) {
        next = schema.additionalProperties;
        step = '/additionalProperties';
      }
      if (!next)
        return { schema: undefined, component: componentAt(place), specPointer: place, declaredBodyPointer: declared };
      schema = next;
      place = this.home(next, place + step);
      declared += `/${escapeKey(key)}`;
    }
    return { schema, component: componentAt(place), specPointer: place, declaredBodyPointer: declared };
  }

  /** A component schema is addressed by its own pointer, so an edit goes to the component, not to a use of it. */
  home(schema: JsonObject, pointer: string): string {
    const name = this.spec.componentOf(schema);
    return name ? `/components/schemas/${escapeKey(name)}` : pointer;
  }

  /** The non-null branch of `anyOf: [X, {type: null}]` (how a nullable `$ref` is written). */
  private unwrap(schema: JsonObject, pointer: string): { schema: JsonObject; pointer: string } {
    const branch = nullableBranch(schema);
    if (!branch) return { schema, pointer };
    return this.unwrap(branch.inner, this.home(branch.inner, `${pointer}/${branch.key}/${branch.index}`));
  }
}
