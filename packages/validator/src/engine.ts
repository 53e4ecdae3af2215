// What the validator does with Ajv's verdict, whichever way the contract was compiled (at build time, ./precompiled.ts;
// or at run time, ./compile.ts): one violation per defect, with its kind, pointers, severity and message, for the
// response of one operation and status. It imports no Ajv code, only its types, so that the validator compiled at
// build time runs without Ajv's compiler.
import { declaredStatus, keysOf } from '@target-groups/spec/portable';
import type { ValidateFunction } from 'ajv';
import { beyondSafeInteger, type IntegerLiteral, outsideInt64 } from './bigIntegers.js';
import type { Schema } from './driftRules.js';
import { precisionMessage } from './messages.js';
import { DEFAULT_MAX_DEPTH, depthProblem, parseBody } from './parse.js';
import { violationsOf } from './unions.js';
import type { Violation } from './violation.js';

/** One operation's responses, compiled: a validate function per declared status. */
export interface CompiledOperation {
  readonly id: string;
  /** Status keys as the spec declares them (`200`, `4XX`, `default`). */
  readonly statuses: readonly string[];
  /** The validate function of a declared status key; `undefined` when it declares no JSON body. */
  response(key: string): ValidateFunction | undefined;
}

/** The contract compiled: every operation (in the spec's order), and a validator for any anyOf/oneOf branch. */
export interface CompiledContract {
  readonly operations: readonly CompiledOperation[];
  /** A validate function for one branch of an anyOf/oneOf, as Ajv's error hands the branch back. */
  branch(schema: Schema): ValidateFunction;
}

export interface ContractValidator {
  /** Violations of `body` (already parsed JSON) against this operation's response schema for `status`. */
  validate(body: unknown, status?: number): Violation[];
  /**
   * Like `validate`, for the body's text: unreadable text (not JSON, empty, nested too deeply) is one error at "",
   * and integers are judged by their digits as sent (beyond int64: an error where the contract says int64; beyond
   * 2^53: a warning that JavaScript consumers lose precision).
   */
  validateText(text: string, status?: number): Violation[];
  /** `validate` for a body parsed from `text`, with its integers judged by the digits in `text`. */
  validateBody(body: unknown, integers: readonly IntegerLiteral[], status?: number): Violation[];
  /** The operation this validator checks the responses of (its `operationId`, or `GET /path` without one). */
  readonly operationId: string;
  /** Every operation of the contract, in the spec's order; the first is the default one. */
  readonly operationIds: readonly string[];
  /** The validator of another operation of the same contract (shares what is compiled); throws for an unknown id. */
  forOperation(operationId: string): ContractValidator;
  /** Status keys the operation declares (`200`, `400`, ...). */
  readonly statuses: readonly string[];
  isDeclared(status: number): boolean;
  /**
   * How the contract was compiled: `ahead-of-time` (the built-in contract, generated at build time: no code is
   * generated at run time, so a Content Security Policy without `unsafe-eval` allows it) or `at-run-time` (a spec
   * given to `createValidator`, compiled by Ajv with `new Function`).
   */
  readonly compiled: 'ahead-of-time' | 'at-run-time';
}

/** The validators of every operation of a compiled contract; `operationId` picks the first one's (default: the first). */
export function validatorOf(
  contract: CompiledContract,
  compiled: ContractValidator['compiled'],
  options: { operationId?: string; maxDepth?: number } = {},
): ContractValidator {
  const engines = new Map<string, Engine>();
  const ids = contract.operations.map((operation) => operation.id);
  const engineOf = (id: string): Engine => {
    let engine = engines.get(id);
    if (!engine) {
      const operation = contract.operations.find((o) => o.id === id);
      if (!operation) throw new RangeError(`the contract has no operation ${id} (it has: ${ids.join(', ')})`);
      engine = new Engine(contract, operation, compiled, ids, engineOf, options.maxDepth);
      engines.set(id, engine);
    }
    return engine;
  };
  return engineOf(options.operationId ?? ids[0]!);
}

class Engine implements ContractValidator {
  readonly operationId: string;
  readonly statuses: readonly string[];

  constructor(
    private readonly contract: CompiledContract,
    private readonly operation: CompiledOperation,
    readonly compiled: ContractValidator['compiled'],
    readonly operationIds: readonly string[],
    private readonly engineOf: (id: string) => Engine,
    private readonly maxDepth = DEFAULT_MAX_DEPTH,
  ) {
    this.operationId = operation.id;
    this.statuses = operation.statuses;
  }

  forOperation(operationId: string): ContractValidator {
    return this.engineOf(operationId);
  }

  isDeclared(status: number): boolean {
    return declaredStatus(this.statuses, status) !== undefined;
  }

  validate(body: unknown, status = 200): Violation[] {
    const key = declaredStatus(this.statuses, status);
    if (key === undefined) {
      return [
        {
          pointer: '',
          severity: 'error',
          kind: 'undeclared-status',
          message: `HTTP status ${status} is not declared by the contract (declared: ${this.statuses.join(', ')})`,
        },
      ];
    }
    const validate = this.operation.response(key);
    if (!validate || validate(body)) return [];
    const out = violationsOf(validate.errors ?? [], (schema) => this.contract.branch(schema));
    return out.length > 1 ? dedupe(out) : out;
  }

  validateText(text: string, status = 200): Violation[] {
    const unreadable = (message: string): Violation[] => [
      { pointer: '', severity: 'error', kind: 'unreadable-body', message },
    ];
    const parsed = parseBody(text, this.maxDepth, { checkDepth: false });
    if (!parsed.ok) return unreadable(parsed.message);
    const violations = this.validateBody(parsed.value, parsed.integers, status);
    // Nesting is measured only for bodies that fail: a conforming body's depth is bounded by the schema's.
    const deep = violations.length > 0 ? depthProblem(text, this.maxDepth) : undefined;
    return deep ? unreadable(deep) : violations;
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
        out.push({
          pointer: literal.pointer,
          severity: 'warning',
          kind: 'unsafe-integer',
          message: precisionMessage(literal.literal),
        });
    }
    return out;
  }
}

/** Replaces the value at a JSON pointer of a parsed body (the pointer comes from the same body's text). */
function setAt(body: unknown, pointer: string, value: number): void {
  const keys = keysOf(pointer);
  let node = body as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys.at(-1);
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
