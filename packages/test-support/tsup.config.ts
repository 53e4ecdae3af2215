import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  // No wipe first: a dependent package's tests may be reading dist/ while this builds.
  clean: false,
  target: 'node24',
  platform: 'node',
});
