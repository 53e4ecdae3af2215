export { createValidator, type ContractValidator, type ValidatorOptions } from './validator.js';
export { parseBody, depthProblem, DEFAULT_MAX_DEPTH, type ParseResult } from './parse.js';
export type { IntegerLiteral } from './bigIntegers.js';
export { SpecError, type OpenApiDocument } from './contractSchemas.js';
export type { Severity, Violation } from './violation.js';
export { declaresOtherProperties, describesObjects } from './driftRules.js';
