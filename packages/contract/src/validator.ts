import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { defaultSpec } from './defaultSpec.js';
import { describeValue, jsonType, translateError, typeMessage } from './messages.js';
import { DEFAULT_MAX_DEPTH, parseBody } from './parse.js';
import {
  buildSpecModel,
  responseFor,
  strictSchemas,
  type OpenApiDocument,
  type ResponseModel,
  type Schema,
  type SpecModel,
  type StrictSchemas,
} from './specModel.js';
import type { Violation } from './types.js';
import { PlanBuilder, walk, type Plan } from './walk.js';

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
  /** Answer conforming bodies with one fail-fast validation (default true; false is for comparing results). */
  fastPath?: boolean;
}

export interface ContractValidator {
  /** Violations of `body` (already parsed JSON) against the response schema for `status`. */
  validate(body: unknown, status?: number): Violation[];
  /** Like `validate`, for the body's text: unreadable text (not JSON, empty, nested too deeply) is one error at "". */
  validateText(text: string, status?: number): Violation[];
  /** Status keys the operation declares (`200`, `400`, ...). */
  readonly statuses: readonly string[];
  /** Path templates of the operation (for recognising its calls in captures). */
  readonly pathTemplates: readonly string[];
  isDeclared(status: number): boolean;
}

interface Compiled {
  /** Passes exactly when the body has neither errors nor warnings; undefined when the spec cannot be closed. */
  clean: ValidateFunction | undefined;
  /** The explaining validator and the warning walk, compiled when the first body fails `clean`. */
  explain: { validate: ValidateFunction; plan: Plan } | undefined;
}

type Item = { raw: number; error?: ErrorObject; violations?: Violation[] };

class Engine implements ContractValidator {
  readonly statuses: readonly string[];
  readonly pathTemplates: readonly string[];
  private readonly ajv: Ajv2020;
  /** Fail-fast instance for the closed copy of the schemas (see strictSchemas). */
  private readonly fastAjv: Ajv2020 | undefined;
  private readonly strict: StrictSchemas | undefined;
  private readonly plans: PlanBuilder;
  private readonly compiled = new Map<ResponseModel, Compiled>();
  private readonly branchValidators = new WeakMap<object, ValidateFunction>();
  private readonly maxDepth: number;
  private readonly check = (schema: Schema, value: unknown): boolean => this.branch(schema)(value);

  constructor(
    private readonly model: SpecModel,
    options: ValidatorOptions,
  ) {
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.statuses = [...model.responses.values()].map((r) => r.key);
    this.pathTemplates = model.pathTemplates;
    this.ajv = newAjv(model, true);
    this.ajv.addSchema(model.components);
    this.strict = options.fastPath === false ? undefined : strictSchemas(model);
    if (this.strict) {
      this.fastAjv = newAjv(model, false);
      this.fastAjv.addSchema(this.strict.components);
    }
    this.plans = new PlanBuilder(model);
  }

  isDeclared(status: number): boolean {
    return responseFor(this.model, status) !== undefined;
  }

  private compile(response: ResponseModel & { schema: Schema }): Compiled {
    let entry = this.compiled.get(response);
    if (!entry) {
      const closed = this.strict?.responses.get(response);
      entry = { clean: closed && this.fastAjv ? this.fastAjv.compile(closed) : undefined, explain: undefined };
      this.compiled.set(response, entry);
    }
    return entry;
  }

  private branch(schema: Schema): ValidateFunction {
    const known = this.branchValidators.get(schema);
    if (known) return known;
    const fn = this.ajv.compile(schema);
    this.branchValidators.set(schema, fn);
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
    const entry = this.compile(response as ResponseModel & { schema: Schema });
    if (entry.clean?.(body)) return [];
    entry.explain ??= { validate: this.ajv.compile(response.schema), plan: this.plans.plan(response.schema) };
    const { validate, plan } = entry.explain;
    const out: Violation[] = [];
    if (!validate(body)) this.collect(validate.errors ?? [], '', out);
    walk(body, plan, [], out, this.check);
    return out.length > 1 ? dedupe(out) : out;
  }

  validateText(text: string, status = 200): Violation[] {
    const parsed = parseBody(text, this.maxDepth);
    if (!parsed.ok) return [{ pointer: '', severity: 'error', message: parsed.message }];
    return this.validate(parsed.value, status);
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
      } else if (item.error) {
        const { pointer, message } = translateError(item.error, base, this.model.names);
        out.push({ pointer, severity: 'error', message });
      }
    }
  }

  private explainUnion(
    error: ErrorObject,
    results: { schema: Schema; ok: boolean; errors: ErrorObject[] }[],
    base: string,
  ): Violation[] {
    const pointer = base + error.instancePath;
    const passing = results.filter((r) => r.ok).length;
    if (passing > 1) {
      return [
        { pointer, severity: 'error', message: `matches ${passing} alternatives of a oneOf, exactly one expected` },
      ];
    }
    const value = error.data;
    const fitting = results.filter(
      (r) => !r.ok && !r.errors.some((e) => e.instancePath === '' && e.keyword === 'type'),
    );
    if (fitting.length === 0) {
      const expected = [...new Set(results.flatMap((r) => this.plans.declaredTypes(r.schema) ?? []))];
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

function newAjv(model: SpecModel, explain: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    // The explaining instance collects every defect with its data and schema; the fast one only answers yes or no.
    allErrors: explain,
    verbose: explain,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    allowUnionTypes: true,
    strictRequired: false,
  });
  addFormats(ajv);
  strictDateTime(ajv);
  for (const keyword of model.annotationKeywords) {
    if (!ajv.getKeyword(keyword)) ajv.addKeyword({ keyword });
  }
  for (const format of model.formats) {
    // Formats such as OpenAPI's `int64` that no validator defines are annotations, not constraints.
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
 * shared). Schemas are compiled on first use of each status.
 */
export function createValidator(spec?: OpenApiDocument, options: ValidatorOptions = {}): ContractValidator {
  const useDefault = spec === undefined && Object.values(options).every((v) => v === undefined);
  if (useDefault && projectValidator) return projectValidator;
  const engine = new Engine(buildSpecModel(spec ?? defaultSpec, options.operationId), options);
  if (useDefault) projectValidator = engine;
  return engine;
}
