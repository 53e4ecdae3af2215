#!/usr/bin/env node
// Committed so that pnpm can link the command at install time, before the first build has written dist/.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/scenarios-cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('target-groups-mock-scenarios: the package is not built yet; run `pnpm build` first\n');
  process.exit(2);
}
await import(cli.href);
