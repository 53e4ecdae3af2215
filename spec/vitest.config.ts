import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The lint gate runs both linters several times; each run takes a few seconds.
    testTimeout: 120_000,
  },
});
