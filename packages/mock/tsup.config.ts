import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  // The CJS build locates the bundled spec next to itself through import.meta.url.
  shims: true,
  // No wipe of dist/ first: other packages' tests run against it (the bundled spec, the preload) while it is rebuilt.
  clean: false,
  target: 'node20',
  platform: 'node',
});
