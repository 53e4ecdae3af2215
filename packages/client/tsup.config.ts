import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  entry: [
    'src/index.ts',
    'src/helpers.ts',
    'src/drift.ts',
    'src/oauth.ts',
    'src/deprecationHeaders.ts',
    'src/promotionsMethods.ts',
    'src/dataScope.ts',
  ],
  format: ['esm', 'cjs'],
  dts: true,
  // No wipe first: a build running in parallel (a dependent package's) must never find dist/ half empty.
  clean: false,
  // Runs in Node 22+ and current browsers; no Node built-ins are used.
  platform: 'neutral',
  target: 'es2022',
  sourcemap: true,
  // The main entry loads the drift monitor, the OAuth token source, the deprecation-header parser, the data-scope
  // rules and the promotions methods through the package's own exports, so that they (and the validator behind the monitor) stay out of the
  // main bundle for every bundler, and each is one module however reached.
  external: ['@target-groups/client', '@target-groups/validator'],
  define: { __CLIENT_VERSION__: JSON.stringify(version) },
});
