export { createValidator, type ContractValidator, type ValidatorOptions } from '@target-groups/validator';
export { parseBody, DEFAULT_MAX_DEPTH, type ParseResult } from '@target-groups/validator';
export { SpecError, type OpenApiDocument } from '@target-groups/validator';
export type { Severity, Violation } from './types.js';
