import { defineConfig } from 'tsup';

// A types-only package still ships (empty) ESM and CJS entry files, so that `import` and `require`
// resolve in every module mode and tools that probe the runtime entry do not fail.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  // No wipe first: a build running in parallel (a dependent package's) must never find dist/ half empty.
  clean: false,
  target: 'es2022',
  sourcemap: false,
});
