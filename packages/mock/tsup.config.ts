import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  // The CJS build locates the bundled spec next to itself through import.meta.url.
  shims: true,
  clean: true,
  target: 'node20',
  platform: 'node',
});
