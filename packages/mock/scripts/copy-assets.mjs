// Ships the contract with the package: consumers get the spec this version was built from, and the
// preload that ties Prism's lifetime to its parent's.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const require = createRequire(import.meta.url);
const specDir = dirname(require.resolve('@target-groups/spec/package.json'));
const spec = join(specDir, 'targetGroups.yaml');

if (!existsSync(spec)) {
  console.error(`copy-assets: the spec is missing at ${spec}`);
  process.exit(2);
}
mkdirSync(dist, { recursive: true });
copyFileSync(spec, join(dist, 'targetGroups.yaml'));
copyFileSync(join(here, '..', 'src', 'parent-watch.cjs'), join(dist, 'parent-watch.cjs'));
