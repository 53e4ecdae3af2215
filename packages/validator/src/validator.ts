import { compileAtRunTime } from './compile.js';
import { type ContractValidator, validatorOf } from './engine.js';
import { buildModel, type SpecDocuments } from './model.js';
import { createPrecompiledValidator } from './precompiled.js';

export type { ContractValidator } from './engine.js';

export interface ValidatorOptions {
  /** Operation whose responses `validate` checks (others through `forOperation`); default: the spec's first. */
  operationId?: string;
  /** Bodies nested deeper than this are refused by `validateText` instead of parsed. */
  maxDepth?: number;
}

/**
 * A validator for the responses of every operation of `spec` (one at a time: `operationId`, then `forOperation`).
 * Without `spec`, the built-in contract, compiled at build time (shared; see ./precompiled.ts). With one (as
 * `loadSpec()` of `@target-groups/spec` reads it: an OpenAPI 3.1 document, bundled and dereferenced), compiled by Ajv
 * at run time, each status on first use. Throws `SpecReadError` (`unsupported`) for what it cannot compile.
 */
export function createValidator(spec?: SpecDocuments, options: ValidatorOptions = {}): ContractValidator {
  if (spec === undefined) return createPrecompiledValidator(options);
  return validatorOf(compileAtRunTime(buildModel(spec)), 'at-run-time', options);
}
