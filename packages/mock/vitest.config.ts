import { defineConfig } from 'vitest/config';

// The scenario handlers take msw 2 and msw 3 (the peer range): their tests run a second time on msw 2, installed
// under the alias `msw2`, with every `msw` import of the handlers and the tests resolved to it.
const mswTests = ['test/scenarios/msw.test.ts', 'test/scenarios/browser.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // Test files share their worker's modules (none keeps state across files): a third less CPU for this suite,
    // which runs on every Node line, than a fresh module graph per file.
    isolate: false,
    hookTimeout: 60_000,
    // What the compiler catches for a consumer (test/*.test-d.ts): checked, not run.
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
      ignoreSourceErrors: false,
    },
    projects: [
      {
        extends: true,
        test: { name: 'mock', include: ['test/**/*.test.ts'], provide: { mswPackage: 'msw', mswMajor: '3' } },
      },
      {
        extends: true,
        resolve: { alias: [{ find: /^msw(?=\/|$)/, replacement: 'msw2' }] },
        test: { name: 'msw 2', include: mswTests, provide: { mswPackage: 'msw2', mswMajor: '2' } },
      },
    ],
  },
});
