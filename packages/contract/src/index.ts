export { createValidator, type ContractValidator, type ValidatorOptions } from './contract/validator.js';
export { parseBody, DEFAULT_MAX_DEPTH, type ParseResult } from './contract/parse.js';
export { SpecError, type OpenApiDocument } from './contract/contractSchemas.js';
export type { Severity, Violation } from './types.js';
