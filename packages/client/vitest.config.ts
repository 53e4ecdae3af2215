import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // The client loads its drift monitor, OAuth token source, deprecation-header parser, data-scope rules and promotions methods by the
  // package's own name; tests run them from source.
  resolve: {
    alias: {
      '@target-groups/client/drift': fileURLToPath(new URL('./src/drift.ts', import.meta.url)),
      '@target-groups/client/oauth': fileURLToPath(new URL('./src/oauth.ts', import.meta.url)),
      '@target-groups/client/deprecation-headers': fileURLToPath(
        new URL('./src/deprecationHeaders.ts', import.meta.url),
      ),
      '@target-groups/client/promotions': fileURLToPath(new URL('./src/promotionsMethods.ts', import.meta.url)),
      '@target-groups/client/data-scope': fileURLToPath(new URL('./src/dataScope.ts', import.meta.url)),
    },
  },
  define: { __CLIENT_VERSION__: JSON.stringify(version) },
  test: {
    include: ['test/**/*.test.ts'],
    // Test files share their worker's modules: half the CPU of a fresh module graph per file, on every Node line.
    // What the client keeps per process (the one deprecation warning) is reset by the tests that count it.
    isolate: false,
    // Starts the contract mock (Prism) once on a free port and stops it after the run.
    globalSetup: ['test/support/prismSetup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
