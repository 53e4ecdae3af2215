/**
 * What changed between two versions of the contract, and what each change does to typed consumers (the code that
 * reads the types openapi-typescript generates). Operations, responses and component schemas are matched by name;
 * the schema rules are in schemaChanges.ts and listed in this folder's README.md. Every name from a spec is looked
 * up as an own property, so a property called `constructor` or `__proto__` is a property like any other.
 */
import type { LoadedSpec } from '@target-groups/spec';
import { isObject, type Json } from '../../spec/pointer.js';
import { at, type Change, docChange, same } from './change.js';
import { own, refName } from './generatedType.js';
import { SchemaChanges } from './schemaChanges.js';
import { GeneratedTypes } from './typeRelation.js';

export type { Change, ChangeKind, Impact } from './change.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** An object member of `value` by own property, as a Map (empty when `value` or the member is not an object). */
function members(value: unknown, ...keys: string[]): Map<string, unknown> {
  let node = value;
  for (const key of keys) node = isObject(node) ? own(node, key) : undefined;
  return new Map(isObject(node) ? Object.entries(node) : []);
}

const union = <T>(a: Map<string, T>, b: Map<string, T>) => new Set([...a.keys(), ...b.keys()]);
const asJson = (value: unknown): Json | undefined => (isObject(value) ? value : undefined);

type Spec = Pick<LoadedSpec, 'document' | 'dereferenced'>;

/** Every change from `base` to `head`, breaking ones first, each in document order. */
export function classify(base: Spec, head: Spec): Change[] {
  const bd = base.document as Json;
  const hd = head.document as Json;
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

function operations(c: SchemaChanges, base: Spec, head: Spec): void {
  const bPaths = members(base.document, 'paths');
  const hPaths = members(head.document, 'paths');
  for (const path of union(bPaths, hPaths)) {
    for (const method of METHODS) {
      const bo = asJson(members(bPaths.get(path)).get(method));
      const ho = asJson(members(hPaths.get(path)).get(method));
      const pointer = at('/paths', path, method);
      if (!bo && !ho) continue;
      if (!ho) {
        c.add(pointer, 'operation-removed', 'breaking', `${method.toUpperCase()} ${path} removed`);
        continue;
      }
      if (!bo) {
        c.add(pointer, 'operation-added', 'compatible', `${method.toUpperCase()} ${path} added`);
        continue;
      }
      // Parameters are compared resolved (they may be `$ref`s to components); schemas by component name.
      const parameters = (spec: Spec) => asJson(members(spec.dereferenced, 'paths', path).get(method))?.parameters;
      c.parameters(parameters(base), parameters(head), pointer);
      for (const key of ['description', 'summary', 'deprecated', 'operationId']) {
        if (!same(own(bo, key), own(ho, key))) c.changes.push(docChange(at(pointer, key), `operation ${key} changed`));
      }
      const br = members(bo, 'responses');
      const hr = members(ho, 'responses');
      for (const status of union(br, hr)) {
        const where = at(pointer, 'responses', status);
        if (!hr.has(status)) {
          c.add(where, 'response-removed', 'compatible', `response ${status} no longer declared`);
          continue;
        }
        if (!br.has(status)) {
          c.add(where, 'response-added', 'compatible', `response ${status} declared`);
          continue;
        }
        const bm = asJson(members(br.get(status), 'content').get('application/json'));
        const hm = asJson(members(hr.get(status), 'content').get('application/json'));
        const bSchema = bm && asJson(own(bm, 'schema'));
        const hSchema = hm && asJson(own(hm, 'schema'));
        if (bSchema && hSchema)
          c.schema(bSchema, hSchema, at(where, 'content', 'application/json', 'schema'), 'response', false);
        const description = (r: unknown) => (isObject(r) ? own(r, 'description') : undefined);
        if (
          !same(bm && own(bm, 'examples'), hm && own(hm, 'examples')) ||
          !same(description(br.get(status)), description(hr.get(status)))
        )
          c.changes.push(docChange(where, `response ${status}: description or named examples changed`));
      }
    }
  }
}

/** Component schemas named directly by a parameter or a request body: those a consumer writes. */
function requestSchemas(document: Json): Set<string> {
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
    for (const method of METHODS) {
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
