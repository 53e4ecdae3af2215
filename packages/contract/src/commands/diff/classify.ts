/**
 * What changed between two versions of the contract, and what each change does to typed consumers (the code that
 * reads the types openapi-typescript generates). Response schemas are read by consumers, so a change that widens
 * what a response may hold is breaking; parameters are written by consumers, so a change that narrows what a
 * request may carry is breaking. The rules are listed in this folder's README.md.
 */
import type { LoadedSpec } from '@target-groups/spec';
import { escapeKey, isObject, type Json } from '../../spec/pointer.js';

export type Impact = 'breaking' | 'compatible';

export type ChangeKind =
  | 'operation-removed'
  | 'operation-added'
  | 'response-removed'
  | 'response-added'
  | 'parameter-removed'
  | 'parameter-added'
  | 'parameter-made-required'
  | 'parameter-made-optional'
  | 'schema-removed'
  | 'schema-added'
  | 'property-removed'
  | 'property-added'
  | 'made-nullable'
  | 'made-non-nullable'
  | 'made-optional'
  | 'made-required'
  | 'type-changed'
  | 'enum-value-added'
  | 'enum-value-removed'
  | 'enum-opened'
  | 'enum-closed'
  | 'constraint-changed'
  | 'documentation';

export interface Change {
  /** JSON pointer into the spec: into HEAD, or into BASE for what HEAD no longer has. */
  pointer: string;
  change: ChangeKind;
  impact: Impact;
  message: string;
}

/** Who writes the values a schema describes: the API (a response) or the consumer (a request). */
type Direction = 'response' | 'request';

const at = (pointer: string, ...keys: string[]) => `${pointer}/${keys.map(escapeKey).join('/')}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const list = (values: unknown[]) =>
  values.map((v) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``).join(', ');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const DOC_KEYS = ['description', 'example', 'examples', 'title', 'deprecated', 'summary'];

/** A schema seen as openapi-typescript turns it into a type: its non-null part and whether `| null` is added. */
interface Shape {
  node: Json;
  nullable: boolean;
  ref: string | undefined;
  types: string[];
}

const isNullSchema = (s: unknown) =>
  isObject(s) && (s.type === 'null' || (Array.isArray(s.type) && same(s.type, ['null'])));

function shape(schema: Json): Shape {
  let node = schema;
  let nullable = false;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length === 2 && branches.some(isNullSchema)) {
      nullable = true;
      node = branches.find((b) => !isNullSchema(b)) as Json;
    }
  }
  const type = node.type;
  let types = Array.isArray(type) ? type.map(String) : typeof type === 'string' ? [type] : [];
  if (types.includes('null')) {
    nullable = true;
    types = types.filter((t) => t !== 'null');
  }
  if (Array.isArray(node.enum) && node.enum.includes(null)) nullable = true;
  const ref = typeof node.$ref === 'string' ? node.$ref : undefined;
  return { node, nullable, ref, types: [...new Set(types)].sort() };
}

const refName = (ref: string) => ref.split('/').pop() ?? ref;
const typeText = (s: Shape) => (s.ref ? refName(s.ref) : s.types.length > 0 ? s.types.join(' | ') : 'any value');
const isOpenEnum = (node: Json) => node['x-extensible-enum'] === true;

class Classifier {
  readonly changes: Change[] = [];

  private add(pointer: string, change: ChangeKind, impact: Impact, message: string): void {
    this.changes.push({ pointer, change, impact, message });
  }

  private docs(base: Json, head: Json, pointer: string): void {
    for (const key of DOC_KEYS) {
      if (!same(base[key], head[key])) {
        const what =
          key === 'deprecated' ? (head[key] === true ? 'deprecated' : 'no longer deprecated') : `${key} changed`;
        this.add(at(pointer, key), 'documentation', 'compatible', `${what}: no effect on types`);
      }
    }
  }

  /** Compares two schemas at the same place; `$ref`s are compared by name, as components are compared by name. */
  schema(base: Json, head: Json, pointer: string, direction: Direction): void {
    this.docs(base, head, pointer);
    const b = shape(base);
    const h = shape(head);
    const reader = direction === 'response';
    if (b.nullable !== h.nullable) {
      if (h.nullable)
        this.add(
          pointer,
          'made-nullable',
          reader ? 'breaking' : 'compatible',
          reader ? 'may now be null: the generated type gains `| null`' : 'now accepts null: a request may send null',
        );
      else
        this.add(
          pointer,
          'made-non-nullable',
          reader ? 'compatible' : 'breaking',
          reader ? 'no longer null: the generated type loses `| null`' : 'no longer accepts null',
        );
    }
    if (b.node !== base || h.node !== head) this.docs(b.node, h.node, pointer);
    if (b.ref || h.ref) {
      if (b.ref !== h.ref)
        this.add(pointer, 'type-changed', 'breaking', `type changed from ${typeText(b)} to ${typeText(h)}`);
      return;
    }
    this.types(b, h, pointer, reader);
    for (const key of ['format', 'pattern', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems']) {
      if (!same(b.node[key], h.node[key])) {
        this.add(
          at(pointer, key),
          'constraint-changed',
          'compatible',
          `${key} ${b.node[key] === undefined ? 'added' : h.node[key] === undefined ? 'removed' : 'changed'}${h.node[key] === undefined ? '' : `: ${JSON.stringify(h.node[key])}`} (the generated type is unchanged)`,
        );
      }
    }
    this.enumeration(b.node, h.node, pointer, reader);
    this.object(b.node, h.node, pointer, direction);
    const bi = b.node.items;
    const hi = h.node.items;
    if (isObject(bi) && isObject(hi)) this.schema(bi, hi, at(pointer, 'items'), direction);
    const ba = b.node.additionalProperties;
    const ha = h.node.additionalProperties;
    if (isObject(ba) && isObject(ha)) this.schema(ba, ha, at(pointer, 'additionalProperties'), direction);
    else if (!same(ba, ha) && (ba !== undefined || ha !== undefined))
      this.add(
        at(pointer, 'additionalProperties'),
        'constraint-changed',
        reader && (ha === undefined || ha === true || isObject(ha)) ? 'compatible' : 'breaking',
        'undeclared properties are now treated differently',
      );
    for (const key of ['allOf', 'anyOf', 'oneOf', 'not', 'const'] as const) {
      if (b.node === base && h.node === head && !same(b.node[key], h.node[key]))
        this.add(at(pointer, key), 'type-changed', 'breaking', `\`${key}\` changed: the generated type changes`);
    }
  }

  private types(b: Shape, h: Shape, pointer: string, reader: boolean): void {
    if (same(b.types, h.types)) return;
    const widened = h.types.filter((t) => !b.types.includes(t));
    const narrowed = b.types.filter((t) => !h.types.includes(t));
    // integer and number are both `number` in TypeScript: only the values allowed change.
    const numeric = (a: string[], c: string[]) => same(a, ['integer']) && same(c, ['number']);
    if (numeric(narrowed, widened) || numeric(widened, narrowed)) {
      this.add(
        pointer,
        'type-changed',
        'compatible',
        `type changed from ${typeText(b)} to ${typeText(h)}: the generated type stays \`number\``,
      );
      return;
    }
    // No type at all is any value: going from any value to a type narrows, the other way widens.
    const widens = b.types.length > 0 && (h.types.length === 0 || widened.length > 0);
    const narrows = h.types.length > 0 && (b.types.length === 0 || narrowed.length > 0);
    const breaking = reader ? widens : narrows;
    this.add(
      pointer,
      'type-changed',
      breaking ? 'breaking' : 'compatible',
      `type changed from ${typeText(b)} to ${typeText(h)}${breaking ? '' : reader ? ' (narrower: every value the old type allowed reading still reads)' : ' (wider: every request still valid)'}`,
    );
  }

  private enumeration(b: Json, h: Json, pointer: string, reader: boolean): void {
    const be = Array.isArray(b.enum) ? b.enum : undefined;
    const he = Array.isArray(h.enum) ? h.enum : undefined;
    if (!be && !he) return;
    const open = isOpenEnum(h);
    if (be && he) {
      const added = he.filter((v) => !be.some((w) => same(v, w)));
      const removed = be.filter((v) => !he.some((w) => same(v, w)));
      if (added.length > 0) {
        const breaking = reader && !open;
        this.add(
          at(pointer, 'enum'),
          'enum-value-added',
          breaking ? 'breaking' : 'compatible',
          reader
            ? open
              ? `open enum gains ${list(added)} (its type already allows unknown strings)`
              : `closed enum gains ${list(added)}: a consumer's exhaustive handling misses it`
            : `request enum gains ${list(added)}`,
        );
      }
      if (removed.length > 0) {
        this.add(
          at(pointer, 'enum'),
          'enum-value-removed',
          reader ? 'compatible' : 'breaking',
          reader
            ? `enum loses ${list(removed)} (no longer sent)`
            : `request enum loses ${list(removed)}: a consumer sending it is refused`,
        );
      }
      if (isOpenEnum(b) !== open) {
        this.add(
          at(pointer, 'x-extensible-enum'),
          open ? 'enum-opened' : 'enum-closed',
          open === reader ? 'breaking' : 'compatible',
          open
            ? 'enum is now open: the generated type gains `(string & {})`, unknown values may arrive'
            : 'enum is now closed: the generated type loses `(string & {})`',
        );
      }
      return;
    }
    const breaking = he ? !reader : reader && !(be && isOpenEnum(b));
    this.add(
      at(pointer, 'enum'),
      'type-changed',
      breaking ? 'breaking' : 'compatible',
      he ? `values now restricted to ${list(he)}` : 'values no longer restricted to a list',
    );
  }

  private object(b: Json, h: Json, pointer: string, direction: Direction): void {
    const reader = direction === 'response';
    const bp = isObject(b.properties) ? b.properties : {};
    const hp = isObject(h.properties) ? h.properties : {};
    const br = new Set(Array.isArray(b.required) ? b.required.map(String) : []);
    const hr = new Set(Array.isArray(h.required) ? h.required.map(String) : []);
    for (const name of Object.keys(bp)) {
      if (!(name in hp))
        this.add(
          at(pointer, 'properties', name),
          'property-removed',
          reader ? 'breaking' : 'compatible',
          reader ? `property \`${name}\` removed: the generated type loses it` : `property \`${name}\` removed`,
        );
    }
    for (const name of Object.keys(hp)) {
      const where = at(pointer, 'properties', name);
      const required = hr.has(name);
      if (!(name in bp)) {
        this.add(
          where,
          'property-added',
          !reader && required ? 'breaking' : 'compatible',
          `new ${required ? 'required' : 'optional'} property \`${name}\``,
        );
        continue;
      }
      this.schema(bp[name] as Json, hp[name] as Json, where, direction);
      if (br.has(name) && !required)
        this.add(
          where,
          'made-optional',
          reader ? 'breaking' : 'compatible',
          reader
            ? `\`${name}\` may now be absent: the generated type makes it optional (\`?\`)`
            : `\`${name}\` now optional`,
        );
      if (!br.has(name) && required)
        this.add(
          where,
          'made-required',
          reader ? 'compatible' : 'breaking',
          reader ? `\`${name}\` is now always present` : `\`${name}\` is now required in a request`,
        );
    }
  }

  parameters(base: unknown, head: unknown, pointer: string): void {
    const key = (p: Json) => `${String(p.in)}:${String(p.name)}`;
    const index = (value: unknown) =>
      new Map((Array.isArray(value) ? value.filter(isObject) : []).map((p, i) => [key(p), { p, i }] as const));
    const bm = index(base);
    const hm = index(head);
    for (const [k, { p, i }] of bm) {
      if (!hm.has(k))
        this.add(
          at(pointer, 'parameters', String(i)),
          'parameter-removed',
          'breaking',
          `${String(p.in)} parameter \`${String(p.name)}\` removed: a consumer sending it breaks`,
        );
    }
    for (const [k, { p, i }] of hm) {
      const where = at(pointer, 'parameters', String(i));
      const old = bm.get(k)?.p;
      if (!old) {
        this.add(
          where,
          'parameter-added',
          p.required === true ? 'breaking' : 'compatible',
          `new ${p.required === true ? 'required' : 'optional'} ${String(p.in)} parameter \`${String(p.name)}\``,
        );
        continue;
      }
      if (old.required !== true && p.required === true)
        this.add(where, 'parameter-made-required', 'breaking', `parameter \`${String(p.name)}\` is now required`);
      if (old.required === true && p.required !== true)
        this.add(where, 'parameter-made-optional', 'compatible', `parameter \`${String(p.name)}\` is now optional`);
      this.docs(old, p, where);
      if (isObject(old.schema) && isObject(p.schema)) this.schema(old.schema, p.schema, at(where, 'schema'), 'request');
    }
  }
}

/** The response schema of a media type: the bundled one keeps `$ref`s, so components are compared by name. */
function responses(operation: Json): Json {
  return isObject(operation.responses) ? operation.responses : {};
}

/** Every change from `base` to `head`, breaking ones first, each in document order. */
export function classify(base: Pick<LoadedSpec, 'document' | 'dereferenced'>, head: typeof base): Change[] {
  const c = new Classifier();
  const bd = base.document as Json;
  const hd = head.document as Json;
  if (!same(bd.info, hd.info)) c.changes.push(docChange('/info', 'the API description changed'));
  const bPaths = (isObject(bd.paths) ? bd.paths : {}) as Record<string, Json>;
  const hPaths = (isObject(hd.paths) ? hd.paths : {}) as Record<string, Json>;
  for (const path of new Set([...Object.keys(bPaths), ...Object.keys(hPaths)])) {
    for (const method of METHODS) {
      const bo = bPaths[path]?.[method];
      const ho = hPaths[path]?.[method];
      const pointer = at('/paths', path, method);
      if (!isObject(bo) && !isObject(ho)) continue;
      if (!isObject(ho)) {
        c.changes.push({
          pointer,
          change: 'operation-removed',
          impact: 'breaking',
          message: `${method.toUpperCase()} ${path} removed`,
        });
        continue;
      }
      if (!isObject(bo)) {
        c.changes.push({
          pointer,
          change: 'operation-added',
          impact: 'compatible',
          message: `${method.toUpperCase()} ${path} added`,
        });
        continue;
      }
      // Parameters are compared resolved (they may be `$ref`s to components); schemas by component name.
      const bParams = (base.dereferenced.paths[path] as Json | undefined)?.[method] as Json | undefined;
      const hParams = (head.dereferenced.paths[path] as Json | undefined)?.[method] as Json | undefined;
      c.parameters(bParams?.parameters, hParams?.parameters, pointer);
      for (const key of ['description', 'summary', 'deprecated', 'operationId']) {
        if (!same(bo[key], ho[key])) c.changes.push(docChange(at(pointer, key), `operation ${key} changed`));
      }
      const br = responses(bo);
      const hr = responses(ho);
      for (const status of new Set([...Object.keys(br), ...Object.keys(hr)])) {
        const where = at(pointer, 'responses', status);
        if (!(status in hr)) {
          c.changes.push({
            pointer: where,
            change: 'response-removed',
            impact: 'compatible',
            message: `response ${status} no longer declared`,
          });
          continue;
        }
        if (!(status in br)) {
          c.changes.push({
            pointer: where,
            change: 'response-added',
            impact: 'compatible',
            message: `response ${status} declared`,
          });
          continue;
        }
        const bm = ((br[status] as Json).content as Json | undefined)?.['application/json'] as Json | undefined;
        const hm = ((hr[status] as Json).content as Json | undefined)?.['application/json'] as Json | undefined;
        if (isObject(bm?.schema) && isObject(hm?.schema))
          c.schema(bm.schema, hm.schema, at(where, 'content', 'application/json', 'schema'), 'response');
        if (
          !same(bm?.examples, hm?.examples) ||
          !same((br[status] as Json).description, (hr[status] as Json).description)
        )
          c.changes.push(docChange(where, `response ${status}: description or named examples changed`));
      }
    }
  }
  const bc = (isObject(bd.components) ? bd.components : {}) as Json;
  const hc = (isObject(hd.components) ? hd.components : {}) as Json;
  const bs = (isObject(bc.schemas) ? bc.schemas : {}) as Record<string, Json>;
  const hs = (isObject(hc.schemas) ? hc.schemas : {}) as Record<string, Json>;
  const requestSide = requestSchemas(hd);
  for (const name of new Set([...Object.keys(bs), ...Object.keys(hs)])) {
    const pointer = at('/components/schemas', name);
    if (!hs[name]) {
      c.changes.push({
        pointer,
        change: 'schema-removed',
        impact: 'breaking',
        message: `schema \`${name}\` removed: the named type is no longer exported`,
      });
    } else if (!bs[name]) {
      c.changes.push({ pointer, change: 'schema-added', impact: 'compatible', message: `new schema \`${name}\`` });
    } else {
      c.schema(bs[name]!, hs[name]!, pointer, requestSide.has(name) ? 'request' : 'response');
    }
  }
  const be = (isObject(bc.examples) ? bc.examples : {}) as Json;
  const he = (isObject(hc.examples) ? hc.examples : {}) as Json;
  for (const name of new Set([...Object.keys(be), ...Object.keys(he)])) {
    if (!same(be[name], he[name]))
      c.changes.push(
        docChange(
          at('/components/examples', name),
          `named example \`${name}\` ${!he[name] ? 'removed' : !be[name] ? 'added' : 'changed'}`,
        ),
      );
  }
  const order = (x: Change) => (x.impact === 'breaking' ? 0 : x.change === 'documentation' ? 2 : 1);
  return c.changes
    .map((x, i) => ({ x, i }))
    .sort((p, q) => order(p.x) - order(q.x) || p.i - q.i)
    .map(({ x }) => x);
}

function docChange(pointer: string, what: string): Change {
  return { pointer, change: 'documentation', impact: 'compatible', message: `${what}: no effect on types` };
}

/** Component schemas named directly by a parameter or a request body: those a consumer writes. */
function requestSchemas(document: Json): Set<string> {
  const names = new Set<string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (isObject(value)) {
      if (typeof value.$ref === 'string' && value.$ref.startsWith('#/components/schemas/'))
        names.add(refName(value.$ref));
      Object.values(value).forEach(collect);
    }
  };
  for (const item of Object.values(isObject(document.paths) ? document.paths : {})) {
    if (!isObject(item)) continue;
    collect(item.parameters);
    for (const method of METHODS) {
      const operation = item[method];
      if (isObject(operation)) {
        collect(operation.parameters);
        collect(operation.requestBody);
      }
    }
  }
  return names;
}

export const isBreaking = (changes: readonly Change[]) => changes.some((c) => c.impact === 'breaking');
