import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Test files share their worker's modules (none keeps state across files): a third less CPU, on every Node line.
    isolate: false,
    // Some tests start a Node process of their own (code generation forbidden); on a 2-core machine running other
    // packages' tests beside these, one has taken more than vitest's default 5 s.
    testTimeout: 60_000,
  },
});
