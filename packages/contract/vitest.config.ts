import { defineConfig } from 'vitest/config';

// The README's recipes run whole toolchains (turbo builds, the lint gate) in a copy of the repository: they run after
// the other tests, so that neither slows the other past its time limit on a small machine.
const JOURNEYS = ['test/driftWatchRecipe.test.ts', 'test/consumerRecipe.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'contract',
          include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
          exclude: JOURNEYS,
          sequence: { groupOrder: 0 },
        },
      },
      { extends: true, test: { name: 'journeys', include: JOURNEYS, sequence: { groupOrder: 1 } } },
    ],
  },
});
