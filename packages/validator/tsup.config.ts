import { defineConfig } from 'tsup';

// The built-in contract, compiled at build time (src/generated/contract.js, see scripts/generate.mjs), is embedded in
// both entries; ajv and ajv-formats stay dependencies, imported only by the main entry (a spec of the caller's is
// compiled at run time). `./precompiled` imports no Ajv code.
export default defineConfig({
  entry: ['src/index.ts', 'src/precompiled.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  // No wipe first: a build running in parallel (a dependent package's) must never find dist/ half empty.
  clean: false,
  // Runs in Node 22+ and current browsers; no Node built-ins are used.
  platform: 'neutral',
  target: 'es2022',
  sourcemap: true,
});
