/**
 * The one walk of a response body down its schema, for the two views that look at what a body holds: coverage
 * (what the traffic exercised of the contract) and propose (what it shows that the contract does not allow). The
 * walk unwraps nullable branches and follows declared properties, map values and array items; each place is named by
 * its use site (where the schema is used) and its home (the component it is declared in, see SchemaIndex.home).
 */
import { escapeKey, isObject, type JsonObject, nullableBranch } from '@target-groups/spec/portable';
import type { SchemaIndex } from './schemaIndex.js';

export interface BodyVisitor {
  /** A value where the schema used at `site` (declared at `home`) applies; false: the walk goes no deeper. */
  value(value: unknown, schema: JsonObject, site: string, home: string): boolean;
  /** An object under the schema declared at `home`, before the walk goes into its properties. */
  object(object: JsonObject, schema: JsonObject, home: string): void;
  /** Whether the walk goes into the values of a map (`additionalProperties`), which no contract names one by one. */
  readonly mapValues: boolean;
}

/** The place of a property of the object schema at `home`. */
export const propertyPlace = (home: string, name: string) => `${home}/properties/${escapeKey(name)}`;

/** Walks a body of HTTP `status` of `operationId`; false when the operation declares no JSON schema for it. */
export function walkResponseBody(
  index: SchemaIndex,
  value: unknown,
  operationId: string,
  status: number,
  visitor: BodyVisitor,
): boolean {
  const start = index.response(operationId, status);
  if (!start) return false;
  walk(index, value, start.schema, start.pointer, index.home(start.schema, start.pointer), visitor);
  return true;
}

function walk(
  index: SchemaIndex,
  value: unknown,
  schema: JsonObject,
  site: string,
  home: string,
  visitor: BodyVisitor,
) {
  const branch = nullableBranch(schema);
  if (branch) {
    if (value === null) return;
    // The use site stays the schema that holds anyOf: a type widened there keeps the `$ref` branch. The branch is
    // where anyOf is written: under its home, which is the use site unless that schema is a component.
    const { key, index: at, inner } = branch;
    walk(index, value, inner, site, index.home(inner, `${home}/${key}/${at}`), visitor);
    return;
  }
  if (!visitor.value(value, schema, site, home)) return;
  if (Array.isArray(value)) {
    if (!isObject(schema.items)) return;
    const items = schema.items;
    const itemSite = `${home}/items`;
    const itemHome = index.home(items, itemSite);
    for (const item of value) walk(index, item, items, itemSite, itemHome, visitor);
    return;
  }
  if (!isObject(value)) return;
  visitor.object(value, schema, home);
  const properties = isObject(schema.properties) ? schema.properties : {};
  const others = visitor.mapValues && isObject(schema.additionalProperties) ? schema.additionalProperties : undefined;
  for (const [key, child] of Object.entries(value)) {
    // Own properties only: a body's `constructor` is declared, or it is not, never inherited.
    const declared = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (isObject(declared)) {
      const childSite = propertyPlace(home, key);
      walk(index, child, declared, childSite, index.home(declared, childSite), visitor);
    } else if (others) {
      const childSite = `${home}/additionalProperties`;
      walk(index, child, others, childSite, index.home(others, childSite), visitor);
    }
  }
}
