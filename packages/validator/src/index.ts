export { createValidator, type ContractValidator, type ValidatorOptions } from './validator.js';
export type { SpecDocuments } from './model.js';
export { parseBody, depthProblem, DEFAULT_MAX_DEPTH, type ParseResult } from './parse.js';
export type { IntegerLiteral } from './bigIntegers.js';
export type { Severity, Violation, ViolationKind } from './violation.js';
export { declaresOtherProperties } from './driftRules.js';
