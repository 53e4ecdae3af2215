// Writes the contract (bundled, and its YAML text, for reports that name the line to edit) and the seed bodies into
// src/generated, from where tsup bundles them into dist, so the published CLI needs no spec package at run time.
// Both are read through the spec reader (@target-groups/spec).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec, SpecReadError, seedFixtures } from '@target-groups/spec';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(packageDir, 'src', 'generated');

let spec;
try {
  spec = await loadSpec();
} catch (error) {
  process.stderr.write(`generate: ${error instanceof SpecReadError ? error.message : String(error)}\n`);
  process.exit(1);
}
const seedBodies = seedFixtures().map(({ file, value }) => ({ name: file, body: value }));

mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'openapi.json'), `${JSON.stringify(spec.document)}\n`);
writeFileSync(
  path.join(outDir, 'specText.json'),
  `${JSON.stringify({ file: 'spec/targetGroups.yaml', text: readFileSync(spec.path, 'utf8') })}\n`,
);
writeFileSync(path.join(outDir, 'seedBodies.json'), `${JSON.stringify(seedBodies)}\n`);
process.stdout.write(
  `generate: contract from ${path.relative(packageDir, spec.path)}, ${seedBodies.length} seed bodies\n`,
);
