import { defineConfig } from 'tsup';

// The contract (src/generated/openapi.json) is embedded; ajv and ajv-formats stay dependencies.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  // No wipe first: a build running in parallel (a dependent package's) must never find dist/ half empty.
  clean: false,
  // Runs in Node 22+ and current browsers; no Node built-ins are used.
  platform: 'neutral',
  target: 'es2022',
  sourcemap: true,
});
