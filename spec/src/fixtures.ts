/**
 * The package's own files: the contract, the contract of the API that replaces it, and the seed's real response
 * bodies the contract is proven against.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The hand-written contract, `spec/targetGroups.yaml`. */
export const specPath = path.join(packageDir, 'targetGroups.yaml');
/** The contract of the replacement the vendor names, `spec/promotions.yaml` (its loyalty promotions API). */
export const promotionsSpecPath = path.join(packageDir, 'promotions.yaml');
/** The seed's real response bodies, one JSON file each (`<userId>.json`, plus the page's fragments). */
export const seedFixturesDir = path.join(packageDir, 'fixtures', 'seed');
/** The real bodies of the connected-orgs (v3.1) endpoint's page, `<userId>.json` (read them with `seedFixtures(dir)`). */
export const connectedFixturesDir = path.join(packageDir, 'fixtures', 'connected');

export interface SeedFixture {
  /** The file name in its folder (`fixtures/seed/`, `fixtures/connected/`). */
  file: string;
  /** The path as the spec's `x-fixture` names it: `fixtures/seed/<file>` (or the folder given). */
  specRelativePath: string;
  /** The user the body is about (`data.userId`), when it has one. */
  userId: number | undefined;
  /** The file's text exactly as committed. */
  text: string;
  value: unknown;
}

/** The real response bodies in `dir` (default: the contract's seed), `*.json`, sorted by file name. */
export function seedFixtures(dir: string = seedFixturesDir): SeedFixture[] {
  const relativeDir = path.relative(packageDir, dir).split(path.sep).join('/');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const value = JSON.parse(text) as { data?: { userId?: unknown } };
      const userId = typeof value.data?.userId === 'number' ? value.data.userId : undefined;
      return { file, specRelativePath: `${relativeDir}/${file}`, userId, text, value };
    });
}
