import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// The contract (OpenAPI document) and the seed bodies are bundled into dist from src/generated, so the published
// package and its CLI need no spec package at run time. The spec reader itself (private) is bundled too, for
// `check --spec PATH`; its parser, @redocly/openapi-core, is a dependency of this package.
export default defineConfig({
  entry: { cli: 'src/cli/bin.ts' },
  format: ['esm'],
  clean: true,
  target: 'node22',
  platform: 'node',
  sourcemap: false,
  splitting: true,
  noExternal: ['@target-groups/spec'],
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
});
