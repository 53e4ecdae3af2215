import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Test files share their worker's modules (none keeps state across files): a fifth less CPU than a fresh module
    // graph per file, on every Node line.
    isolate: false,
    // The lint gate runs both linters several times; each run takes a few seconds.
    testTimeout: 120_000,
    // Each lint is CPU-bound (Spectral and Redocly in a child process): on two cores, five at once (vitest's default)
    // beside the other packages' tests took each past its timeout; two at once take as long in total.
    maxConcurrency: 2,
  },
});
