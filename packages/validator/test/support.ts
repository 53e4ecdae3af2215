// The built-in contract and the seed's real bodies, as the validator's tests read them (through the spec reader).
import { loadSpec, seedFixtures as readSeedFixtures } from '@target-groups/spec';

type Json = Record<string, unknown>;

export const spec = await loadSpec();

export const component = (name: string): Json => spec.document.components.schemas[name] as Json;

export const seedFixtures = (): { name: string; body: Json }[] =>
  readSeedFixtures().map(({ file, value }) => ({ name: file, body: value as Json }));

/** A copy of the seed body of `userId`. */
export function fixture(userId: string): Json {
  const found = seedFixtures().find((f) => String((f.body.data as Json | null)?.userId) === userId);
  if (!found) throw new Error(`no seed fixture for user ${userId}`);
  return structuredClone(found.body);
}
