#!/usr/bin/env node
// Which workspace packages claim a Node version: those with tests whose package.json#engines.node range takes it.
// A package without engines (the private ones: the spec, the apps, test support) runs on the pinned Node only,
// in `pnpm test`. Prints one line per package with tests: `run DIR NAME`, or `skip DIR NAME REASON`.
// Usage: node scripts/enginesClaim.mjs 22.23.5
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import semver from 'semver';

const version = process.argv[2];
if (!semver.valid(version)) {
  console.error('usage: node scripts/enginesClaim.mjs VERSION (an exact version, for example 22.23.5)');
  process.exit(2);
}
const root = new URL('..', import.meta.url);
const dirs = ['spec', ...['packages', 'apps'].flatMap((d) => readdirSync(new URL(d, root)).map((n) => `${d}/${n}`))];
for (const dir of dirs) {
  const file = new URL(`${dir}/package.json`, root);
  if (!existsSync(file)) continue;
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  if (!manifest.scripts?.test) continue;
  const range = manifest.engines?.node;
  if (range === undefined) console.log(`skip ${dir} ${manifest.name} no engines: runs on the pinned Node only`);
  else if (!semver.satisfies(version, range)) console.log(`skip ${dir} ${manifest.name} engines.node ${range}`);
  else console.log(`run ${dir} ${manifest.name}`);
}
