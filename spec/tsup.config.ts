import { defineConfig } from 'tsup';

// Two entries: the reader (with Redocly's bundler) and the guard alone (parse and reference check, no bundler), for
// a tool that hands the spec to another parser and bundles this package's code into its own.
export default defineConfig({
  entry: { index: 'src/index.ts', guard: 'src/guard.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node20',
  platform: 'node',
});
