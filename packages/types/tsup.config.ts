import { defineConfig } from 'tsup';

// A types-only package still ships (empty) ESM and CJS entry files, so that `import` and `require`
// resolve in every module mode and tools that probe the runtime entry do not fail.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  sourcemap: false,
});
