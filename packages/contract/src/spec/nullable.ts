/** How the spec writes "or null" around a `$ref`: `anyOf`/`oneOf: [X, { type: 'null' }]`. */
import { type Json, isObject } from './pointer.js';

export const isNullSchema = (s: unknown): boolean => isObject(s) && s.type === 'null';

/** The non-null branch of a two-branch `anyOf`/`oneOf` that has a null one, with the keyword and index it sits at. */
export function nullableBranch(schema: Json): { key: 'anyOf' | 'oneOf'; index: number; inner: Json } | undefined {
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length === 2 && branches.some(isNullSchema)) {
      const index = branches.findIndex((b) => !isNullSchema(b));
      return { key, index, inner: branches[index] as Json };
    }
  }
  return undefined;
}
