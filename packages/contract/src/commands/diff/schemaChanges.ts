/**
 * The rules for a schema compared with its next version. Each change is found by keyword (a property, `type`,
 * `enum`, `required`, `additionalProperties`, ...) and judged by what it does to the generated type
 * (generatedType.ts) and to code written against the old one (typeRelation.ts). In a response, a wider type breaks
 * the code that reads it and a narrower one the code that builds or exhaustively narrows its values, so every change
 * of the generated type is breaking; in a request (a parameter) only a narrower one is. What leaves the generated
 * type as it was (`integer` ↔ `number`, a value of an open enum, a new optional property, a constraint, a
 * description) is compatible.
 */
import { isObject, type JsonObject, nullableBranch } from '@target-groups/spec/portable';
import { at, type Change, type ChangeKind, type Direction, type Impact, list, same } from './change.js';
import { atoms, covered, describe, impactOf, only, part, why } from './impact.js';
import { nonNull, own, refName, type TypeModel, typeOf } from './generatedType.js';
import { type Breaks, type GeneratedTypes, TypeRelation } from './typeRelation.js';

const DOC_KEYS = ['description', 'example', 'examples', 'title', 'deprecated', 'summary'];
const CONSTRAINTS = [
  'format',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'default',
  'readOnly',
  'writeOnly',
];
const COMPOSITION = ['allOf', 'anyOf', 'oneOf', 'not'] as const;

type ObjectType = Extract<TypeModel, { kind: 'object' }>;
type ArrayType = Extract<TypeModel, { kind: 'array' }>;

const typeNames = (schema: JsonObject): string[] => {
  const type = own(schema, 'type');
  const names = Array.isArray(type) ? type.map(String) : typeof type === 'string' ? [type] : [];
  return [...new Set(names.filter((t) => t !== 'null'))].sort();
};
const ownProps = (schema: JsonObject) => {
  const properties = own(schema, 'properties');
  return new Map<string, unknown>(isObject(properties) ? Object.entries(properties) : []);
};
const requiredOf = (schema: JsonObject) => {
  const required = own(schema, 'required');
  return new Set(Array.isArray(required) ? required.map(String) : []);
};
const isOpenEnum = (node: JsonObject) => own(node, 'x-extensible-enum') === true;
const keyword = (value: unknown) => (value === undefined ? 'absent' : `\`${JSON.stringify(value)}\``);

export class SchemaChanges {
  readonly changes: Change[] = [];
  private readonly relation = new TypeRelation();

  constructor(
    private readonly base: GeneratedTypes,
    private readonly head: GeneratedTypes,
  ) {}

  add(pointer: string, change: ChangeKind, impact: Impact, message: string): void {
    this.changes.push({ pointer, change, impact, message });
  }

  docs(base: JsonObject, head: JsonObject, pointer: string): void {
    for (const key of DOC_KEYS) {
      if (!same(own(base, key), own(head, key))) {
        const what =
          key === 'deprecated' ? (own(head, key) === true ? 'deprecated' : 'no longer deprecated') : `${key} changed`;
        this.add(at(pointer, key), 'documentation', 'compatible', `${what}: no effect on types`);
      }
    }
  }

  private breaks(base: TypeModel, head: TypeModel): Breaks {
    return this.relation.breaks({ model: base, in: this.base }, { model: head, in: this.head });
  }

  private typeChange(pointer: string, direction: Direction, breaks: Breaks, message: string): void {
    this.add(pointer, 'type-changed', impactOf(direction, breaks), `${message}${why(direction, breaks)}`);
  }

  /**
   * Compares two schemas at the same place. `transformed`: the place is a component or a property, where the
   * generated type renders an open enum as open (see generatedType.ts).
   */
  schema(base: JsonObject, head: JsonObject, pointer: string, direction: Direction, transformed: boolean): void {
    this.docs(base, head, pointer);
    const b = nonNull(typeOf(base, transformed));
    const h = nonNull(typeOf(head, transformed));
    if (b.nullable !== h.nullable) this.nullability(h.nullable, pointer, direction);
    const bn = nullableBranch(base)?.inner ?? base;
    const hn = nullableBranch(head)?.inner ?? head;
    if (bn !== base || hn !== head) this.docs(bn, hn, pointer);
    const bRef = own(bn, '$ref');
    const hRef = own(hn, '$ref');
    if (typeof bRef === 'string' || typeof hRef === 'string') {
      if (bRef !== hRef) {
        const name = (ref: unknown, s: Set<string>) => (typeof ref === 'string' ? refName(ref) : describe(s));
        const from = name(bRef, atoms(b.core));
        const to = name(hRef, atoms(h.core));
        this.typeChange(pointer, direction, this.breaks(b.core, h.core), `type changed from ${from} to ${to}`);
      }
      return;
    }
    const composed = COMPOSITION.filter((key) => !same(own(bn, key), own(hn, key)));
    if (composed.length > 0) {
      const breaks = this.breaks(b.core, h.core);
      for (const key of composed) this.typeChange(at(pointer, key), direction, breaks, `\`${key}\` changed`);
      return;
    }
    // The kinds of value at this level, whether `type`, `enum`, `const` or `properties` say so.
    const ba = atoms(b.core);
    const ha = atoms(h.core);
    const shallow: Breaks = {
      readers: [...ha].some((a) => !covered(a, ba)),
      builders: [...ba].some((a) => !covered(a, ha)),
    };
    const recorded =
      this.types(bn, hn, pointer, direction, shallow) +
      this.enumeration(bn, hn, pointer, direction, shallow, transformed);
    if (recorded === 0 && (shallow.readers || shallow.builders))
      this.typeChange(pointer, direction, shallow, `type changed from ${describe(ba)} to ${describe(ha)}`);
    this.constraints(bn, hn, pointer);
    const bo = part(b.core, 'object');
    const ho = part(h.core, 'object');
    if (bo && ho) this.object(bn, hn, bo, ho, pointer, direction);
    const bArray = part(b.core, 'array');
    const hArray = part(h.core, 'array');
    if (bArray && hArray) this.items(bn, hn, bArray, hArray, pointer, direction);
  }

  private nullability(gained: boolean, pointer: string, direction: Direction): void {
    if (direction === 'request') {
      if (gained) this.add(pointer, 'made-nullable', 'compatible', 'now accepts null: a request may send null');
      else this.add(pointer, 'made-non-nullable', 'breaking', 'no longer accepts null');
      return;
    }
    if (gained)
      this.add(
        pointer,
        'made-nullable',
        'breaking',
        'may now be null: the generated type gains `| null` (code that reads it must handle null)',
      );
    else
      this.add(
        pointer,
        'made-non-nullable',
        'breaking',
        'no longer null: the generated type loses `| null` (code that builds a value with null, such as a test fixture, no longer compiles)',
      );
  }

  private constraints(b: JsonObject, h: JsonObject, pointer: string): void {
    for (const key of CONSTRAINTS) {
      const was = own(b, key);
      const now = own(h, key);
      if (same(was, now)) continue;
      const what = was === undefined ? 'added' : now === undefined ? 'removed' : 'changed';
      this.add(
        at(pointer, key),
        'constraint-changed',
        'compatible',
        `${key} ${what}${now === undefined ? '' : `: ${JSON.stringify(now)}`} (the generated type is unchanged)`,
      );
    }
  }

  private types(b: JsonObject, h: JsonObject, pointer: string, direction: Direction, breaks: Breaks): number {
    const bt = typeNames(b);
    const ht = typeNames(h);
    if (same(bt, ht)) return 0;
    const text = (t: string[]) => (t.length > 0 ? t.join(' | ') : 'any value');
    const numeric = (x: string[], y: string[]) => same(x, ['integer']) && same(y, ['number']);
    const stays = (numeric(bt, ht) || numeric(ht, bt)) && !breaks.readers && !breaks.builders;
    const message = `type changed from ${text(bt)} to ${text(ht)}`;
    if (stays) this.add(pointer, 'type-changed', 'compatible', `${message}: the generated type stays \`number\``);
    else this.typeChange(pointer, direction, breaks, message);
    return 1;
  }

  private enumeration(
    b: JsonObject,
    h: JsonObject,
    pointer: string,
    direction: Direction,
    breaks: Breaks,
    transformed: boolean,
  ): number {
    const be = own(b, 'enum');
    const he = own(h, 'enum');
    if (!Array.isArray(be) && !Array.isArray(he)) return 0;
    const where = at(pointer, 'enum');
    const impact = impactOf(direction, breaks);
    const reason = why(direction, breaks);
    // openapi-typescript renders an open enum open only where packages/types' transform runs (see generatedType.ts).
    const open = (node: JsonObject) => transformed && isOpenEnum(node);
    let count = 0;
    if (Array.isArray(be) && Array.isArray(he)) {
      const added = he.filter((v) => !be.some((w) => same(v, w)));
      const removed = be.filter((v) => !he.some((w) => same(v, w)));
      if (added.length > 0) {
        count++;
        const what = direction === 'request' ? 'request enum' : open(h) && open(b) ? 'open enum' : 'closed enum';
        this.add(where, 'enum-value-added', impact, `${what} gains ${list(added)}${reason}`);
      }
      if (removed.length > 0) {
        count++;
        this.add(where, 'enum-value-removed', impact, `enum loses ${list(removed)}${reason}`);
      }
      if (isOpenEnum(b) !== isOpenEnum(h)) {
        count++;
        const opened = isOpenEnum(h);
        this.add(
          at(pointer, 'x-extensible-enum'),
          opened ? 'enum-opened' : 'enum-closed',
          impact,
          `enum is now ${opened ? 'open' : 'closed'}${reason}`,
        );
      }
      return count;
    }
    this.add(
      where,
      'type-changed',
      impact,
      `${Array.isArray(he) ? `values now restricted to ${list(he)}` : 'values no longer restricted to a list'}${reason}`,
    );
    return 1;
  }

  private object(
    b: JsonObject,
    h: JsonObject,
    bo: ObjectType,
    ho: ObjectType,
    pointer: string,
    direction: Direction,
  ): void {
    const reader = direction === 'response';
    const bp = ownProps(b);
    const hp = ownProps(h);
    const br = requiredOf(b);
    const hr = requiredOf(h);
    for (const name of bp.keys()) {
      if (hp.has(name)) continue;
      const where = at(pointer, 'properties', name);
      if (!reader) this.add(where, 'property-removed', 'compatible', `property \`${name}\` removed`);
      else {
        const breaks = this.breaks(only(bo, name), only(ho, name));
        const lost = breaks.readers || breaks.builders ? ': the generated type loses it' : '';
        this.add(
          where,
          'property-removed',
          impactOf(direction, breaks),
          `property \`${name}\` removed${lost}${why(direction, breaks)}`,
        );
      }
    }
    for (const [name, schema] of hp) {
      const where = at(pointer, 'properties', name);
      const required = hr.has(name);
      const before = bp.get(name);
      if (before === undefined) {
        const breaks: Breaks = reader
          ? this.breaks(only(bo, name), only(ho, name))
          : { readers: false, builders: required };
        this.add(
          where,
          'property-added',
          impactOf(direction, breaks),
          `new ${required ? 'required' : 'optional'} property \`${name}\`${breaks.readers || breaks.builders ? why(direction, breaks) : ''}`,
        );
        continue;
      }
      if (isObject(before) && isObject(schema)) this.schema(before, schema, where, direction, true);
      else if (!same(before, schema))
        this.typeChange(where, direction, this.breaks(typeOf(before, true), typeOf(schema, true)), 'schema changed');
      if (br.has(name) === required) continue;
      const breaks: Breaks = reader
        ? this.breaks(only(bo, name), only(ho, name))
        : { readers: false, builders: required };
      if (required)
        this.add(
          where,
          'made-required',
          impactOf(direction, breaks),
          reader
            ? `\`${name}\` is now always present${why(direction, breaks)}`
            : `\`${name}\` is now required in a request`,
        );
      else
        this.add(
          where,
          'made-optional',
          impactOf(direction, breaks),
          reader
            ? `\`${name}\` may now be absent: the generated type makes it optional (\`?\`)`
            : `\`${name}\` now optional`,
        );
    }
    this.index(b, h, bo, ho, pointer, direction);
  }

  /** `additionalProperties`: the generated type's index signature `[key: string]: T`, or none. */
  private index(
    b: JsonObject,
    h: JsonObject,
    bo: ObjectType,
    ho: ObjectType,
    pointer: string,
    direction: Direction,
  ): void {
    const ba = own(b, 'additionalProperties');
    const ha = own(h, 'additionalProperties');
    if (same(ba, ha)) return;
    const where = at(pointer, 'additionalProperties');
    if (isObject(ba) && isObject(ha)) {
      this.schema(ba, ha, where, direction, false);
      return;
    }
    // The index signature alone changes: the base's properties on both sides.
    const breaks = this.breaks(bo, { ...bo, index: ho.index });
    const shown = (t: ObjectType) =>
      t.index ? `\`[key: string]: ${describe(atoms(t.index))}\`` : 'no index signature';
    const kind = breaks.readers || breaks.builders ? 'type-changed' : 'constraint-changed';
    const message =
      kind === 'constraint-changed' && same(shown(bo), shown(ho))
        ? `additionalProperties ${keyword(ba)} → ${keyword(ha)} (the generated type is unchanged)`
        : `undeclared properties: the generated type goes from ${shown(bo)} to ${shown(ho)}${why(direction, breaks)}`;
    this.add(where, kind, impactOf(direction, breaks), message);
  }

  private items(
    b: JsonObject,
    h: JsonObject,
    ba: ArrayType,
    ha: ArrayType,
    pointer: string,
    direction: Direction,
  ): void {
    const bi = own(b, 'items');
    const hi = own(h, 'items');
    if (isObject(bi) && isObject(hi)) this.schema(bi, hi, at(pointer, 'items'), direction, false);
    else if (!same(bi, hi))
      this.typeChange(at(pointer, 'items'), direction, this.breaks(ba, ha), 'array items changed');
  }

  parameters(base: unknown, head: unknown, pointer: string): void {
    const key = (p: JsonObject) => `${String(p.in)}:${String(p.name)}`;
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
      const bs = own(old, 'schema');
      const hs = own(p, 'schema');
      if (isObject(bs) && isObject(hs)) this.schema(bs, hs, at(where, 'schema'), 'request', false);
    }
  }
}
