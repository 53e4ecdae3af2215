// The contracts this package ships, each read once through the spec reader at build time: `dist/<name>.json` (the
// bundled document Prism serves; the package ships the specs it was built from, since the spec package is private)
// and `src/scenarios/generated/<name>.ts` (the dereferenced document the scenario engine answers from, and the names
// of its status scenarios as literal types). The published package needs no spec at run time.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec, promotionsSpecPath, SpecReadError, specPath } from '@target-groups/spec';
import { statusScenarioName } from '../src/scenarios/statusNames.ts';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const generatedDir = path.join(packageDir, 'src', 'scenarios', 'generated');
/** By the name each is exported under (`contracts.<name>`) and shipped as (`dist/<name>.json`). */
const CONTRACTS = { targetGroups: specPath, promotions: promotionsSpecPath };

/** Written beside and renamed over, so that an interrupted build leaves the old file or the new one, never half. */
function writeAtomically(file, text) {
  writeFileSync(`${file}.tmp-${process.pid}`, text);
  renameSync(`${file}.tmp-${process.pid}`, file);
}

const loaded = [];
for (const [name, file] of Object.entries(CONTRACTS)) {
  const spec = await loadSpec(file).catch((error) => {
    process.stderr.write(`generate: ${error instanceof SpecReadError ? error.message : String(error)}\n`);
    process.exit(2);
  });
  loaded.push([name, spec]);
}

mkdirSync(path.join(packageDir, 'dist'), { recursive: true });
// The folder holds only what this run writes: a file an older generator left would still be compiled.
rmSync(generatedDir, { recursive: true, force: true });
mkdirSync(generatedDir, { recursive: true });
for (const [name, spec] of loaded) {
  const statusScenarios = [
    ...new Set(
      spec.operations
        .filter((operation) => operation.method === 'get')
        .flatMap((operation) => operation.responses.map((response) => statusScenarioName(response.status)))
        .filter((scenario) => scenario !== undefined),
    ),
  ];
  writeAtomically(path.join(packageDir, 'dist', `${name}.json`), `${JSON.stringify(spec.document, null, 2)}\n`);
  writeAtomically(
    path.join(generatedDir, `${name}.ts`),
    `// Generated at build by scripts/generate.mjs from ${path.basename(spec.path)} through @target-groups/spec; not committed.\n` +
      `import type { OpenApiDocument } from '@target-groups/spec/portable';\n\n` +
      `/** ${path.basename(spec.path)}, dereferenced (no \`$ref\` left, so it is its own bundled document too). */\n` +
      `export const dereferenced = ${JSON.stringify(spec.dereferenced)} as unknown as OpenApiDocument;\n\n` +
      `/** The status scenarios of its GET operations, in the spec's order. */\n` +
      `export const statusScenarios = ${JSON.stringify(statusScenarios)} as const;\n`,
  );
  process.stdout.write(
    `generate: ${name}: ${spec.operations.length} operations, status scenarios ${statusScenarios.join(', ')}\n`,
  );
}
