// What the validator does with Ajv's verdict, whichever way the contract was compiled (at build time, ./precompiled.ts;
// or at run time, ./compile.ts): one violation per defect, with its pointer, severity and message. It imports no
// Ajv code, only its types, so that the validator compiled at build time runs without Ajv's compiler.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { beyondSafeInteger, type IntegerLiteral, outsideInt64 } from './bigIntegers.js';
import { driftOf, isSupersededOpenEnumError, type Schema } from './driftRules.js';
import { describeValue, jsonType, precisionMessage, translateError, typeMessage } from './messages.js';
import { DEFAULT_MAX_DEPTH, depthProblem, parseBody } from './parse.js';
import type { Violation } from './violation.js';

/** The contract of one operation, compiled: a validate function per declared status, and the union branches'. */
export interface CompiledContract {
  /** Status keys as the spec declares them (`200`, `4XX`, `default`). */
  readonly statuses: readonly string[];
  readonly pathTemplates: readonly string[];
  readonly queryParameters: readonly string[];
  /** The validate function of a declared status key (upper-cased); `undefined` when it declares no JSON body. */
  response(key: string): ValidateFunction | undefined;
  /** A validate function for one branch of an anyOf/oneOf, as Ajv's error hands the branch back. */
  branch(schema: Schema): ValidateFunction;
}

export interface ContractValidator {
  /** Violations of `body` (already parsed JSON) against the response schema for `status`. */
  validate(body: unknown, status?: number): Violation[];
  /**
   * Like `validate`, for the body's text: unreadable text (not JSON, empty, nested too deeply) is one error at "",
   * and integers are judged by their digits as sent (beyond int64: an error where the contract says int64; beyond
   * 2^53: a warning that JavaScript consumers lose precision).
   */
  validateText(text: string, status?: number): Violation[];
  /** `validate` for a body parsed from `text`, with its integers judged by the digits in `text`. */
  validateBody(body: unknown, integers: readonly IntegerLiteral[], status?: number): Violation[];
  /** Status keys the operation declares (`200`, `400`, ...). */
  readonly statuses: readonly string[];
  /** Path templates of the operation (for recognising its calls in captures). */
  readonly pathTemplates: readonly string[];
  /** Query parameters the operation declares (a captured URL is reported with these values only). */
  readonly queryParameters: readonly string[];
  isDeclared(status: number): boolean;
  /**
   * How the contract was compiled: `ahead-of-time` (the built-in contract, generated at build time: no code is
   * generated at run time, so a Content Security Policy without `unsafe-eval` allows it) or `at-run-time` (a spec
   * given to `createValidator`, compiled by Ajv with `new Function`).
   */
  readonly compiled: 'ahead-of-time' | 'at-run-time';
}

/** Which declared response applies to an HTTP status: exact, then 200 for any 2xx, then `NXX`, then `default`. */
export function responseKeyFor(keys: ReadonlySet<string>, status: number): string | undefined {
  const exact = String(status);
  if (keys.has(exact)) return exact;
  if (status >= 200 && status < 300 && keys.has('200')) return '200';
  const range = `${Math.floor(status / 100)}XX`;
  return keys.has(range) ? range : keys.has('DEFAULT') ? 'DEFAULT' : undefined;
}

type Item = { raw: number; error?: ErrorObject; violations?: Violation[] };
type BranchResult = { schema: Schema; ok: boolean; errors: ErrorObject[] };

export class Engine implements ContractValidator {
  readonly statuses: readonly string[];
  readonly pathTemplates: readonly string[];
  readonly queryParameters: readonly string[];
  private readonly keys: ReadonlySet<string>;

  constructor(
    private readonly contract: CompiledContract,
    readonly compiled: ContractValidator['compiled'],
    private readonly maxDepth = DEFAULT_MAX_DEPTH,
  ) {
    this.statuses = contract.statuses;
    this.pathTemplates = contract.pathTemplates;
    this.queryParameters = contract.queryParameters;
    this.keys = new Set(contract.statuses.map((key) => key.toUpperCase()));
  }

  isDeclared(status: number): boolean {
    return responseKeyFor(this.keys, status) !== undefined;
  }

  validate(body: unknown, status = 200): Violation[] {
    const key = responseKeyFor(this.keys, status);
    if (key === undefined) {
      return [
        {
          pointer: '',
          severity: 'error',
          message: `HTTP status ${status} is not declared by the contract (declared: ${this.statuses.join(', ')})`,
        },
      ];
    }
    const validate = this.contract.response(key);
    if (!validate || validate(body)) return [];
    const out: Violation[] = [];
    this.collect(validate.errors ?? [], '', out);
    return out.length > 1 ? dedupe(out) : out;
  }

  validateText(text: string, status = 200): Violation[] {
    const parsed = parseBody(text, this.maxDepth, { checkDepth: false });
    if (!parsed.ok) return [{ pointer: '', severity: 'error', message: parsed.message }];
    const violations = this.validateBody(parsed.value, parsed.integers, status);
    // Nesting is measured only for bodies that fail: a conforming body's depth is bounded by the schema's.
    const deep = violations.length > 0 ? depthProblem(text, this.maxDepth) : undefined;
    return deep ? [{ pointer: '', severity: 'error', message: deep }] : violations;
  }

  validateBody(body: unknown, literals: readonly IntegerLiteral[], status = 200): Violation[] {
    if (literals.length === 0) return this.validate(body, status);
    return this.validateWithLiterals(body, literals, status);
  }

  /**
   * A literal outside int64 may round to ±2^63, which the int64 format accepts (int64's own maximum rounds there
   * too): such a value is moved well outside the range before validating, and messages quote the digits as sent.
   */
  private validateWithLiterals(body: unknown, literals: readonly IntegerLiteral[], status: number): Violation[] {
    for (const { pointer, value } of literals) {
      if (outsideInt64(value)) setAt(body, pointer, value < 0n ? -(2 ** 64) : 2 ** 64);
    }
    const out = this.validate(body, status);
    const byPointer = new Map(literals.map((l) => [l.pointer, l]));
    for (const v of out) {
      const literal = byPointer.get(v.pointer);
      if (literal) v.message = v.message.replace(/integer -?[\d.e+]+$/, `integer ${literal.literal}`);
    }
    const flagged = new Set(out.filter((v) => v.severity === 'error').map((v) => v.pointer));
    for (const literal of literals) {
      if (beyondSafeInteger(literal.value) && !flagged.has(literal.pointer))
        out.push({ pointer: literal.pointer, severity: 'warning', message: precisionMessage(literal.literal) });
    }
    return out;
  }

  /**
   * Ajv reports a failed anyOf/oneOf as every branch's errors followed by the union's own error. Each union is
   * replaced by the errors of the one branch the value was meant for (the branch its type fits, with the fewest
   * errors), so one defect is one violation. Branch errors are recomputed with the branch compiled on its own: with
   * allErrors that yields exactly the errors ajv pushed for it, which tells how many preceding errors to drop.
   */
  private collect(errors: readonly ErrorObject[], base: string, out: Violation[]): void {
    const items: Item[] = [];
    for (const error of errors) {
      if ((error.keyword === 'anyOf' || error.keyword === 'oneOf') && Array.isArray(error.schema)) {
        const branches = (error.schema as unknown[]).filter((s): s is Schema => typeof s === 'object' && s !== null);
        const results = branches.map((schema) => {
          const fn = this.contract.branch(schema);
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
        items.push({ raw: consumed + 1, violations: this.explainUnion(error, results, base) });
      } else {
        items.push({ raw: 1, error });
      }
    }
    for (const item of items) {
      if (item.violations) {
        out.push(...item.violations);
      } else if (item.error && !isSupersededOpenEnumError(item.error)) {
        const drift = driftOf(item.error);
        const { pointer, message } = translateError(item.error, base, drift);
        out.push({ pointer, severity: drift ? 'warning' : 'error', message });
      }
    }
  }

  private explainUnion(error: ErrorObject, results: BranchResult[], base: string): Violation[] {
    const pointer = base + error.instancePath;
    const passing = results.filter((r) => r.ok).length;
    if (passing > 1) {
      return [
        { pointer, severity: 'error', message: `matches ${passing} alternatives of a oneOf, exactly one expected` },
      ];
    }
    const value = error.data;
    const rootTypeError = (r: BranchResult) => r.errors.find((e) => e.instancePath === '' && e.keyword === 'type');
    const fitting = results.filter((r) => !r.ok && !rootTypeError(r));
    if (fitting.length === 0) {
      const expected = [...new Set(results.flatMap((r) => typesOf(rootTypeError(r))))];
      const message =
        expected.length > 0
          ? typeMessage(expected, value)
          : `${describeValue(value)} matches none of the allowed alternatives`;
      return [{ pointer, severity: 'error', message }];
    }
    const best = fitting.reduce((a, b) => (b.errors.length < a.errors.length ? b : a));
    const out: Violation[] = [];
    this.collect(best.errors, pointer, out);
    if (out.length === 0)
      out.push({
        pointer,
        severity: 'error',
        message: `${describeValue(value)} (${jsonType(value)}) matches none of the allowed alternatives`,
      });
    return out;
  }
}

function typesOf(error: ErrorObject | undefined): string[] {
  if (!error) return [];
  const declared = (error.parentSchema as Schema | undefined)?.type ?? (error.params as { type?: unknown }).type;
  if (Array.isArray(declared)) return declared.map(String);
  return typeof declared === 'string' ? declared.split(',') : [];
}

/** Replaces the value at a JSON pointer of a parsed body (the pointer comes from the same body's text). */
function setAt(body: unknown, pointer: string, value: number): void {
  const tokens = pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = body as Record<string, unknown>;
  for (const token of tokens.slice(0, -1)) node = node[token] as Record<string, unknown>;
  const last = tokens.at(-1);
  if (last !== undefined && node && typeof node === 'object') node[last] = value;
}

function dedupe(violations: Violation[]): Violation[] {
  const seen = new Set<string>();
  return violations.filter((v) => {
    const key = `${v.severity}\u0000${v.pointer}\u0000${v.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
