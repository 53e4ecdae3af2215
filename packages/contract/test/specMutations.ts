// Random changes to the contract's component schemas, from a seed: the inputs of the differential test of `diff`
// (diffDifferential.test.ts). Each case is a base document and a head document that differ by one change of one
// kind; the prototype-named kinds first give the base a property named after a member of Object.prototype.
type Json = Record<string, unknown>;

export const MUTATION_KINDS = [
  'add-property',
  'remove-property',
  'change-property-type',
  'widen',
  'narrow',
  'nullable',
  'required',
  'enum',
  'additionalProperties',
  'items',
  'ref',
  'prototype-named',
  'constraint',
  'documentation',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export const PROTOTYPE_NAMES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__'])];

export interface Case {
  kind: MutationKind;
  /** What was changed, for the test's report. */
  note: string;
  base: Json;
  head: Json;
}

/** mulberry32: a small seeded generator, so a failing case can be run again from its seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Sets an own property, also `__proto__` (a plain assignment would set the prototype instead). */
const put = (o: Json, key: string, value: unknown) =>
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });

interface Site {
  /** Keys from the document root. */
  path: string[];
  schema: Json;
}

/** Every schema in components.schemas that a change can be made to: components, properties, items, maps. */
function sites(document: Json): Site[] {
  const out: Site[] = [];
  const visit = (schema: unknown, path: string[]): void => {
    if (!isObject(schema)) return;
    out.push({ path, schema });
    if (isObject(schema.properties))
      for (const [name, value] of Object.entries(schema.properties)) visit(value, [...path, 'properties', name]);
    if (isObject(schema.items)) visit(schema.items, [...path, 'items']);
    if (isObject(schema.additionalProperties)) visit(schema.additionalProperties, [...path, 'additionalProperties']);
  };
  const schemas = (document.components as Json).schemas as Json;
  for (const [name, schema] of Object.entries(schemas)) visit(schema, ['components', 'schemas', name]);
  return out;
}

const typesOf = (s: Json): string[] =>
  Array.isArray(s.type) ? s.type.map(String) : typeof s.type === 'string' ? [s.type] : [];
const isObjectSite = (s: Json) => isObject(s.properties) || typesOf(s).includes('object');

export class Mutator {
  private readonly rng: () => number;
  private readonly components: string[];
  private counter = 0;

  constructor(
    private readonly contract: Json,
    seed: number,
    /** The prototype names to use (by default every one). */
    private readonly prototypeNames: readonly string[] = PROTOTYPE_NAMES,
  ) {
    this.rng = random(seed);
    this.components = Object.keys((contract.components as Json).schemas as Json);
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rng() * list.length)]!;
  }

  private chance(p: number): boolean {
    return this.rng() < p;
  }

  private name(): string {
    return this.chance(0.3) ? this.pick(this.prototypeNames) : `x${++this.counter}`;
  }

  /** A schema for a new property or a changed one. */
  private valueSchema(depth = 0): Json {
    const choices: (() => Json)[] = [
      () => ({ type: 'string' }),
      () => ({ type: 'integer', format: 'int64' }),
      () => ({ type: 'number' }),
      () => ({ type: 'boolean' }),
      () => ({ type: ['string', 'null'] }),
      () => ({ $ref: `#/components/schemas/${this.pick(this.components)}` }),
      () => ({ description: 'any value' }),
      () => ({ type: 'string', enum: ['A', 'B'], 'x-extensible-enum': this.chance(0.5) }),
      () => ({ type: 'array', items: depth < 2 ? this.valueSchema(depth + 1) : { type: 'string' } }),
      () => {
        const properties: Json = {};
        put(properties, this.name(), depth < 2 ? this.valueSchema(depth + 1) : { type: 'string' });
        return { type: 'object', properties, ...(this.chance(0.3) ? { additionalProperties: true } : {}) };
      },
    ];
    return this.pick(choices)();
  }

  private site(document: Json, test: (s: Json) => boolean): Site | undefined {
    const found = sites(document).filter((s) => test(s.schema));
    return found.length === 0 ? undefined : this.pick(found);
  }

  /** One case of `kind`, or undefined when the document has no place for it. */
  make(kind: MutationKind): Case | undefined {
    const base = structuredClone(this.contract);
    let note = '';
    if (kind === 'prototype-named') {
      const target = this.site(base, isObjectSite);
      if (!target) return undefined;
      const name = this.pick(this.prototypeNames);
      target.schema.properties ??= {};
      put(target.schema.properties as Json, name, { type: 'string', description: 'a prototype-named property' });
      const head = structuredClone(base);
      const at = sites(head).find((s) => s.path.join('/') === target.path.join('/'))!.schema;
      const properties = at.properties as Json;
      const change = this.pick(['removed', 'retyped', 'required', 'nullable', 'documented'] as const);
      if (change === 'removed') delete properties[name];
      else if (change === 'retyped') put(properties, name, { type: 'integer' });
      else if (change === 'required') at.required = [...(Array.isArray(at.required) ? at.required : []), name];
      else if (change === 'nullable') put(properties, name, { type: ['string', 'null'] });
      else put(properties, name, { type: 'string', description: 'documented' });
      return { kind, note: `${target.path.join('/')}/properties/${name} ${change}`, base, head };
    }
    const head = structuredClone(base);
    const applied = this.apply(kind, head);
    if (applied === undefined) return undefined;
    note = applied;
    return { kind, note, base, head };
  }

  private apply(kind: MutationKind, doc: Json): string | undefined {
    switch (kind) {
      case 'add-property': {
        const s = this.site(doc, isObjectSite);
        if (!s) return undefined;
        const name = this.name();
        s.schema.properties ??= {};
        put(s.schema.properties as Json, name, this.valueSchema());
        const required = this.chance(0.3);
        if (required) s.schema.required = [...(Array.isArray(s.schema.required) ? s.schema.required : []), name];
        return `${s.path.join('/')}: ${required ? 'required' : 'optional'} ${name}`;
      }
      case 'remove-property': {
        const s = this.site(doc, (x) => isObject(x.properties) && Object.keys(x.properties).length > 0);
        if (!s) return undefined;
        const name = this.pick(Object.keys(s.schema.properties as Json));
        delete (s.schema.properties as Json)[name];
        if (Array.isArray(s.schema.required)) s.schema.required = s.schema.required.filter((r) => r !== name);
        return `${s.path.join('/')}: -${name}`;
      }
      case 'change-property-type': {
        const s = this.site(doc, (x) => x.$ref === undefined && x.enum === undefined && typesOf(x).length === 1);
        if (!s) return undefined;
        const to = this.pick(
          ['string', 'integer', 'number', 'boolean', 'object', 'array'].filter((t) => t !== s.schema.type),
        );
        s.schema.type = to;
        return `${s.path.join('/')}: type ${to}`;
      }
      case 'widen': {
        const s = this.site(doc, (x) => typesOf(x).length > 0);
        if (!s) return undefined;
        if (this.chance(0.25)) {
          delete s.schema.type;
          return `${s.path.join('/')}: no type`;
        }
        const extra = this.pick(
          ['string', 'integer', 'number', 'boolean', 'object', 'array'].filter((t) => !typesOf(s.schema).includes(t)),
        );
        s.schema.type = [...typesOf(s.schema), extra];
        return `${s.path.join('/')}: + ${extra}`;
      }
      case 'narrow': {
        const s = this.site(
          doc,
          (x) =>
            typesOf(x).filter((t) => t !== 'null').length > 1 ||
            typesOf(x)[0] === 'number' ||
            (x.type === undefined && x.$ref === undefined && x.anyOf === undefined),
        );
        if (!s) return undefined;
        const types = typesOf(s.schema);
        if (types.length === 0) s.schema.type = this.pick(['string', 'object']);
        else if (types[0] === 'number' && types.length === 1) s.schema.type = 'integer';
        else {
          const drop = this.pick(types.filter((t) => t !== 'null'));
          s.schema.type = types.filter((t) => t !== drop);
        }
        return `${s.path.join('/')}: type ${JSON.stringify(s.schema.type)}`;
      }
      case 'nullable': {
        const s = this.site(doc, (x) => x.$ref !== undefined || Array.isArray(x.anyOf) || typesOf(x).length > 0);
        if (!s) return undefined;
        const x = s.schema;
        if (typeof x.$ref === 'string') {
          const ref = x.$ref;
          delete x.$ref;
          x.anyOf = [{ $ref: ref }, { type: 'null' }];
          return `${s.path.join('/')}: $ref | null`;
        }
        if (Array.isArray(x.anyOf)) {
          const inner = (x.anyOf as Json[]).find((b) => b.type !== 'null')!;
          delete x.anyOf;
          Object.assign(x, inner);
          return `${s.path.join('/')}: no longer | null`;
        }
        const types = typesOf(x);
        x.type = types.includes('null') ? types.filter((t) => t !== 'null') : [...types, 'null'];
        return `${s.path.join('/')}: type ${JSON.stringify(x.type)}`;
      }
      case 'required': {
        const s = this.site(doc, (x) => isObject(x.properties) && Object.keys(x.properties).length > 0);
        if (!s) return undefined;
        const name = this.pick(Object.keys(s.schema.properties as Json));
        const required = Array.isArray(s.schema.required) ? (s.schema.required as string[]) : [];
        s.schema.required = required.includes(name) ? required.filter((r) => r !== name) : [...required, name];
        return `${s.path.join('/')}: ${name} ${required.includes(name) ? 'optional' : 'required'}`;
      }
      case 'enum': {
        const s = this.site(doc, (x) => Array.isArray(x.enum) || typesOf(x).includes('string'));
        if (!s) return undefined;
        const x = s.schema;
        if (!Array.isArray(x.enum)) {
          x.enum = ['A', 'B'];
          if (this.chance(0.5)) x['x-extensible-enum'] = true;
          return `${s.path.join('/')}: enum A, B${x['x-extensible-enum'] ? ' (open)' : ''}`;
        }
        const how = this.pick(['add', 'remove', 'open-close', 'drop'] as const);
        if (how === 'add') x.enum = [...x.enum, `NEW_${++this.counter}`];
        else if (how === 'remove' && x.enum.length > 1) x.enum = x.enum.slice(1);
        else if (how === 'open-close') {
          if (x['x-extensible-enum'] === true) delete x['x-extensible-enum'];
          else x['x-extensible-enum'] = true;
        } else delete x.enum;
        return `${s.path.join('/')}: enum ${how}`;
      }
      case 'additionalProperties': {
        const s = this.site(doc, isObjectSite);
        if (!s) return undefined;
        const options: unknown[] = [
          undefined,
          true,
          false,
          {},
          { description: 'any value' },
          { type: 'string' },
          { type: 'integer' },
          { type: 'object', properties: { channel: { type: 'string' } } },
          { properties: { channel: { type: 'string' } } },
        ];
        const value = this.pick(options);
        if (value === undefined) delete s.schema.additionalProperties;
        else s.schema.additionalProperties = value;
        return `${s.path.join('/')}: additionalProperties ${JSON.stringify(value)}`;
      }
      case 'items': {
        const s = this.site(doc, (x) => typesOf(x).includes('array'));
        if (!s) return undefined;
        s.schema.items = this.valueSchema(1);
        return `${s.path.join('/')}: items ${JSON.stringify(s.schema.items)}`;
      }
      case 'ref': {
        const s = this.site(doc, (x) => typeof x.$ref === 'string');
        if (!s) return undefined;
        const current = String(s.schema.$ref).split('/').pop()!;
        const schemas = (doc.components as Json).schemas as Json;
        if (this.chance(0.5)) {
          // The component's own schema written in place: the same generated type under another name.
          const copy = structuredClone(schemas[current]) as Json;
          delete s.schema.$ref;
          Object.assign(s.schema, copy);
          return `${s.path.join('/')}: ${current} inlined`;
        }
        const other = this.pick(this.components.filter((n) => n !== current));
        s.schema.$ref = `#/components/schemas/${other}`;
        return `${s.path.join('/')}: $ref ${current} → ${other}`;
      }
      case 'constraint': {
        const s = this.site(doc, (x) => typesOf(x).length > 0);
        if (!s) return undefined;
        const [key, value] = this.pick([
          ['format', 'date-time'],
          ['pattern', '^[0-9]+$'],
          ['minLength', 1],
          ['maximum', 100],
          ['minItems', 1],
          ['default', 'x'],
        ] as const);
        s.schema[key] = value;
        return `${s.path.join('/')}: ${key}`;
      }
      case 'documentation': {
        const s = this.site(doc, () => true);
        if (!s) return undefined;
        s.schema.description = `changed ${++this.counter}`;
        return `${s.path.join('/')}: description`;
      }
      case 'prototype-named':
        return undefined;
    }
  }
}
