import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', scenarios: 'src/scenarios/index.ts', msw: 'src/scenarios/msw.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  // The CJS build locates the bundled spec next to itself through import.meta.url.
  shims: true,
  // No wipe of dist/ first: other packages' tests run against it (the bundled spec, the preload) while it is rebuilt.
  clean: false,
  target: 'node20',
  platform: 'node',
  // A peer: the consumer's own msw, so that handlers and setupServer/setupWorker share one instance.
  external: ['msw'],
});
