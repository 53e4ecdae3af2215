// `pnpm bench` for the client, each figure beside its target and its peer, in one run:
// - per call: getTargetGroups against bare openapi-fetch, with a stubbed fetch and over HTTP (bench/perCall.mjs);
// - sizes: the size-limit budgets, openapi-fetch alone, and the drift module with its validator compiled ahead of
//   time against the same module with the validator compiled at run time, as before (bench/sizes.mjs);
// - capture memory: peak RSS with a capture sink that never drains (bench/captureMemory.mjs).
// The check's throughput, compiled ahead of time and at run time, is the validator's bench (@target-groups/validator).
import path from 'node:path';
import { seedFixtures, seedFixturesDir } from '@target-groups/spec';
import { captureMemory } from './captureMemory.mjs';
import { perCall } from './perCall.mjs';
import { sizes } from './sizes.mjs';

const seed = seedFixtures().find((fixture) => fixture.file === '566881933.json');
if (!seed) throw new Error('seed body 566881933.json not found');

await perCall(seed.text);
await sizes();
captureMemory(path.join(seedFixturesDir, seed.file));
