import { seedFixtures } from '@target-groups/spec';
import { perCall } from './perCall.mjs';
await perCall(seedFixtures().find((f) => f.file === '566881933.json').text);
