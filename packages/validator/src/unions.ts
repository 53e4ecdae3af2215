/**
 * Ajv's errors of one validation as violations, one per defect. Ajv reports a failed anyOf/oneOf as every branch's
 * errors followed by the union's own error: each union is replaced by the errors of the one branch the value was meant
 * for (the branch its type fits, with the fewest errors). Branch errors are recomputed with the branch compiled on its
 * own: with allErrors that yields exactly the errors Ajv pushed for it, which tells how many preceding errors to drop.
 * Imports no Ajv code, only its types.
 */
import { jsonTypeOf } from '@target-groups/spec/portable';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { driftOf, isSupersededOpenEnumError, type Schema } from './driftRules.js';
import { describeValue, translateError, typeMessage } from './messages.js';
import { SCHEMA_POINTER } from './schemaMarks.js';
import type { Violation } from './violation.js';

/** A validate function for one branch of an anyOf/oneOf, as Ajv's error hands the branch back. */
export type BranchValidator = (schema: Schema) => ValidateFunction;

type Item = { raw: number; error?: ErrorObject; violations?: Violation[] };
type BranchResult = { schema: Schema; ok: boolean; errors: ErrorObject[] };

/** The violations of Ajv's `errors`, their pointers under `base`. */
export function violationsOf(errors: readonly ErrorObject[], branch: BranchValidator, base = ''): Violation[] {
  const items: Item[] = [];
  for (const error of errors) {
    if ((error.keyword === 'anyOf' || error.keyword === 'oneOf') && Array.isArray(error.schema)) {
      const branches = (error.schema as unknown[]).filter((s): s is Schema => typeof s === 'object' && s !== null);
      const results = branches.map((schema) => {
        const fn = branch(schema);
        const ok = fn(error.data);
        return { schema, ok, errors: ok ? [] : [...(fn.errors ?? [])] };
      });
      let run = results.reduce((n, r) => n + r.errors.length, 0);
      let consumed = 0;
      while (run > 0 && items.length > 0) {
        const item = items.pop()!;
        run -= item.raw;
        consumed += item.raw;
      }
      items.push({ raw: consumed + 1, violations: explainUnion(error, results, branch, base) });
    } else items.push({ raw: 1, error });
  }
  return items.flatMap((item) => {
    if (item.violations) return item.violations;
    if (!item.error || isSupersededOpenEnumError(item.error)) return [];
    return [translateError(item.error, base, driftOf(item.error))];
  });
}

function explainUnion(error: ErrorObject, results: BranchResult[], branch: BranchValidator, base: string): Violation[] {
  const pointer = base + error.instancePath;
  const parent = error.parentSchema as Schema | undefined;
  const where = typeof parent?.[SCHEMA_POINTER] === 'string' ? { schemaPointer: parent[SCHEMA_POINTER] } : {};
  const fails = (kind: string, message: string): Violation[] => [
    { pointer, severity: 'error', kind, ...where, message },
  ];
  const passing = results.filter((r) => r.ok).length;
  if (passing > 1) return fails('oneOf', `matches ${passing} alternatives of a oneOf, exactly one expected`);
  const value = error.data;
  const rootTypeError = (r: BranchResult) => r.errors.find((e) => e.instancePath === '' && e.keyword === 'type');
  const fitting = results.filter((r) => !r.ok && !rootTypeError(r));
  if (fitting.length === 0) {
    const expected = [...new Set(results.flatMap((r) => typesOf(rootTypeError(r))))];
    if (expected.length === 0)
      return fails(error.keyword, `${describeValue(value)} matches none of the allowed alternatives`);
    return fails(value === null ? 'unexpected-null' : 'type', typeMessage(expected, value));
  }
  const best = fitting.reduce((a, b) => (b.errors.length < a.errors.length ? b : a));
  const out = violationsOf(best.errors, branch, pointer);
  if (out.length > 0) return out;
  return fails(
    error.keyword,
    `${describeValue(value)} (${jsonTypeOf(value)}) matches none of the allowed alternatives`,
  );
}

/** The types a `type` error's schema declares. */
function typesOf(error: ErrorObject | undefined): string[] {
  if (!error) return [];
  const declared = (error.parentSchema as Schema | undefined)?.type ?? (error.params as { type?: unknown }).type;
  if (Array.isArray(declared)) return declared.map(String);
  return typeof declared === 'string' ? declared.split(',') : [];
}
