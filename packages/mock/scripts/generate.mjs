// The built-in spec, read once through the spec reader at build time: `dist/targetGroups.json` (the bundled document
// Prism serves; the package ships the spec it was built from, since the spec package is private) and
// `src/scenarios/generated/builtIn.ts` (the dereferenced document the scenario engine answers from, and the names of
// its status scenarios as literal types). The published package needs no spec at run time.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec, SpecReadError } from '@target-groups/spec';
import { statusScenarioName } from '../src/scenarios/statusNames.ts';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const spec = await loadSpec().catch((error) => {
  process.stderr.write(`generate: ${error instanceof SpecReadError ? error.message : String(error)}\n`);
  process.exit(2);
});

const statusScenarios = [
  ...new Set(
    spec.operations
      .filter((operation) => operation.method === 'get')
      .flatMap((operation) => operation.responses.map((response) => statusScenarioName(response.status)))
      .filter((name) => name !== undefined),
  ),
];

mkdirSync(path.join(packageDir, 'dist'), { recursive: true });
writeFileSync(path.join(packageDir, 'dist', 'targetGroups.json'), `${JSON.stringify(spec.document, null, 2)}\n`);
const outFile = path.join(packageDir, 'src', 'scenarios', 'generated', 'builtIn.ts');
// The folder holds only what this run writes: a file an older generator left would still be compiled.
rmSync(path.dirname(outFile), { recursive: true, force: true });
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(
  outFile,
  `// Generated at build by scripts/generate.mjs from ${path.basename(spec.path)} through @target-groups/spec; not committed.\n` +
    `import type { OpenApiDocument } from '@target-groups/spec/portable';\n\n` +
    `/** The built-in spec, dereferenced (no \`$ref\` left, so it is its own bundled document too). */\n` +
    `export const dereferenced = ${JSON.stringify(spec.dereferenced)} as unknown as OpenApiDocument;\n\n` +
    `/** The status scenarios of the built-in spec's GET operations, in the spec's order. */\n` +
    `export const statusScenarios = ${JSON.stringify(statusScenarios)} as const;\n`,
);
process.stdout.write(
  `generate: ${spec.operations.length} operations, status scenarios ${statusScenarios.join(', ')}\n`,
);
