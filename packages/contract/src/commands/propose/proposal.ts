/**
 * Turns observations into the smallest edit of the spec that allows them, made in the component schema that
 * declares each place (so every use of a component learns at once).
 */
import { SpecEditor } from './edit.js';
import { inferSchema, seenText } from './infer.js';
import type { Evidence, JsonType, Observations } from './observe.js';
import { type Json, isObject, escapeKey, keysOf } from '../../spec/pointer.js';

export type EditKind = 'nullable' | 'type' | 'required' | 'enum' | 'property';

/** One edit and the bodies that call for it. */
export interface EditRecord {
  pointer: string;
  kind: EditKind;
  evidence: { count: number; bodies: string[] };
  /** Set when the edit adds a value to a closed enum (a breaking change that needs review). */
  closedEnum?: boolean;
}

const TYPE_ORDER: JsonType[] = ['object', 'array', 'string', 'integer', 'number', 'boolean', 'null'];
const evidenceOf = (e: Evidence) => ({ count: e.count, bodies: [...e.first] });

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

/** Applies `observations` (gathered against the spec whose text `text` is) and returns the new text. */
export function applyObservations(
  text: string,
  observations: Observations,
  totalBodies: number,
): { text: string; edits: EditRecord[] } {
  const editor = new SpecEditor(text);
  const edits: EditRecord[] = [];
  const sites = new Set([...observations.nulls.keys(), ...observations.types.keys()]);
  for (const site of sites) {
    const keys = keysOf(site);
    const node = editor.get(keys);
    if (!isObject(node)) continue;
    const nullSeen = observations.nulls.get(site);
    const typesSeen = observations.types.get(site) ?? new Map<JsonType, Evidence>();
    const added: JsonType[] = [...typesSeen.keys(), ...(nullSeen ? (['null'] as const) : [])];
    if (typeof node.$ref === 'string') {
      const branches = added.map((t) => ({ type: t }));
      editor.replaceEntry([...keys, '$ref'], 'anyOf', [{ $ref: node.$ref }, ...branches]);
    } else if (Array.isArray(node.anyOf)) {
      editor.append(
        [...keys, 'anyOf'],
        added.map((t) => ({ type: t })),
      );
    } else if (typeof node.type === 'string' || Array.isArray(node.type)) {
      const existing = Array.isArray(node.type) ? node.type.map(String) : [node.type];
      const merged = mergedTypes(existing, added);
      if (Array.isArray(node.type) && existing.every((t) => merged.includes(t)))
        editor.append(
          [...keys, 'type'],
          merged.filter((t) => !existing.includes(t)),
        );
      else editor.replace([...keys, 'type'], merged.length === 1 ? merged[0] : merged);
    } else continue;
    if (nullSeen) edits.push({ pointer: site, kind: 'nullable', evidence: evidenceOf(nullSeen) });
    for (const [, evidence] of typesSeen) edits.push({ pointer: site, kind: 'type', evidence: evidenceOf(evidence) });
  }
  for (const [home, names] of observations.absent) {
    const keys = [...keysOf(home), 'required'];
    editor.removeItems(keys, [...names.keys()]);
    for (const [name, evidence] of names)
      edits.push({
        pointer: `${home}/properties/${escapeKey(name)}`,
        kind: 'required',
        evidence: evidenceOf(evidence),
      });
  }
  for (const [home, values] of observations.enumValues) {
    const keys = keysOf(home);
    const node = editor.get(keys) as Json;
    editor.append([...keys, 'enum'], [...values.keys()]);
    const closedEnum = node['x-extensible-enum'] !== true;
    for (const [, evidence] of values)
      edits.push({ pointer: `${home}/enum`, kind: 'enum', evidence: evidenceOf(evidence), closedEnum });
  }
  for (const [home, properties] of observations.newProperties) {
    const keys = keysOf(home);
    const entries: Json = {};
    for (const [name, { evidence, values }] of properties) {
      const description = seenText({ count: evidence.count, total: totalBodies, first: evidence.first[0] ?? '?' });
      entries[name] = inferSchema(values, description);
      edits.push({
        pointer: `${home}/properties/${escapeKey(name)}`,
        kind: 'property',
        evidence: evidenceOf(evidence),
      });
    }
    if (isObject(editor.get([...keys, 'properties']))) editor.addEntries([...keys, 'properties'], entries);
    else editor.addEntries(keys, { properties: entries });
  }
  return { text: editor.result(), edits };
}
