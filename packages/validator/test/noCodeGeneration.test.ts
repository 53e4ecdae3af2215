// The built validator in a Node process that forbids generating code from strings (`eval`, `new Function`), as a
// page's Content Security Policy without 'unsafe-eval' does: the built-in contract, compiled at build time, checks a
// drifted body there; a spec compiled at run time cannot, which shows the flag bites.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { seedFixtures } from '@target-groups/spec';
import { expect, test } from 'vitest';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seed = seedFixtures().find((fixture) => fixture.file === '566881933.json')!;
const drifted = structuredClone(seed.value) as { data: { targetGroups: Record<string, unknown>[] } };
Object.assign(drifted.data.targetGroups[0]!, { loyaltyTier: 'GOLD', name: null, targetEvaluationType: 'X_NEW' });

/** Runs `script` with the built entry `entry` as `validator`, code generation from strings disallowed. */
async function withoutCodeGeneration(entry: string, script: string) {
  const file = path.join(packageDir, 'dist', entry);
  const module = `import { createRequire } from 'node:module';
const validator = ${
    entry.endsWith('.cjs')
      ? `createRequire(import.meta.url)(${JSON.stringify(file)})`
      : `await import(${JSON.stringify(pathToFileURL(file).href)})`
  };
const input = { text: process.env.BODY };
${script}`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--disallow-code-generation-from-strings', '--input-type=module', '-e', module],
    { cwd: packageDir, env: { PATH: process.env.PATH, BODY: JSON.stringify(drifted) } },
  );
  return JSON.parse(stdout);
}

const REPORT = `try {
  const found = CREATE.validateText(input.text).map((v) => [v.pointer, v.severity]);
  console.log(JSON.stringify({ found: Object.fromEntries(found) }));
} catch (error) {
  console.log(JSON.stringify({ error: error.name + ': ' + error.message }));
}`;
const DRIFT = {
  '/data/targetGroups/0/loyaltyTier': 'warning',
  '/data/targetGroups/0/name': 'error',
  '/data/targetGroups/0/targetEvaluationType': 'warning',
};

test.each([
  ['index.js', 'validator.createValidator()'],
  ['precompiled.js', 'validator.createPrecompiledValidator()'],
  ['index.cjs', 'validator.createValidator()'],
])('dist/%s: the built-in contract checks a drifted body without generating code', async (entry, create) => {
  const result = await withoutCodeGeneration(entry, REPORT.replace('CREATE', create));
  expect(result).toEqual({ found: DRIFT });
});

test('a spec compiled at run time is refused there: the process really forbids code generation', async () => {
  const result = await withoutCodeGeneration(
    'index.js',
    `const spec = await (await import('@target-groups/spec')).loadSpec();\n${REPORT.replace('CREATE', 'validator.createValidator(spec)')}`,
  );
  expect(result.error).toMatch(/^EvalError: Code generation from strings disallowed/);
});
