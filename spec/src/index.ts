/**
 * The one reader of the contract (and of any other spec): every package, script and test that needs a spec, its
 * operations, examples, schemas, the line of a node, or the seed's real bodies asks this package, so that parsing,
 * `$ref` resolution, operation matching, nullability and the fixtures' layout each live in one place. The API is
 * described, with an example per question, in ../README.md.
 */
export {
  connectedFixturesDir,
  promotionsSpecPath,
  seedFixtures,
  seedFixturesDir,
  type SeedFixture,
  specPath,
} from './fixtures.js';
export * from './guard.js';
export { type LoadedSpec, loadSpec } from './load.js';
export {
  MIGRATION_NOTE,
  type MigrationEntry,
  type MigrationMap,
  type MigrationProblem,
  migrationMapOf,
  NO_REPLACEMENT,
  REPLACED_BY,
  responseSchemaNames,
} from './migration.js';
export * from './portable.js';
