/**
 * `@target-groups/spec/portable`: the questions about a spec that need neither a file system nor the bundler, so
 * that a published package that runs in browsers (the validator, the mock's handlers) can carry them: the
 * operations of a bundled and dereferenced document pair (as `loadSpec` gives them, or as a build wrote them),
 * which operation a request is, the schema helpers and JSON pointers, and the error a spec that cannot be used raises.
 */
export { SpecReadError, type SpecPlace, type SpecReadErrorKind } from './errors.js';
export { componentName, followLocalRefs, type OpenApiDocument, resolveLocalRef } from './document.js';
export {
  declaredStatus,
  HTTP_METHODS,
  type HttpMethod,
  jsonMediaType,
  matchOperation,
  type NamedExample,
  type Operation,
  type OperationMatch,
  type OperationResponse,
  operationsOf,
  type Parameter,
  type SecurityRequirement,
} from './operations.js';
export { compileTemplate, pathOf } from './pathMatch.js';
export { escapeKey, keysOf, pointerOf, pointerOfRef, unescapeKey, valueAt } from './pointer.js';
export {
  allowsType,
  describesObjects,
  isNullable,
  isNullSchema,
  isObject,
  type JsonObject,
  type JsonType,
  jsonTypeOf,
  type NonNullShape,
  type NullableBranch,
  nullableBranch,
  typesOf,
  withoutNull,
} from './schema.js';
