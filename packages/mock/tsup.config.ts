import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';

// The spec package is private: the types the declarations take from it (OpenApiDocument, Operation) are copied into
// them, since a consumer could not resolve the import (its exports are read here through the path, as TS would).
const specTypes = {
  '@target-groups/spec/portable': [
    fileURLToPath(import.meta.resolve('@target-groups/spec/portable')).replace(/\.js$/, '.d.ts'),
  ],
};

const shared = {
  target: 'node24',
  platform: 'node',
  // No wipe of dist/ first: other packages' tests run against it (the bundled spec) while it is rebuilt.
  clean: false,
} as const;

export default defineConfig([
  {
    ...shared,
    entry: { index: 'src/index.ts', scenarios: 'src/scenarios/index.ts', msw: 'src/scenarios/msw.ts' },
    format: ['esm', 'cjs'],
    // A peer: the consumer's own msw, so that handlers and setupServer/setupWorker share one instance.
    external: ['msw'],
    dts: { compilerOptions: { paths: specTypes } },
    // The CJS build finds the bundled spec and Prism's mocker through import.meta.url.
    shims: true,
  },
  { ...shared, entry: ['src/cli.ts'], format: ['esm'] },
]);
