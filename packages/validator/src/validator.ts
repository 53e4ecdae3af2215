import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { beyondSafeInteger, longIntegerLiterals, outsideInt64, type IntegerLiteral } from './bigIntegers.js';
import {
  buildContractModel,
  responseFor,
  type ContractModel,
  type OpenApiDocument,
  type ResponseModel,
  type Schema,
} from './contractSchemas.js';
import { defaultSpec } from './defaultSpec.js';
import { driftOf, isSupersededOpenEnumError } from './driftRules.js';
import { describeValue, jsonType, precisionMessage, translateError, typeMessage } from './messages.js';
import { DEFAULT_MAX_DEPTH, depthProblem, parseBody } from './parse.js';
import type { Violation } from './violation.js';

// ajv-formats is CommonJS with `exports.default`; Node's ESM loader and bundlers disagree on which object the
// default import is, so take the function from wherever it is.
type FormatsPlugin = typeof addFormatsModule.default;
const addFormats: FormatsPlugin =
  typeof addFormatsModule === 'function'
    ? (addFormatsModule as unknown as FormatsPlugin)
    : (addFormatsModule as unknown as { default: FormatsPlugin }).default;

export interface ValidatorOptions {
  /** Operation whose responses are checked; defaults to `getUserTargetGroups`, else the spec's first operation. */
  operationId?: string;
  /** Bodies nested deeper than this are refused by `validateText` instead of parsed. */
  maxDepth?: number;
  /**
   * The spec's dereferenced document (`loadSpec(path).dereferenced` of `@target-groups/spec`), read where a path
   * item or response of the document is itself a `$ref`. Schema `$ref`s are resolved by Ajv in the document.
   */
  dereferenced?: OpenApiDocument;
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
  validateBody(body: unknown, text: string, status?: number): Violation[];
  /** Status keys the operation declares (`200`, `400`, ...). */
  readonly statuses: readonly string[];
  /** Path templates of the operation (for recognising its calls in captures). */
  readonly pathTemplates: readonly string[];
  /** Query parameters the operation declares (a captured URL is reported with these values only). */
  readonly queryParameters: readonly string[];
  isDeclared(status: number): boolean;
}

type Item = { raw: number; error?: ErrorObject; violations?: Violation[] };
type BranchResult = { schema: Schema; ok: boolean; errors: ErrorObject[] };

class Engine implements ContractValidator {
  readonly statuses: readonly string[];
  readonly pathTemplates: readonly string[];
  readonly queryParameters: readonly string[];
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<ResponseModel, ValidateFunction>();
  private readonly branchValidators = new WeakMap<object, ValidateFunction>();
  private readonly maxDepth: number;

  constructor(
    private readonly model: ContractModel,
    options: ValidatorOptions,
  ) {
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.statuses = [...model.responses.values()].map((r) => r.key);
    this.pathTemplates = model.pathTemplates;
    this.queryParameters = model.queryParameters;
    this.ajv = newAjv(model);
    for (const schema of model.components) this.ajv.addSchema(schema);
  }

  isDeclared(status: number): boolean {
    return responseFor(this.model, status) !== undefined;
  }

  private branch(schema: Schema): ValidateFunction {
    let fn = this.branchValidators.get(schema);
    if (!fn) {
      fn = this.ajv.compile(schema);
      this.branchValidators.set(schema, fn);
    }
    return fn;
  }

  validate(body: unknown, status = 200): Violation[] {
    const response = responseFor(this.model, status);
    if (!response) {
      return [
        {
          pointer: '',
          severity: 'error',
          message: `HTTP status ${status} is not declared by the contract (declared: ${this.statuses.join(', ')})`,
        },
      ];
    }
    if (!response.schema) return [];
    let validate = this.compiled.get(response);
    if (!validate) {
      validate = this.ajv.compile(response.schema);
      this.compiled.set(response, validate);
    }
    if (validate(body)) return [];
    const out: Violation[] = [];
    this.collect(validate.errors ?? [], '', out);
    return out.length > 1 ? dedupe(out) : out;
  }

  validateText(text: string, status = 200): Violation[] {
    const parsed = parseBody(text, this.maxDepth, { checkDepth: false });
    if (!parsed.ok) return [{ pointer: '', severity: 'error', message: parsed.message }];
    const violations = this.validateBody(parsed.value, text, status);
    // Nesting is measured only for bodies that fail: a conforming body's depth is bounded by the schema's.
    const deep = violations.length > 0 ? depthProblem(text, this.maxDepth) : undefined;
    return deep ? [{ pointer: '', severity: 'error', message: deep }] : violations;
  }

  validateBody(body: unknown, text: string, status = 200): Violation[] {
    const literals = longIntegerLiterals(text);
    if (literals.length === 0) return this.validate(body, status);
    return this.validateWithLiterals(body, literals, status);
  }

  /**
   * A literal outside int64 may round to ±2^63, which the int64 format accepts (int64's own maximum rounds there
   * too): such a value is moved well outside the range before validating, and messages quote the digits as sent.
   */
  private validateWithLiterals(body: unknown, literals: IntegerLiteral[], status: number): Violation[] {
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
          const fn = this.branch(schema);
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
        const { pointer, message } = translateError(item.error, base, this.model.names, driftOf(item.error));
        out.push({ pointer, severity: driftOf(item.error) ? 'warning' : 'error', message });
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

const INT64_BOUND = 2 ** 63;

function newAjv(model: ContractModel): Ajv2020 {
  const ajv = new Ajv2020({
    // Every defect with its data and schema: errors and warnings (see driftRules.ts) come from the same pass.
    allErrors: true,
    verbose: true,
    // A body's `constructor` or `toString` is its own property or missing, never the one every object inherits.
    ownProperties: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    allowUnionTypes: true,
    strictRequired: false,
  });
  addFormats(ajv);
  strictDateTime(ajv);
  // ajv-formats' int64 only asks Number.isInteger. The bound is inclusive because int64's own maximum
  // (2^63 - 1) parses to the double 2^63; validateText moves literals beyond int64 out of this range.
  ajv.addFormat('int64', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= -INT64_BOUND && n <= INT64_BOUND,
  });
  for (const keyword of model.annotationKeywords) {
    if (!ajv.getKeyword(keyword)) ajv.addKeyword({ keyword });
  }
  for (const format of model.formats) {
    // Formats that no validator defines are annotations, not constraints.
    if (!(format in ajv.formats)) ajv.addFormat(format, true);
  }
  return ajv;
}

/**
 * ajv-formats accepts `2025-11-12 09:51:10+0000` as a date-time (space separator, offset without colon). That is the
 * vendor's legacy shape, so accepting it in an `*ISO` field would hide exactly the drift the check exists to find:
 * require RFC 3339 section 5.6 (`T`, offset `Z` or `±hh:mm`) on top of ajv-formats' range checks.
 */
function strictDateTime(ajv: Ajv2020): void {
  const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
  const existing = ajv.formats['date-time'];
  const base =
    typeof existing === 'object' && existing !== null && 'validate' in existing ? existing.validate : existing;
  const check = typeof base === 'function' ? (base as (s: string) => boolean) : () => true;
  ajv.addFormat('date-time', { type: 'string', validate: (value: string) => rfc3339.test(value) && check(value) });
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

let projectValidator: ContractValidator | undefined;

/**
 * A validator for the responses of one operation of `spec` (default: the project's contract, compiled once and
 * shared). `spec` is a bundled OpenAPI 3.1 document (internal `$ref`s only), such as `loadSpec(path).document` of
 * `@target-groups/spec`. Schemas are compiled on first use of each status.
 */
export function createValidator(spec?: OpenApiDocument, options: ValidatorOptions = {}): ContractValidator {
  const useDefault = spec === undefined && Object.values(options).every((v) => v === undefined);
  if (useDefault && projectValidator) return projectValidator;
  const engine = new Engine(
    buildContractModel(spec ?? defaultSpec, options.operationId, options.dereferenced),
    options,
  );
  if (useDefault) projectValidator = engine;
  return engine;
}
