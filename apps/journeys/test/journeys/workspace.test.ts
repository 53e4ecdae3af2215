// The workspace's journeys: README blocks about the private packages (the spec reader), annotated
// `<!-- journey: workspace -->`, run as written in this repository. A TypeScript block is type-checked as strictly as
// a consumer's (noUncheckedIndexedAccess), then imported: its node:assert lines are what it shows.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, test } from 'vitest';
import { allBlocks, repositoryRoot } from './blocks.js';
import { slug } from './consumerRun.js';
import { journeysOf } from './journeys.js';
import { runShell, transcript } from './run.js';

const journeys = journeysOf(
  allBlocks().filter(
    (block) => block.annotation && 'kind' in block.annotation && block.annotation.kind === 'workspace',
  ),
);
// Inside this package, so that the workspace's packages resolve from its node_modules, as they do for its tests.
const dir = path.resolve(import.meta.dirname, '../../test-results', `journeys-${process.pid}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function typeErrors(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noUncheckedIndexedAccess: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    noEmit: true,
    skipLibCheck: true,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file?.getLineAndCharacterOfPosition(d.start ?? 0).line ?? 0}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
    );
}

test('the workspace journeys include the spec reader', () => {
  const readmes = new Set(journeys.map((journey) => journey.blocks[0]!.readme));
  expect([...readmes].sort()).toEqual(expect.arrayContaining(['spec/README.md']));
});

describe.each(journeys.map((journey) => [journey.title, journey] as const))('%s', (_title, journey) => {
  test('runs as written', { timeout: 120_000 }, async () => {
    if (journey.shape === 'shell') {
      const ran = await runShell(journey.files['journey.sh']!, { cwd: repositoryRoot, env: process.env });
      expect(ran.code, transcript(ran)).toBe(0);
      return;
    }
    expect(journey.shape, 'a workspace suite would need a runner of its own').toBe('module');
    const [name, code] = Object.entries(journey.files)[0]!;
    const file = path.join(dir, slug(journey.key), name.replace(/\.ts$/, '.mts'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, code);
    expect(typeErrors(file)).toEqual([]);
    await import(pathToFileURL(file).href);
  });
});
