import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test starts real Prism processes (about two seconds each).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
