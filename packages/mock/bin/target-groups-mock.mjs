#!/usr/bin/env node
// Committed so that pnpm can link the command at install time, before the first build has written dist/.
import { existsSync } from 'node:fs';
import module from 'node:module';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('target-groups-mock: the package is not built yet; run `pnpm build` first\n');
  process.exit(2);
}
// Prism loads hundreds of modules; Node 22.1 and later can keep their compiled code between runs.
module.enableCompileCache?.();
await import(cli.href);
