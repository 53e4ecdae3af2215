#!/usr/bin/env node
// The contract's release gate (run by `pnpm test`): a change to spec/targetGroups.yaml that breaks typed consumers
// must come with a major changeset for @target-groups/types and @target-groups/client. Compares the spec of the
// last release (the newest `@target-groups/types@X.Y.Z` tag; without one, the first commit that has the spec) with
// the working spec through `target-groups-contract diff`. The rules are in packages/contract/README.md ("Release
// gate").
//
// The promotions contract is gated the same way: node scripts/contractGate.mjs --spec spec/promotions.yaml.
//
// Usage: node scripts/contractGate.mjs [--repo DIR] [--spec PATH]   (PATH in the repository; default the contract)
// Exit codes: 0 pass, 1 a breaking change without its major changeset, 2 the gate could not run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

const TYPED_PACKAGES = ['@target-groups/types', '@target-groups/client'];
const RELEASE_TAG = '@target-groups/types@';
const CONTRACT = 'spec/targetGroups.yaml';

const fail = (code, message) => {
  process.stderr.write(`contract gate: ${message}\n`);
  process.exit(code);
};

let options;
try {
  options = parseArgs({ options: { repo: { type: 'string' }, spec: { type: 'string' } }, strict: true }).values;
} catch (error) {
  fail(2, `${error.message.split('\n')[0]} (usage: node scripts/contractGate.mjs [--repo DIR] [--spec PATH])`);
}
const git = (args, cwd) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

let root;
try {
  root = git(['rev-parse', '--show-toplevel'], path.resolve(options.repo ?? process.cwd()));
} catch {
  fail(2, `not a git work tree (${path.resolve(options.repo ?? process.cwd())}): the gate compares with a release tag`);
}
// The spec gated, as git names it in the repository.
const SPEC = path
  .relative(root, path.resolve(root, options.spec ?? CONTRACT))
  .split(path.sep)
  .join('/');
if (SPEC.startsWith('..') || !existsSync(path.join(root, SPEC))) fail(2, `no ${SPEC} in ${root}`);

/** The ref of the last release: the newest types tag, else the first commit that has the spec. */
function baseRef() {
  const tags = git(['tag', '--list', `${RELEASE_TAG}*`, '--sort=-version:refname'], root)
    .split('\n')
    .filter(Boolean);
  if (tags.length > 0) return { ref: tags[0], why: `last release ${tags[0]}` };
  const first = git(['log', '--diff-filter=A', '--format=%H', '--', SPEC], root).split('\n').filter(Boolean).at(-1);
  if (!first) return undefined;
  return { ref: first, why: `no release tag yet: first commit with the spec, ${first.slice(0, 12)}` };
}

/** Packages each pending changeset bumps major (`.changeset/*.md` front matter). */
function majorBumps() {
  const dir = path.join(root, '.changeset');
  const bumped = new Set();
  if (!existsSync(dir)) return bumped;
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.md') || file === 'README.md') continue;
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path.join(dir, file), 'utf8'));
    for (const line of front?.[1].split('\n') ?? []) {
      const match = /^\s*['"]?([^'":\s][^'"]*?)['"]?\s*:\s*(major|minor|patch)\s*$/.exec(line);
      if (match?.[2] === 'major') bumped.add(match[1]);
    }
  }
  return bumped;
}

const base = baseRef();
if (!base) {
  process.stdout.write(`contract gate: ${SPEC} has no history yet; nothing to compare\n`);
  process.exit(0);
}
try {
  git(['cat-file', '-e', `${base.ref}:${SPEC}`], root);
} catch {
  // A spec added since the release: everything in it is new, nothing a released type had can break.
  process.stdout.write(`contract gate: ${SPEC} is new since ${base.why}; nothing to compare\n`);
  process.exit(0);
}
// The CLI of this checkout (a root devDependency), whichever repository is gated.
const require = createRequire(import.meta.url);
let cli;
try {
  cli = path.join(
    path.dirname(require.resolve('@target-groups/contract/package.json')),
    'bin',
    'target-groups-contract.mjs',
  );
} catch {
  fail(2, 'cannot find @target-groups/contract (run pnpm install and pnpm build)');
}
const result = spawnSync(
  process.execPath,
  // `--spec`: git:REF is read from the same file (packages/contract/src/commands/diff/README.md).
  [cli, 'diff', '--format', 'json', '--spec', path.join(root, SPEC), `git:${base.ref}`],
  {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  },
);
if (result.status !== 0 && result.status !== 1) {
  fail(2, `diff could not run: ${(result.stderr || result.stdout).trim().split('\n')[0]}`);
}
const breaking = JSON.parse(result.stdout).changes.filter((change) => change.impact === 'breaking');
if (breaking.length === 0) {
  process.stdout.write(`contract gate: no breaking change since ${base.why}\n`);
  process.exit(0);
}
const bumped = majorBumps();
const missing = TYPED_PACKAGES.filter((name) => !bumped.has(name));
if (missing.length === 0) {
  process.stdout.write(
    `contract gate: ${breaking.length} breaking change(s) since ${base.why}, with a major changeset for ${TYPED_PACKAGES.join(' and ')}\n`,
  );
  process.exit(0);
}
fail(
  1,
  [
    `${breaking.length} breaking change(s) to ${SPEC} since ${base.why}, but no major changeset for ${missing.join(' and ')}:`,
    ...breaking.map((change) => `  ${change.pointer}: ${change.message}`),
    'Write one from the change list:',
    `  pnpm contract diff --format changeset${SPEC === CONTRACT ? '' : ` --spec ${SPEC}`} git:${base.ref} > .changeset/contract-changes.md`,
  ].join('\n'),
);
