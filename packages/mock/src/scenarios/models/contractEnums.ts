// The contract's enums as the generators read them: a generator names the values it relies on, and a contract that
// no longer lists one stops it with an error instead of answers the contract would refuse.
import { isObject, type JsonObject, withoutNull } from '@target-groups/spec/portable';
import type { Random } from '../random.js';

/** The string values of the enum at `steps` (property names, `[]` for items) under `schema`. */
export function enumAt(schema: JsonObject, steps: string[]): string[] {
  let at = withoutNull(schema).schema;
  for (const step of steps) {
    const next = step === '[]' ? at.items : isObject(at.properties) ? at.properties[step] : undefined;
    if (!isObject(next)) throw new Error(`the contract has no schema at ${steps.join('.')}`);
    at = withoutNull(next).schema;
  }
  const values = Array.isArray(at.enum) ? at.enum.filter((value): value is string => typeof value === 'string') : [];
  if (values.length === 0) throw new Error(`the contract has no enum at ${steps.join('.')}`);
  return values;
}

/** `value`, which the generators rely on: an error when the contract no longer lists it among `values`. */
export function known(values: string[], value: string): string {
  if (!values.includes(value)) throw new Error(`the contract no longer lists ${value} (known: ${values.join(', ')})`);
  return value;
}

/**
 * The entity a target type is counted on (`entities`: the contract's enum): currencies and points have their own,
 * the rest transactions or items.
 */
export function entityOf(targetType: string, entities: string[], rnd: Random): string {
  if (['ALL', 'REGULAR', 'PROMOTION', 'PROMOTIONAL'].includes(targetType))
    return known(entities, 'ALTERNATE_CURRENCIES');
  if (targetType.endsWith('_POINTS')) return known(entities, 'POINTS');
  if (targetType === 'EVENT_ATTRIBUTE') return known(entities, 'EVENT');
  return known(entities, rnd.pick(['TRANSACTION', 'TRANSACTION', 'LINEITEM']));
}
