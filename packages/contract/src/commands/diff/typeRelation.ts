/**
 * What a change of a generated type does to the code written against the old one, decided on the model of
 * generatedType.ts as the TypeScript compiler decides it. A consumer does three things with a response type:
 * - assigns a value of it (TypeScript's assignability, `isTypeAssignableTo`);
 * - reads its members (`x.name`, `x[key]`): each member the old type lets code read must still be readable, with a
 *   type the old code accepts; a wider type breaks these readers;
 * - builds values of it (fixtures, mocks, exhaustive narrowing): each value the old type allowed must still be
 *   allowed, also where it was allowed through an index signature; a narrower type breaks these builders.
 */
import type { JsonObject } from '@target-groups/spec/portable';
import { nonNull, type Property, type TypeModel, typeOf, union } from './generatedType.js';

/** One document's component schemas, each rendered once (so `$ref` cycles meet the same model again). */
export class GeneratedTypes {
  private readonly models = new Map<string, TypeModel>();

  constructor(private readonly schemas: JsonObject) {}

  component(name: string): TypeModel | undefined {
    let model = this.models.get(name);
    if (!model && Object.hasOwn(this.schemas, name)) {
      model = typeOf(this.schemas[name], true);
      this.models.set(name, model);
    }
    return model;
  }
}

/** A model and the document its `$ref`s point into. */
export interface Typed {
  model: TypeModel;
  in: GeneratedTypes;
}

export interface Breaks {
  /** A value of the new type can hold what old reading code does not handle. */
  readers: boolean;
  /** A value the old type allowed is refused by the new one (old fixtures, old exhaustive narrowing). */
  builders: boolean;
}

const UNDEFINED: TypeModel = { kind: 'undefined' };

/** The type code gets when it reads `name` of an object type: the property's (with `undefined` when optional), else the index signature's. */
function readType(object: ObjectType, name: string): TypeModel | undefined {
  const property: Property | undefined = object.props.get(name);
  if (property) return property.optional ? union([property.type, UNDEFINED]) : property.type;
  return inherited('object', name) ?? object.index;
}

type ObjectType = Extract<TypeModel, { kind: 'object' }>;
type Apparent = 'object' | 'string' | 'number' | 'boolean' | 'array';

/** A method every value of a kind has in TypeScript's lib: what a name the type does not declare resolves to. */
const METHOD: TypeModel = { kind: 'opaque', key: '(method)' };
const OBJECT_MEMBERS = new Set([
  'constructor',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
]);
const MEMBERS: Record<Exclude<Apparent, 'object'>, Set<string>> = {
  string: new Set(Object.getOwnPropertyNames(String.prototype)),
  number: new Set(Object.getOwnPropertyNames(Number.prototype)),
  boolean: new Set(Object.getOwnPropertyNames(Boolean.prototype)),
  array: new Set(Object.getOwnPropertyNames(Array.prototype)),
};

function inherited(kind: Apparent, name: string): TypeModel | undefined {
  if (name === 'length' && (kind === 'string' || kind === 'array')) return { kind: 'number' };
  return OBJECT_MEMBERS.has(name) || (kind !== 'object' && MEMBERS[kind].has(name)) ? METHOD : undefined;
}

export class TypeRelation {
  private readonly ids = new WeakMap<object, number>();
  private lastId = 0;
  private readonly assumed = new Set<string>();
  private readonly memo = new Map<string, boolean>();

  private key(prefix: string, a: Typed, b: Typed): string {
    const id = (o: object) => {
      let n = this.ids.get(o);
      if (n === undefined) {
        n = ++this.lastId;
        this.ids.set(o, n);
      }
      return n;
    };
    return `${prefix}${id(a.model)}.${id(a.in)}|${id(b.model)}.${id(b.in)}`;
  }

  /** Runs `check` once per pair; a pair met again inside its own check (a `$ref` cycle) is assumed to hold. */
  private once(prefix: string, a: Typed, b: Typed, check: () => boolean): boolean {
    const key = this.key(prefix, a, b);
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    if (this.assumed.has(key)) return true;
    this.assumed.add(key);
    const result = check();
    this.assumed.delete(key);
    this.memo.set(key, result);
    return result;
  }

  private resolve(t: Typed): Typed | undefined {
    if (t.model.kind !== 'ref') return t;
    const model = t.in.component(t.model.name);
    return model && { model, in: t.in };
  }

  /**
   * TypeScript's assignability of `source` to `target`. `lenient`: the relation is inside the index signature of an
   * intersection (`{ a: X } & { [key: string]: Y }`, what openapi-typescript writes for properties beside
   * `additionalProperties`), where TypeScript skips its weak-type check from there down.
   */
  assignable(source: Typed, target: Typed, lenient = false): boolean {
    const s = source.model;
    const t = target.model;
    if (t.kind === 'unknown' || s.kind === 'never') return true;
    if (s.kind === 'ref' || t.kind === 'ref') {
      return this.once(lenient ? 'A' : 'a', source, target, () => {
        const rs = this.resolve(source);
        const rt = this.resolve(target);
        return rs !== undefined && rt !== undefined && this.assignable(rs, rt, lenient);
      });
    }
    if (s.kind === 'union')
      return s.members.every((m) => this.assignable({ model: m, in: source.in }, target, lenient));
    if (s.kind === 'boolean' && t.kind !== 'boolean' && t.kind !== 'object')
      return [true, false].every((value) =>
        this.assignable({ model: { kind: 'literal', value }, in: source.in }, target, lenient),
      );
    if (t.kind === 'union') return t.members.some((m) => this.assignable(source, { model: m, in: target.in }, lenient));
    switch (s.kind) {
      case 'unknown':
      case 'null':
      case 'undefined':
        return t.kind === s.kind;
      case 'string':
      case 'number':
      case 'boolean':
        return t.kind === s.kind || (lenient && t.kind === 'object' && this.membersFit(s.kind, source, t, target));
      case 'literal':
        if (t.kind === 'literal') return t.value === s.value;
        if (t.kind === typeof s.value) return true;
        return lenient && t.kind === 'object' && this.membersFit(typeof s.value as Apparent, source, t, target);
      case 'array':
        if (t.kind === 'array')
          return this.assignable({ model: s.items, in: source.in }, { model: t.items, in: target.in }, lenient);
        return lenient && t.kind === 'object' && this.membersFit('array', source, t, target);
      case 'object':
        return t.kind === 'object' && this.objectAssignable(s, source.in, t, target.in, lenient);
      case 'opaque':
        return t.kind === 'opaque' && t.key === s.key;
    }
    return false;
  }

  /** A value that is not an object literal against an object type: only the members its kind has (`length`, methods). */
  private membersFit(kind: Apparent, source: Typed, t: ObjectType, target: Typed): boolean {
    if (t.index) return false;
    for (const [name, tp] of t.props) {
      const member = inherited(kind, name);
      if (!member) {
        if (!tp.optional) return false;
        continue;
      }
      if (!this.assignable({ model: member, in: source.in }, { model: tp.type, in: target.in }, true)) return false;
    }
    return true;
  }

  private objectAssignable(s: ObjectType, sIn: GeneratedTypes, t: ObjectType, tIn: GeneratedTypes, lenient: boolean) {
    for (const [name, tp] of t.props) {
      const sp = s.props.get(name);
      // A property the source does not declare may still be one every object has (`constructor`, `toString`).
      const sType = sp?.type ?? inherited('object', name);
      if (!sType) {
        if (!tp.optional) return false;
        continue;
      }
      if (sp?.optional && !tp.optional) return false;
      if (!this.assignable({ model: sType, in: sIn }, { model: tp.type, in: tIn }, lenient)) return false;
    }
    if (t.index) {
      // A type literal has an implicit index signature: each of its properties must fit the target's.
      const index = { model: t.index, in: tIn };
      const intersection = lenient || t.props.size > 0;
      for (const sp of s.props.values())
        if (!this.assignable({ model: sp.type, in: sIn }, index, intersection)) return false;
      if (s.index && !this.assignable({ model: s.index, in: sIn }, index, intersection)) return false;
    } else if (!lenient && t.props.size > 0 && s.props.size > 0 && [...t.props.values()].every((p) => p.optional)) {
      // A weak type (every property optional) refuses a source that shares none of its properties.
      if (![...s.props.keys()].some((name) => t.props.has(name))) return false;
    }
    return true;
  }

  /** Objects (and arrays) on both sides once `null` is set aside and `$ref`s are followed; undefined otherwise. */
  private members(base: Typed, head: Typed): [Typed, Typed] | undefined {
    const b = this.resolve({ model: nonNull(base.model).core, in: base.in });
    const h = this.resolve({ model: nonNull(head.model).core, in: head.in });
    if (!b || !h) return undefined;
    const bm = nonNull(b.model).core;
    const hm = nonNull(h.model).core;
    if (bm.kind !== hm.kind || (bm.kind !== 'object' && bm.kind !== 'array')) return undefined;
    return [
      { model: bm, in: b.in },
      { model: hm, in: h.in },
    ];
  }

  /**
   * Walks both sides' members once per pair: the items of two arrays with `recurse`, two objects with `objects`;
   * anything else holds (assignability decides it).
   */
  private byMembers(
    prefix: string,
    base: Typed,
    head: Typed,
    recurse: (b: Typed, h: Typed) => boolean,
    objects: (bo: ObjectType, ho: ObjectType, at: (m: TypeModel, side: 'b' | 'h') => Typed) => boolean,
  ): boolean {
    return this.once(prefix, base, head, () => {
      const pair = this.members(base, head);
      if (!pair) return true;
      const [b, h] = pair;
      const at = (model: TypeModel, side: 'b' | 'h'): Typed => ({ model, in: (side === 'b' ? b : h).in });
      if (b.model.kind === 'array' && h.model.kind === 'array')
        return recurse(at(b.model.items, 'b'), at(h.model.items, 'h'));
      if (b.model.kind !== 'object' || h.model.kind !== 'object') return true;
      return objects(b.model, h.model, at);
    });
  }

  /** Every member code reads from a `base` value is readable from a `head` value, with a type that code accepts. */
  readersKeep(base: Typed, head: Typed): boolean {
    return this.byMembers(
      'r',
      base,
      head,
      (b, h) => this.readersKeep(b, h),
      (bo, ho, at) => {
        const names = new Set([...bo.props.keys(), ...(bo.index ? ho.props.keys() : [])]);
        for (const name of names) {
          const was = readType(bo, name)!;
          const now = readType(ho, name);
          if (!now || !this.assignable(at(now, 'h'), at(was, 'b'))) return false;
          const bp = bo.props.get(name);
          const hp = ho.props.get(name);
          if (bp && hp && !this.readersKeep(at(bp.type, 'b'), at(hp.type, 'h'))) return false;
        }
        if (!bo.index) return true;
        return (
          ho.index !== undefined &&
          this.assignable(at(ho.index, 'h'), at(bo.index, 'b')) &&
          this.readersKeep(at(bo.index, 'b'), at(ho.index, 'h'))
        );
      },
    );
  }

  /** Every value a `base` literal could hold (also through its index signature) is a value `head` accepts there. */
  buildersKeep(base: Typed, head: Typed): boolean {
    return this.byMembers(
      'w',
      base,
      head,
      (b, h) => this.buildersKeep(b, h),
      (bo, ho, at) => {
        if (bo.index) {
          for (const name of ho.props.keys()) {
            if (!bo.props.has(name) && !this.assignable(at(bo.index, 'b'), at(readType(ho, name)!, 'h'))) return false;
          }
        }
        for (const [name, bp] of bo.props) {
          const hp = ho.props.get(name);
          if (hp && !this.buildersKeep(at(bp.type, 'b'), at(hp.type, 'h'))) return false;
        }
        return !bo.index || !ho.index || this.buildersKeep(at(bo.index, 'b'), at(ho.index, 'h'));
      },
    );
  }

  /** Whom a change from `base` to `head` breaks. */
  breaks(base: Typed, head: Typed): Breaks {
    return {
      readers: !this.assignable(head, base) || !this.readersKeep(base, head),
      builders: !this.assignable(base, head) || !this.buildersKeep(base, head),
    };
  }
}
