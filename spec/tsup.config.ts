import { defineConfig } from 'tsup';

// Four entries: the reader (with Redocly's bundler); the guard alone (parse and reference check, no bundler), for
// a tool that hands the spec to another parser; the portable questions (no file system), for browser code; and
// the hostile specs and recording server that other packages' tests share.
export default defineConfig({
  entry: { index: 'src/index.ts', guard: 'src/guard.ts', portable: 'src/portable.ts', testing: 'src/testing.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node24',
  platform: 'node',
});
