// Writes the contract, bundled by the spec reader (@target-groups/spec), into src/generated, from where tsup embeds it
// in dist: the published validator needs no spec package (and no file system) at run time.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec, SpecReadError } from '@target-groups/spec';

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'generated');
let spec;
try {
  spec = await loadSpec();
} catch (error) {
  process.stderr.write(`generate: ${error instanceof SpecReadError ? error.message : String(error)}\n`);
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'openapi.json'), `${JSON.stringify(spec.document)}\n`);
