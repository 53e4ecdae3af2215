// The README's TypeScript block, as written: compiled against the built package (its own name resolves to it) with
// and without noUncheckedIndexedAccess, then run. What the README says the option catches is what the compiler does.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, expect, test } from 'vitest';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(path.join(packageDir, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
// Inside the package, so that `@target-groups/types` resolves to this package's exports, as it does for a consumer.
const dir = path.join(packageDir, 'test-results', 'readme');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const guardBlock = blocks.find((block) => block.includes('isKnownTrackingType'));

function compile(file: string, noUncheckedIndexedAccess: boolean): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noUncheckedIndexedAccess,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : 0}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
    );
}

test('the README has the guard example', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(2);
  expect(guardBlock).toContain('@ts-expect-error');
});

test('every TypeScript block compiles with noUncheckedIndexedAccess, as written', () => {
  mkdirSync(dir, { recursive: true });
  for (const [i, block] of blocks.entries()) {
    const file = path.join(dir, `block${i}.mts`);
    writeFileSync(file, block);
    expect(compile(file, true), `block ${i}:\n${block}`).toEqual([]);
  }
});

test('without noUncheckedIndexedAccess the lookup it catches compiles: the @ts-expect-error is unused', () => {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'guard.mts');
  writeFileSync(file, guardBlock!);
  const line = guardBlock!.split('\n').findIndex((l) => l.includes('@ts-expect-error')) + 1;
  expect(compile(file, false)).toEqual([`${line}: Unused '@ts-expect-error' directive.`]);
});

test('the guard block runs: the known values get their label, a new one its own', () => {
  mkdirSync(dir, { recursive: true });
  const js = ts.transpileModule(guardBlock!, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  writeFileSync(path.join(dir, 'guard.mjs'), js);
  writeFileSync(
    path.join(dir, 'run.mjs'),
    `import { trackingLabel } from './guard.mjs';
console.log(JSON.stringify([trackingLabel({ trackingType: 'STREAKS' }), trackingLabel({ trackingType: 'ROLLING' })]));
`,
  );
  const out = execFileSync(process.execPath, [path.join(dir, 'run.mjs')], { encoding: 'utf8' });
  expect(JSON.parse(out)).toEqual(['Streak', 'Other (ROLLING)']);
});

test('the promotions block runs against the built entry: an empty page, a known and an unknown status', () => {
  const block = blocks.find((b) => b.includes("'@target-groups/types/promotions'"));
  expect(block).toBeDefined();
  mkdirSync(dir, { recursive: true });
  const js = ts.transpileModule(block!, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  writeFileSync(path.join(dir, 'promotions.mjs'), js);
  const out = execFileSync(process.execPath, [path.join(dir, 'promotions.mjs')], { encoding: 'utf8' });
  expect(out.trim()).toBe('0 true false');
});
