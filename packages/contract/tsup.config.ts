import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// The contract (OpenAPI document) and the seed bodies are bundled into dist from src/generated, so the
// published package and its CLI need neither the spec package nor a YAML parser at run time.
export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli/bin.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  target: 'node20',
  platform: 'node',
  sourcemap: false,
  splitting: true,
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
});
