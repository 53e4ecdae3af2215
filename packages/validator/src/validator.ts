import { compileAtRunTime } from './compile.js';
import { buildContractModel, type OpenApiDocument } from './contractSchemas.js';
import { type ContractValidator, Engine } from './engine.js';
import { createPrecompiledValidator } from './precompiled.js';

export type { ContractValidator } from './engine.js';

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

/**
 * A validator for the responses of one operation of `spec`. Without `spec`, the built-in contract, compiled at build
 * time (shared; see ./precompiled.ts). With one (a bundled OpenAPI 3.1 document, internal `$ref`s only, such as
 * `loadSpec(path).document` of `@target-groups/spec`), compiled by Ajv at run time, each status on first use.
 */
export function createValidator(spec?: OpenApiDocument, options: ValidatorOptions = {}): ContractValidator {
  const { operationId, dereferenced, maxDepth } = options;
  if (spec === undefined && operationId === undefined && dereferenced === undefined)
    return createPrecompiledValidator({ maxDepth });
  if (spec === undefined) throw new TypeError('createValidator: operationId and dereferenced go with a spec');
  return new Engine(compileAtRunTime(buildContractModel(spec, operationId, dereferenced)), 'at-run-time', maxDepth);
}
