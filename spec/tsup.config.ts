import { defineConfig } from 'tsup';

// Three entries: the reader (with Redocly's bundler); the guard alone (parse and reference check, no bundler), for
// a tool that hands the spec to another parser; and the portable questions (no file system), for browser code.
export default defineConfig({
  entry: { index: 'src/index.ts', guard: 'src/guard.ts', portable: 'src/portable.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node20',
  platform: 'node',
});
