// Writes the contract and the seed bodies into src/generated, from where tsup bundles them into dist.
// Prefers the spec package's bundled JSON when it is at least as new as the YAML source; otherwise parses the YAML
// (inlining file references) so that a plain `pnpm --filter @target-groups/contract build` never uses a stale bundle.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const specDir = locateSpecDir();
const yamlPath = path.join(specDir, 'targetGroups.yaml');
const bundlePath = path.join(specDir, 'dist', 'targetGroups.json');
const outDir = path.join(packageDir, 'src', 'generated');

function locateSpecDir() {
  try {
    const resolved = fileURLToPath(import.meta.resolve('@target-groups/spec/package.json'));
    return path.dirname(resolved);
  } catch {
    return path.resolve(packageDir, '..', '..', 'spec');
  }
}

function fail(message) {
  process.stderr.write(`generate: ${message}\n`);
  process.exit(1);
}

function loadDocument(file) {
  const text = readFileSync(file, 'utf8');
  return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
}

function resolvePointer(doc, pointer, where) {
  let node = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node))
      fail(`${where}: pointer ${pointer} does not resolve`);
    node = node[key];
  }
  return node;
}

function inlineFileRefs(node, baseFile, depth = 0) {
  if (depth > 64) fail(`${baseFile}: file references nested too deeply`);
  if (Array.isArray(node)) return node.map((item) => inlineFileRefs(item, baseFile, depth));
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string' && !node.$ref.startsWith('#')) {
    const [file, fragment = ''] = node.$ref.split('#');
    const target = path.resolve(path.dirname(baseFile), file);
    if (!existsSync(target)) fail(`${baseFile}: $ref ${node.$ref} points to a missing file`);
    const loaded = loadDocument(target);
    const value = fragment ? resolvePointer(loaded, fragment, target) : loaded;
    return inlineFileRefs(value, target, depth + 1);
  }
  const out = {};
  for (const [key, value] of Object.entries(node)) out[key] = inlineFileRefs(value, baseFile, depth);
  return out;
}

let spec;
let source;
if (existsSync(bundlePath) && (!existsSync(yamlPath) || statSync(bundlePath).mtimeMs >= statSync(yamlPath).mtimeMs)) {
  spec = JSON.parse(readFileSync(bundlePath, 'utf8'));
  source = bundlePath;
} else if (existsSync(yamlPath)) {
  spec = inlineFileRefs(loadDocument(yamlPath), yamlPath);
  source = yamlPath;
} else {
  fail(`no contract found: neither ${yamlPath} nor ${bundlePath} exists`);
}
if (!spec || typeof spec !== 'object' || typeof spec.openapi !== 'string') fail(`${source} is not an OpenAPI document`);

const seedDir = path.join(specDir, 'fixtures', 'seed');
const seedBodies = existsSync(seedDir)
  ? readdirSync(seedDir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => ({ name, body: JSON.parse(readFileSync(path.join(seedDir, name), 'utf8')) }))
  : [];

mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'openapi.json'), `${JSON.stringify(spec)}\n`);
writeFileSync(path.join(outDir, 'seedBodies.json'), `${JSON.stringify(seedBodies)}\n`);
process.stdout.write(
  `generate: contract from ${path.relative(packageDir, source)}, ${seedBodies.length} seed bodies\n`,
);
