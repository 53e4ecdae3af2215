/**
 * The one reader of the contract (and of any other spec): every package, script and test that needs a spec, its
 * operations, examples, schemas, the line of a node, or the seed's real bodies asks this package, so that parsing,
 * `$ref` resolution, operation matching, nullability and the fixtures' layout each live in one place. The API is
 * described, with an example per question, in ../README.md.
 */
export { componentName, type OpenApiDocument, resolveLocalRef } from './document.js';
export * from './guard.js';
export { seedFixtures, seedFixturesDir, type SeedFixture, specPath } from './fixtures.js';
export { type LoadedSpec, loadSpec } from './load.js';
export {
  HTTP_METHODS,
  type HttpMethod,
  jsonMediaType,
  matchOperation,
  type NamedExample,
  type Operation,
  type OperationMatch,
  type OperationResponse,
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
