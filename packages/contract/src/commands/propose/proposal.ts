/**
 * Turns observations into edits of the spec, each made in the component schema that declares its place (so every use
 * of a component learns at once). Each edit stands on its own: ./apply.ts writes those that hold and refuses the
 * others. What must not become part of the contract is refused here already: a credential-shaped enum value or
 * property name, and more new values of one enum than VARYING_NAMES. More new property names in one object than
 * VARYING_NAMES are one `additionalProperties` entry (any value): names that vary are data, not properties.
 */
import { credentialIn } from './credentials.js';
import type { SpecEditor, SpecText } from './edit.js';
import { type Note, inferSchema, seenText } from './infer.js';
import { propertyPlace } from '../../spec/schemaIndex.js';
import { type Evidence, type NewNames, type Observations, VARYING_NAMES } from './observe.js';
import { isObject, type JsonObject, type JsonType, keysOf } from '@target-groups/spec/portable';

export type EditKind = 'nullable' | 'type' | 'required' | 'enum' | 'property' | 'map';

/** A place an edit changes, and what it does there. */
export interface EditRecord {
  pointer: string;
  kind: EditKind;
  /** Set when the edit adds a value to a closed enum (a breaking change that needs review). */
  closedEnum?: boolean;
}

/** One edit of the spec, applied to an editor on its own terms. */
export interface PlannedEdit {
  /** The same edit has the same key in every round (so that one refused is not tried again). */
  key: string;
  records: EditRecord[];
  /** What the edit decided about values from traffic (a placeholder, a dropped example, a bound). */
  notes: Note[];
  apply(editor: SpecEditor): void;
}

/** An edit not written, and why. */
export interface Refusal {
  pointer: string;
  kind: EditKind;
  reason: string;
}

const TYPE_ORDER: JsonType[] = ['object', 'array', 'string', 'integer', 'number', 'boolean', 'null'];

/** The declared types first, in their order, then the new ones; `null` last. */
function mergedTypes(existing: string[], added: Iterable<JsonType>): string[] {
  const fresh = new Set<string>(added);
  // integer values are numbers: a schema that now sees fractions becomes `number`, in the same place.
  const widened = fresh.has('number') ? existing.map((t) => (t === 'integer' ? 'number' : t)) : existing;
  const all = [
    ...new Set([...widened.filter((t) => t !== 'null'), ...TYPE_ORDER.filter((t) => fresh.has(t) && t !== 'null')]),
  ];
  return existing.includes('null') || fresh.has('null') ? [...all, 'null'] : all;
}

class Planner {
  readonly edits: PlannedEdit[] = [];
  readonly refused: Refusal[] = [];

  constructor(
    private readonly base: SpecText,
    private readonly o: Observations,
    private readonly totalBodies: number,
  ) {}

  private evidence(place: string): Evidence | undefined {
    return this.o.places.get(place);
  }

  private description(place: string): string {
    const evidence = this.evidence(place);
    return seenText({ count: evidence?.count ?? 0, total: this.totalBodies, first: evidence?.first[0] ?? '?' });
  }

  /** `null` and other types seen at a use site: one edit that widens the schema there. */
  site(site: string): void {
    const keys = keysOf(site);
    const node = this.base.get(keys);
    const nulls = this.o.nulls.has(site);
    const types = this.o.types.get(site);
    const added: JsonType[] = [...(types ?? []), ...(nulls ? (['null'] as const) : [])];
    const records: EditRecord[] = [
      ...(nulls ? [{ pointer: site, kind: 'nullable' as const }] : []),
      ...(types ? [{ pointer: site, kind: 'type' as const }] : []),
    ];
    const branches = added.map((t) => ({ type: t }));
    let apply: PlannedEdit['apply'] | undefined;
    if (isObject(node) && typeof node.$ref === 'string') {
      const ref = node.$ref;
      apply = (editor) => editor.replaceEntry([...keys, '$ref'], 'anyOf', [{ $ref: ref }, ...branches]);
    } else if (isObject(node) && Array.isArray(node.anyOf))
      apply = (editor) => editor.append([...keys, 'anyOf'], branches);
    else if (isObject(node) && (typeof node.type === 'string' || Array.isArray(node.type))) {
      const existing = Array.isArray(node.type) ? node.type.map(String) : [String(node.type)];
      const merged = mergedTypes(existing, added);
      apply =
        Array.isArray(node.type) && existing.every((t) => merged.includes(t))
          ? (editor) =>
              editor.append(
                [...keys, 'type'],
                merged.filter((t) => !existing.includes(t)),
              )
          : (editor) => editor.replace([...keys, 'type'], merged.length === 1 ? merged[0] : merged);
    }
    if (!apply) {
      for (const r of records)
        this.refused.push({ ...r, reason: 'the schema here has no `type`, `$ref` or `anyOf` that propose can widen' });
      return;
    }
    this.edits.push({ key: `type ${site}`, records, notes: [], apply });
  }

  /** Required properties seen absent: one edit per object schema. */
  absent(home: string, names: Set<string>): void {
    const list = [...names];
    this.edits.push({
      key: `required ${home} ${list.join('\u0000')}`,
      records: list.map((name) => ({ pointer: propertyPlace(home, name), kind: 'required' })),
      notes: [],
      apply: (editor) => editor.removeItems([...keysOf(home), 'required'], list),
    });
  }

  /** Values seen outside an enum: appended, unless they vary past the bound or look like credentials. */
  enumeration(home: string, values: Set<string>, count: number, countText: string): void {
    const pointer = `${home}/enum`;
    if (count > VARYING_NAMES) {
      this.refused.push({
        pointer,
        kind: 'enum',
        reason: `${countText} values outside the enum, more than the ${VARYING_NAMES} propose adds: values that vary like this are data, not an enumeration (none added; if the field is free text, drop its enum by hand)`,
      });
      return;
    }
    const fit: string[] = [];
    for (const value of values) {
      const kind = credentialIn(value);
      if (kind)
        this.refused.push({
          pointer,
          kind: 'enum',
          reason: `a value that looks like a credential (${kind}) is not added (not quoted here)`,
        });
      else fit.push(value);
    }
    if (fit.length === 0) return;
    const closedEnum = (this.base.get(keysOf(home)) as JsonObject | undefined)?.['x-extensible-enum'] !== true;
    this.edits.push({
      key: `enum ${home} ${fit.join('\u0000')}`,
      records: [{ pointer, kind: 'enum', closedEnum }],
      notes: [],
      apply: (editor) => editor.append([...keysOf(home), 'enum'], fit),
    });
  }

  /** Undeclared properties of the object schema at `home`. */
  properties(home: string, found: NewNames): void {
    const keys = keysOf(home);
    if (found.varying) {
      const varying = found.varying;
      const place = `${home}/additionalProperties`;
      const evidence = this.evidence(place);
      const examples = varying.examples
        .filter((name) => !credentialIn(name))
        .map((name) => `\`${name.length > 40 ? `${name.slice(0, 40)}…` : name}\``);
      const types = TYPE_ORDER.filter((t) => varying.types.has(t)).join(', ');
      const description = `Not documented by the vendor: ${varying.countText} property names not declared here${examples.length > 0 ? ` (e.g. ${examples.join(', ')})` : ''} were seen in ${evidence?.count ?? 0} of ${this.totalBodies} bodies, first in ${evidence?.first[0] ?? '?'}; their values: ${types}. Names that vary like this are data, not properties: any value is accepted.`;
      this.edits.push({
        key: `map ${home}`,
        records: [{ pointer: place, kind: 'map' }],
        notes: [
          {
            pointer: place,
            message: `${varying.countText} new property names in one object, more than the ${VARYING_NAMES} propose declares one by one: proposed as one \`additionalProperties\` entry (any value)`,
          },
        ],
        apply: (editor) => editor.addEntries(keys, new Map([['additionalProperties', { description }]])),
      });
      return;
    }
    const inferred: { name: string; schema: JsonObject; notes: Note[] }[] = [];
    for (const [name, values] of found.names) {
      const place = propertyPlace(home, name);
      const kind = credentialIn(name);
      if (kind) {
        // The name itself is the secret: the place is named without it.
        this.refused.push({
          pointer: `${home}/properties`,
          kind: 'property',
          reason: `a property name that looks like a credential (${kind}) is not added (not quoted here)`,
        });
        continue;
      }
      inferred.push({ name, ...inferSchema(values, this.description(place), place, name) });
    }
    if (inferred.length === 0) return;
    const existing = this.base.get([...keys, 'properties']);
    if (isObject(existing) && Object.keys(existing).length > 0) {
      for (const { name, schema, notes } of inferred)
        this.edits.push({
          key: `property ${propertyPlace(home, name)}`,
          records: [{ pointer: propertyPlace(home, name), kind: 'property' }],
          notes,
          apply: (editor) => editor.addEntries([...keys, 'properties'], new Map([[name, schema]])),
        });
      return;
    }
    // No `properties` to add to yet: the new ones arrive together, with the mapping that holds them.
    const all = new Map(inferred.map(({ name, schema }) => [name, schema]));
    this.edits.push({
      key: `property ${home}/properties`,
      records: inferred.map(({ name }) => ({ pointer: propertyPlace(home, name), kind: 'property' })),
      notes: inferred.flatMap(({ notes }) => notes),
      apply: (editor) =>
        isObject(existing)
          ? editor.addEntries([...keys, 'properties'], all)
          : editor.addEntries(keys, new Map([['properties', all]])),
    });
  }
}

/** The edits that `observations` (gathered against the spec whose text `base` is) call for, and those refused. */
export function planEdits(
  base: SpecText,
  observations: Observations,
  totalBodies: number,
): { edits: PlannedEdit[]; refused: Refusal[] } {
  const planner = new Planner(base, observations, totalBodies);
  for (const site of new Set([...observations.nulls, ...observations.types.keys()])) planner.site(site);
  for (const [home, names] of observations.absent) planner.absent(home, names);
  for (const [home, { values, varying }] of observations.enumValues)
    planner.enumeration(home, values, varying.names.size + (varying.beyondCount ? 1 : 0), varying.countText);
  for (const [home, found] of observations.newProperties) planner.properties(home, found);
  return { edits: planner.edits, refused: planner.refused };
}

/** Whether observations call for anything. */
export const anyObserved = (o: Observations): boolean =>
  o.nulls.size + o.absent.size + o.enumValues.size + o.newProperties.size + o.types.size > 0;
