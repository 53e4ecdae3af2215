#!/usr/bin/env node
// Lint gate: Spectral (root .spectral.yaml) and Redocly (root redocly.yaml) on each spec file given.
// Any finding of either linter, warnings included, fails the gate: Spectral through --fail-severity=warn,
// Redocly (which exits 0 on warnings) through its own summary line. Both linters always run, so one
// invocation shows every problem.
//
// Before either linter sees the file, the spec reader's guard parses it (and every file it references) with the
// alias limit and checks every `$ref`: a URL is never fetched and no file outside the spec's directory is read,
// by this script or by the linters. Spectral also gets a resolver that refuses both (scripts/spectralResolver.cjs),
// and Redocly's config leaves `$ref`s inside example values unresolved (redocly.yaml, `resolve`).
//
// Usage: node scripts/lint.mjs [SPEC_FILE...]   (default: every spec of this package, SPECS below)
// Exit codes, the highest of the files': 0 clean, 1 lint findings, 2 bad usage (missing file, not a file, linter
//             could not start, package not built), 3 not a spec at all (not YAML, or YAML that is not an OpenAPI
//             document), 4 refused as unsafe to read (a YAML alias bomb, a remote `$ref`, a `$ref` to a file
//             outside the spec's directory).
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const specDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(specDir, '..');
const bin = (name) => path.join(specDir, 'node_modules', '.bin', name);

// The contract and the contract of its replacement: both pass the same gate, with the same rules.
const SPECS = ['targetGroups.yaml', 'promotions.yaml'];

const args = process.argv.slice(2);
if (args.some((a) => a.startsWith('-'))) {
  console.error('usage: node scripts/lint.mjs [SPEC_FILE...]');
  process.exit(2);
}
const specFiles = (args.length > 0 ? args : SPECS.map((name) => path.join(specDir, name))).map((f) => path.resolve(f));

let guard;
try {
  guard = await import('../dist/guard.js');
} catch {
  console.error('lint: the spec reader is not built (run `pnpm --filter @target-groups/spec build` first)');
  process.exit(2);
}
// A file that is not a spec at all is a different failure from a spec with findings: say which, and where.
const UNSAFE = new Set(['too-many-aliases', 'remote-ref', 'out-of-tree-ref']);

/** Why `specFile` cannot be linted at all, as an exit code, or 0 when it can. */
function unreadable(specFile) {
  if (!existsSync(specFile)) {
    console.error(`lint: spec file not found: ${specFile}`);
    return 2;
  }
  if (!statSync(specFile).isFile()) {
    console.error(`lint: not a file: ${specFile}`);
    return 2;
  }
  let files;
  try {
    files = guard.readSpecFiles(specFile);
  } catch (error) {
    if (!(error instanceof guard.SpecReadError)) throw error;
    console.error(`lint: ${error.message}`);
    return UNSAFE.has(error.kind) ? 4 : error.kind === 'not-yaml' ? 3 : 2;
  }
  const parsed = files.root.value;
  if (parsed === null || typeof parsed !== 'object' || typeof parsed.openapi !== 'string') {
    console.error(`lint: ${specFile}: not an OpenAPI document (no \`openapi\` version field at the top level)`);
    return 3;
  }
  return 0;
}

function run(command, commandArgs, specFile) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, {
      cwd: specDir,
      // Set here rather than relied on from the shell: turbo's strict env mode drops shell variables.
      env: {
        ...process.env,
        REDOCLY_TELEMETRY: 'off',
        REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
        NO_COLOR: '1',
        TARGET_GROUPS_SPEC_DIR: path.dirname(specFile),
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ code: null, output: `${command}: ${error.message}\n` }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

// Redocly prints a boxed Node.js support notice on every run; it is not a finding about the spec.
const withoutNoticeBox = (text) =>
  text
    .split('\n')
    .filter((line) => !/^\s*[╔║╚]/.test(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');

/** Lints one readable spec file with both linters; the exit code it earns. */
async function lint(specFile) {
  const relativeSpec = path.relative(specDir, specFile);
  const [spectral, redocly] = await Promise.all([
    run(
      bin('spectral'),
      [
        'lint',
        specFile,
        '--ruleset',
        path.join(repoRoot, '.spectral.yaml'),
        '--resolver',
        path.join(specDir, 'scripts', 'spectralResolver.cjs'),
        '--fail-severity=warn',
        '--format=stylish',
      ],
      specFile,
    ),
    run(
      bin('redocly'),
      ['lint', specFile, '--config', path.join(repoRoot, 'redocly.yaml'), '--format=codeframe'],
      specFile,
    ),
  ]);

  const redoclyOutput = withoutNoticeBox(redocly.output);
  // Redocly ends with "You have N warning(s)." when warnings are its only findings, and tags each one
  // "Warning was generated by ..."; both count as failures here.
  const redoclyWarned = /You have \d+ warnings?|Warning was generated by/.test(redoclyOutput);

  process.stdout.write(`── spectral (${relativeSpec})\n${spectral.output.trim()}\n\n`);
  process.stdout.write(`── redocly (${relativeSpec})\n${redoclyOutput.trim()}\n\n`);

  if (spectral.code === null || redocly.code === null) {
    console.error('lint: a linter could not be started (is `pnpm install` done?)');
    return 2;
  }
  const failures = [];
  if (spectral.code !== 0) failures.push('spectral');
  if (redocly.code !== 0 || redoclyWarned)
    failures.push(redoclyWarned && redocly.code === 0 ? 'redocly (warnings)' : 'redocly');
  if (failures.length > 0) {
    console.error(`lint: FAILED (${failures.join(', ')}) on ${relativeSpec}: any error or warning fails the gate`);
    return 1;
  }
  console.log(`lint: clean (0 errors, 0 warnings from spectral and redocly) on ${relativeSpec}`);
  return 0;
}

let exitCode = 0;
for (const specFile of specFiles) {
  const code = unreadable(specFile) || (await lint(specFile));
  exitCode = Math.max(exitCode, code);
}
process.exit(exitCode);
