/**
 * The one walk of a response body down its schema, for the two views that look at what a body holds: coverage
 * (what the traffic exercised of the contract) and propose (what it shows that the contract does not allow). The
 * walk unwraps nullable branches and follows declared properties, map values and array items; each place is named by
 * its use site (where the schema is used) and its home (the component it is declared in, see SchemaIndex.home).
 */
import { isObject, type JsonObject } from '@target-groups/spec/portable';
import type { SchemaIndex } from './schemaIndex.js';

export interface BodyVisitor {
  /** A value where the schema used at `site` (declared at `home`) applies; false: the walk goes no deeper. */
  value(value: unknown, schema: JsonObject, site: string, home: string): boolean;
  /** An object under the schema declared at `home`, before the walk goes into its properties. */
  object(object: JsonObject, schema: JsonObject, home: string): void;
  /** Whether the walk goes into the values of a map (`additionalProperties`), which no contract names one by one. */
  readonly mapValues: boolean;
}

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
  const nonNull = index.nonNull(schema, home);
  if (nonNull.schema !== schema) {
    if (value === null) return;
    // The use site stays the schema that holds anyOf: a type widened there keeps the `$ref` branch.
    walk(index, value, nonNull.schema, site, nonNull.home, visitor);
    return;
  }
  if (!visitor.value(value, schema, site, home)) return;
  if (Array.isArray(value)) {
    const items = index.child(schema, home, 0);
    if (items) for (const item of value) walk(index, item, items.schema, items.site, items.home, visitor);
    return;
  }
  if (!isObject(value)) return;
  visitor.object(value, schema, home);
  for (const [key, child] of Object.entries(value)) {
    const step = index.child(schema, home, key, visitor.mapValues);
    if (step) walk(index, child, step.schema, step.site, step.home, visitor);
  }
}
