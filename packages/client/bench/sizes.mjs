// Sizes, min+gzip, everything bundled: the budgets of size-limit (the same run as `pnpm lint`), openapi-fetch alone
// for comparison, and the drift module before and after its validator was compiled ahead of time. "Before" is built
// in this run: the same drift module with the validator compiled by Ajv at run time (its engine, Ajv and the contract
// as JSON, which is what the drift module carried before), bundled the same way.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { loadSpec } from '@target-groups/spec';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const esbuild = await import(createRequire(require.resolve('tsup')).resolve('esbuild'));
const kb = (n) => `${(n / 1000).toFixed(2)} kB`;
const MAIN_TARGET = 9000;

/** esbuild bundle of `build` options, minified, gzip level 9: as size-limit's preset measures. */
async function gzipped(options) {
  const result = await esbuild.build({
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    logLevel: 'error',
    ...options,
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}

// size-limit exits 1 when a check is over its budget; its JSON says which, and is printed below either way.
function sizeLimit() {
  try {
    return execFileSync(path.join(packageDir, 'node_modules/.bin/size-limit'), ['--json'], {
      cwd: packageDir,
      encoding: 'utf8',
    });
  } catch (error) {
    if (error.stdout) return error.stdout;
    throw error;
  }
}

export async function sizes() {
  const checks = JSON.parse(sizeLimit());
  console.log('size, min+gzip, everything bundled (size-limit):');
  for (const check of checks)
    console.log(
      `  ${check.name.padEnd(100)} ${kb(check.size)} (limit ${kb(check.sizeLimit)}) ${check.passed ? 'OK' : 'OVER BUDGET'}`,
    );
  const main = checks[0];
  console.log(
    `  ${'main entry against its target'.padEnd(100)} ${kb(main.size)} (target ${kb(MAIN_TARGET)}) ${main.size <= MAIN_TARGET ? 'OK' : 'OVER TARGET'}`,
  );
  const fetchOnly = await gzipped({
    entryPoints: [require.resolve('openapi-fetch').replace(/index\.cjs$/, 'index.mjs')],
  });
  console.log(`  ${'openapi-fetch 0.17.0 alone, for comparison'.padEnd(100)} ${kb(fetchOnly)}`);

  // The drift module with the validator compiled at run time: its import of the precompiled validator is pointed at
  // the validator's engine on the contract compiled by Ajv, given the contract as JSON as it embedded it before.
  const spec = await loadSpec();
  const validatorDir = path.dirname(require.resolve('@target-groups/validator/package.json'));
  const atRunTime = await gzipped({
    entryPoints: [path.join(packageDir, 'dist/drift.js')],
    plugins: [
      {
        name: 'validator-compiled-at-run-time',
        setup(build) {
          build.onResolve({ filter: /^@target-groups\/validator\/precompiled$/ }, () => ({
            path: 'run-time',
            namespace: 'before',
          }));
          build.onLoad({ filter: /.*/, namespace: 'before' }, () => ({
            contents: `import { validatorOf } from ${JSON.stringify(path.join(validatorDir, 'src/engine.ts'))};
import { compileAtRunTime } from ${JSON.stringify(path.join(validatorDir, 'src/compile.ts'))};
import { buildModel } from ${JSON.stringify(path.join(validatorDir, 'src/model.ts'))};
const spec = { document: ${JSON.stringify(spec.document)}, dereferenced: ${JSON.stringify(spec.dereferenced)} };
let shared;
export const createPrecompiledValidator = (options = {}) => {
  shared ??= validatorOf(compileAtRunTime(buildModel(spec)), 'at-run-time', {});
  return options.operationId ? shared.forOperation(options.operationId) : shared;
};`,
            loader: 'js',
            resolveDir: validatorDir,
          }));
        },
      },
    ],
  });
  const aheadOfTime = checks.find((check) => check.name.startsWith('@target-groups/client/drift with')).size;
  console.log('drift module (@target-groups/client/drift and the validator it loads), min+gzip:');
  console.log(`  ${'validator compiled ahead of time (now)'.padEnd(100)} ${kb(aheadOfTime)}`);
  console.log(
    `  ${'validator compiled at run time with Ajv (before), built in this run'.padEnd(100)} ${kb(atRunTime)}`,
  );
  console.log(`  ${'ahead of time / at run time'.padEnd(100)} ${(aheadOfTime / atRunTime).toFixed(2)}x`);
  return { main: main.size, aheadOfTime, atRunTime };
}
