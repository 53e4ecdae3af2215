// Writes the contract's YAML text into src/generated, from where tsup bundles it into dist, so that the published
// CLI's reports name the line of spec/targetGroups.yaml to edit, and `target-groups-contract spec` prints the file,
// without the spec package at run time (the contract itself comes embedded in @target-groups/validator). Read through
// the spec reader (@target-groups/spec).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec, SpecReadError } from '@target-groups/spec';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(packageDir, 'src', 'generated');

let spec;
try {
  spec = await loadSpec();
} catch (error) {
  process.stderr.write(`generate: ${error instanceof SpecReadError ? error.message : String(error)}\n`);
  process.exit(1);
}

mkdirSync(outDir, { recursive: true });
writeFileSync(
  path.join(outDir, 'specText.json'),
  `${JSON.stringify({ file: 'spec/targetGroups.yaml', text: readFileSync(spec.path, 'utf8') })}\n`,
);
process.stdout.write(`generate: contract text from ${path.relative(packageDir, spec.path)}\n`);
