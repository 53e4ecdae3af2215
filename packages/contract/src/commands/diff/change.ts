/** One classified change between two versions of the contract, and the small helpers the rules share. */
import { escapeKey } from '@target-groups/spec/portable';

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
export type Direction = 'response' | 'request';

export const at = (pointer: string, ...keys: string[]) => `${pointer}/${keys.map(escapeKey).join('/')}`;
export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
export const list = (values: unknown[]) =>
  values.map((v) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``).join(', ');

export function docChange(pointer: string, what: string): Change {
  return { pointer, change: 'documentation', impact: 'compatible', message: `${what}: no effect on types` };
}
