// `build`: writes src/generated from the spec, then bundles with tsup (tsup.config.ts). Arguments are not passed on:
// `pnpm --filter @target-groups/contract build test` would otherwise hand `test` to tsup as an entry point.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const extra = process.argv.slice(2);
if (extra.length > 0) {
  process.stderr.write(
    `build: ignoring arguments ${extra.join(' ')} (pnpm passes them to this script; run each script on its own)\n`,
  );
}
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: packageDir, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run(process.execPath, [path.join(packageDir, 'scripts', 'generate.mjs')]);
const require = createRequire(import.meta.url);
const tsupCli = path.join(path.dirname(require.resolve('tsup/package.json')), 'dist', 'cli-default.js');
run(process.execPath, [tsupCli]);
