import { defineConfig } from 'tsup';

// `clean` stays off: the same dist/ holds the bundled targetGroups.json that `redocly bundle` writes first.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  dts: true,
  clean: false,
  target: 'node24',
  platform: 'node',
});
