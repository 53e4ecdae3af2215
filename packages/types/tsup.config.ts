import { defineConfig } from 'tsup';

// Types, and one piece of run-time code: each open enum's known values and guard (src/generated/enums.ts), in ESM
// and CJS builds; a second entry for the promotions API's (src/promotions.ts, `@target-groups/types/promotions`).
export default defineConfig({
  entry: ['src/index.ts', 'src/promotions.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  // No wipe first: a build running in parallel (a dependent package's) must never find dist/ half empty.
  clean: false,
  target: 'es2022',
  sourcemap: false,
});
