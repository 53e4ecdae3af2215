/**
 * What changed between two versions of the contract, and what each change does to typed consumers (the code that
 * reads the types openapi-typescript generates). Operations, responses and component schemas are matched by name;
 * the schema rules are in schemaChanges.ts and listed in this folder's README.md. Every name from a spec is looked
 * up as an own property, so a property called `constructor` or `__proto__` is a property like any other.
 */
import type { LoadedSpec } from '@target-groups/spec';
import {
  HTTP_METHODS,
  isObject,
  type JsonObject,
  type Operation,
  type OperationResponse,
  operationsOf,
} from '@target-groups/spec/portable';
import { at, type Change, docChange, same } from './change.js';
import { own, refName } from './generatedType.js';
import { SchemaChanges } from './schemaChanges.js';
import { GeneratedTypes } from './typeRelation.js';

export type { Change } from './change.js';

/** An object member of `value` by own property, as a Map (empty when `value` or the member is not an object). */
function members(value: unknown, ...keys: string[]): Map<string, unknown> {
  let node = value;
  for (const key of keys) node = isObject(node) ? own(node, key) : undefined;
  return new Map(isObject(node) ? Object.entries(node) : []);
}

const union = <T>(a: Map<string, T>, b: Map<string, T>) => new Set([...a.keys(), ...b.keys()]);
const asJson = (value: unknown): JsonObject | undefined => (isObject(value) ? value : undefined);

type Spec = Pick<LoadedSpec, 'document' | 'dereferenced'>;

/** Every change from `base` to `head`, breaking ones first, each in document order. */
export function classify(base: Spec, head: Spec): Change[] {
  const bd = base.document as JsonObject;
  const hd = head.document as JsonObject;
  const c = new SchemaChanges(
    new GeneratedTypes(Object.fromEntries(members(bd, 'components', 'schemas'))),
    new GeneratedTypes(Object.fromEntries(members(hd, 'components', 'schemas'))),
  );
  if (!same(own(bd, 'info'), own(hd, 'info'))) c.changes.push(docChange('/info', 'the API description changed'));
  operations(c, base, head);
  const bs = members(bd, 'components', 'schemas');
  const hs = members(hd, 'components', 'schemas');
  const requestSide = requestSchemas(hd);
  for (const name of union(bs, hs)) {
    const pointer = at('/components/schemas', name);
    const was = asJson(bs.get(name));
    const now = asJson(hs.get(name));
    if (!now) {
      if (was)
        c.add(
          pointer,
          'schema-removed',
          'breaking',
          `schema \`${name}\` removed: the named type is no longer exported`,
        );
    } else if (!was) c.add(pointer, 'schema-added', 'compatible', `new schema \`${name}\``);
    else c.schema(was, now, pointer, requestSide.has(name) ? 'request' : 'response', true);
  }
  const be = members(bd, 'components', 'examples');
  const he = members(hd, 'components', 'examples');
  for (const name of union(be, he)) {
    if (!same(be.get(name), he.get(name)))
      c.changes.push(
        docChange(
          at('/components/examples', name),
          `named example \`${name}\` ${!he.has(name) ? 'removed' : !be.has(name) ? 'added' : 'changed'}`,
        ),
      );
  }
  const order = (x: Change) => (x.impact === 'breaking' ? 0 : x.change === 'documentation' ? 2 : 1);
  return c.changes
    .map((x, i) => ({ x, i }))
    .sort((p, q) => order(p.x) - order(q.x) || p.i - q.i)
    .map(({ x }) => x);
}

/** The operations of a spec, as the spec reader lists them, by `METHOD path`. */
const operationsBy = (spec: Spec) =>
  new Map(operationsOf(spec.document, spec.dereferenced).map((o) => [`${o.method.toUpperCase()} ${o.path}`, o]));

function operations(c: SchemaChanges, base: Spec, head: Spec): void {
  const bOps = operationsBy(base);
  const hOps = operationsBy(head);
  for (const name of union(bOps, hOps)) {
    const bOp = bOps.get(name);
    const hOp = hOps.get(name);
    const pointer = (bOp ?? hOp)!.pointer;
    if (!hOp) {
      c.add(pointer, 'operation-removed', 'breaking', `${name} removed`);
      continue;
    }
    if (!bOp) {
      c.add(pointer, 'operation-added', 'compatible', `${name} added`);
      continue;
    }
    // Parameters are compared resolved (they may be `$ref`s to components); schemas by component name.
    c.parameters(bOp.dereferenced.parameters, hOp.dereferenced.parameters, pointer);
    for (const key of ['description', 'summary', 'deprecated', 'operationId']) {
      if (!same(own(bOp.bundled, key), own(hOp.bundled, key)))
        c.changes.push(docChange(at(pointer, key), `operation ${key} changed`));
    }
    const br = new Map(bOp.responses.map((r) => [r.status, r]));
    const hr = new Map(hOp.responses.map((r) => [r.status, r]));
    for (const status of union(br, hr)) {
      const b = br.get(status);
      const h = hr.get(status);
      const where = (b ?? h)!.pointer;
      if (!h) {
        c.add(where, 'response-removed', 'compatible', `response ${status} no longer declared`);
        continue;
      }
      if (!b) {
        c.add(where, 'response-added', 'compatible', `response ${status} declared`);
        continue;
      }
      if (b.bundledSchema && h.bundledSchema && h.schemaPointer)
        c.schema(b.bundledSchema, h.bundledSchema, h.schemaPointer, 'response', false);
      // Named examples as written (a `$ref` to a component example is compared by name; the component on its own).
      const examples = (op: Operation, r: OperationResponse) =>
        members(members(members(op.bundled, 'responses').get(status), 'content').get(r.mediaType ?? ''), 'examples');
      if (
        !same(Object.fromEntries(examples(bOp, b)), Object.fromEntries(examples(hOp, h))) ||
        !same(b.description, h.description)
      )
        c.changes.push(docChange(where, `response ${status}: description or named examples changed`));
    }
  }
}

/** Component schemas named directly by a parameter or a request body: those a consumer writes. */
function requestSchemas(document: JsonObject): Set<string> {
  const names = new Set<string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (isObject(value)) {
      const ref = own(value, '$ref');
      if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) names.add(refName(ref));
      Object.values(value).forEach(collect);
    }
  };
  for (const item of members(document, 'paths').values()) {
    if (!isObject(item)) continue;
    collect(own(item, 'parameters'));
    for (const method of HTTP_METHODS) {
      const operation = own(item, method);
      if (isObject(operation)) {
        collect(own(operation, 'parameters'));
        collect(own(operation, 'requestBody'));
      }
    }
  }
  return names;
}

export const isBreaking = (changes: readonly Change[]) => changes.some((c) => c.impact === 'breaking');
