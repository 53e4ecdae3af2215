// Compiles the built-in contract ahead of time: the spec, bundled by the spec reader (@target-groups/spec), goes
// through src/standalone.ts (Ajv's standalone code) into src/generated/contract.js, which tsup then embeds in dist.
// The published validator needs no spec, no file system and no code generation at run time. src/standalone.ts is
// TypeScript and shares the Ajv setup with the run-time path, so esbuild (tsup's own) bundles it for this run first.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SpecReadError, loadSpec } from '@target-groups/spec';

const require = createRequire(import.meta.url);
const { build } = require(createRequire(require.resolve('tsup')).resolve('esbuild'));

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(packageDir, 'src', 'generated');
const fail = (message) => {
  process.stderr.write(`generate: ${message}\n`);
  process.exit(1);
};

let spec;
try {
  spec = await loadSpec();
} catch (error) {
  fail(error instanceof SpecReadError ? error.message : String(error));
}
const cacheDir = path.join(packageDir, 'node_modules', '.cache', 'validator-generate');
const compiler = path.join(cacheDir, `standalone-${process.pid}.mjs`);
await build({
  entryPoints: [path.join(packageDir, 'src', 'standalone.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  outfile: compiler,
  logLevel: 'error',
});
let standalone;
try {
  standalone = await import(pathToFileURL(compiler).href);
} finally {
  rmSync(compiler, { force: true });
}
let code;
try {
  code = standalone.standaloneModule(spec);
} catch (error) {
  fail(`the contract does not compile: ${error instanceof Error ? error.message : String(error)}`);
}
mkdirSync(outDir, { recursive: true });
// Written beside and renamed over, so that a build running in parallel never reads half a module.
for (const [file, text] of [
  ['contract.js', code],
  ['contract.d.ts', standalone.STANDALONE_DECLARATIONS],
]) {
  const target = path.join(outDir, file);
  writeFileSync(`${target}.${process.pid}.tmp`, text);
  renameSync(`${target}.${process.pid}.tmp`, target);
}
rmSync(path.join(outDir, 'openapi.json'), { force: true });
