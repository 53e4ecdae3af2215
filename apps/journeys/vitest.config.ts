import { defineConfig } from 'vitest/config';

// The README journeys (test/journeys) run whole toolchains: a clean clone's setup and `pnpm start`, an npm install of
// the packed packages. They run after the mock's own tests, so that neither slows the other past its time limit on
// a small machine. Most of a journey's time is a child process (tsc, vitest, npm, pnpm), so two test files run at
// once (the maintainer's clone beside the consumer's project) and two consumer journeys at a time.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 90_000,
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'crossing',
          include: ['test/*.test.ts'],
          // One contract mock (Prism, static examples) for the whole run, on a free port.
          globalSetup: ['test/support/globalSetup.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'journeys',
          include: ['test/journeys/**/*.test.ts'],
          sequence: { groupOrder: 1 },
          maxConcurrency: 2,
        },
      },
    ],
  },
});
