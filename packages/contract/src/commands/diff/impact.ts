/**
 * How the diff rules speak of a change of a generated type: the kinds of value it admits at one level (`atoms`), who
 * a change breaks (`impactOf`) and why, in the words of the code it breaks (`why`).
 */
import { list } from './change.js';
import type { Direction, Impact } from './change.js';
import type { TypeModel } from './generatedType.js';
import type { Breaks } from './typeRelation.js';

type ObjectType = Extract<TypeModel, { kind: 'object' }>;

/** The kinds of value a type admits at its top level: `string`, `lit:"A"`, `object`, `array`, `*` (any value). */
export function atoms(model: TypeModel): Set<string> {
  const out = new Set<string>();
  const add = (m: TypeModel): void => {
    if (m.kind === 'union') m.members.forEach(add);
    else if (m.kind === 'unknown') out.add('*');
    else if (m.kind === 'boolean') out.add('lit:true').add('lit:false');
    else if (m.kind === 'literal') out.add(`lit:${JSON.stringify(m.value)}`);
    else if (m.kind === 'ref') out.add(`ref:${m.name}`);
    else if (m.kind === 'opaque') out.add(`opaque:${m.key}`);
    else if (m.kind !== 'never' && m.kind !== 'null' && m.kind !== 'undefined') out.add(m.kind);
  };
  add(model);
  return out;
}

export function covered(atom: string, by: Set<string>): boolean {
  if (by.has('*') || by.has(atom)) return true;
  if (atom.startsWith('lit:"')) return by.has('string');
  return /^lit:-?\d/.test(atom) && by.has('number');
}

export function describe(set: Set<string>): string {
  if (set.has('*')) return 'any value';
  const values = [...set].filter((a) => a.startsWith('lit:')).map((a) => JSON.parse(a.slice(4)) as unknown);
  const kinds = [...set].filter((a) => !a.startsWith('lit:')).map((a) => a.replace(/^ref:/, ''));
  return [...kinds, ...(values.length > 0 ? [`one of ${list(values)}`] : [])].join(' | ') || 'no value';
}

/** The member of a union (or the type itself) of one kind. */
export function part<K extends TypeModel['kind']>(
  model: TypeModel,
  kind: K,
): Extract<TypeModel, { kind: K }> | undefined {
  if (model.kind === kind) return model as Extract<TypeModel, { kind: K }>;
  if (model.kind !== 'union') return undefined;
  return model.members.find((m) => m.kind === kind) as Extract<TypeModel, { kind: K }> | undefined;
}

/** The object type with only property `name` (and the index signature): to judge one property's change alone. */
export function only(object: ObjectType, name: string): ObjectType {
  const property = object.props.get(name);
  return { kind: 'object', props: new Map(property ? [[name, property]] : []), index: object.index };
}

export function impactOf(direction: Direction, breaks: Breaks): Impact {
  return breaks.builders || (direction === 'response' && breaks.readers) ? 'breaking' : 'compatible';
}

/** Why a change is (or is not) breaking, in the words of the code it breaks. */
export function why(direction: Direction, breaks: Breaks): string {
  if (direction === 'request')
    return breaks.builders ? ': a value a consumer sends may be refused' : ' (every request stays valid)';
  const parts: string[] = [];
  if (breaks.readers) parts.push('wider: code that reads it meets values it does not handle');
  if (breaks.builders)
    parts.push(
      'narrower: code that builds such values (fixtures, mocks) or narrows them exhaustively no longer compiles',
    );
  return parts.length > 0 ? ` (${parts.join('; ')})` : ' (the generated type is unchanged)';
}
