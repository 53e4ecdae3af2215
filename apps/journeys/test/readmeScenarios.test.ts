// The mock README's vitest examples for the scenario engine, extracted from the Markdown and run as written: type
// checked as a consumer's strict project would (noUncheckedIndexedAccess), then run by vitest in a folder of their
// own inside this package, where @target-groups/client and @target-groups/mock resolve as they do for a consumer.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { coveringUserIds } from '@target-groups/mock/scenarios';
import ts from 'typescript';
import { afterAll, describe, expect, test } from 'vitest';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(path.join(packageDir, '../../packages/mock/README.md'), 'utf8');
const vitestBin = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const root = path.join(packageDir, 'test-results', 'readme-scenarios');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The README's single-file vitest examples of the scenario engine (not the multi-file globalSetup one). */
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
  .map((match) => match[1]!)
  .filter((block) => block.includes("from '@target-groups/mock/scenarios'") && block.includes("from 'vitest'"));
const forwardCompatible = blocks.find((block) => block.includes('coveringUserIds()'));

function typeErrors(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noUncheckedIndexedAccess: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${path.basename(d.file?.fileName ?? '')}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

/** Runs one test file with vitest in its own folder; its JSON report. */
async function runVitest(name: string, source: string) {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'example.test.ts'), source);
  const reportFile = path.join(dir, 'report.json');
  rmSync(reportFile, { force: true });
  writeFileSync(path.join(dir, 'vitest.config.mjs'), "export default { test: { include: ['example.test.ts'] } };\n");
  const run = await promisify(execFile)(
    process.execPath,
    [
      vitestBin,
      'run',
      '--root',
      dir,
      '--config',
      path.join(dir, 'vitest.config.mjs'),
      '--reporter=json',
      `--outputFile.json=${reportFile}`,
    ],
    { cwd: dir, env: { ...process.env, CI: '1' } },
  ).catch((error: { stdout?: string; stderr?: string }) => error);
  const report = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : undefined;
  if (!report) throw new Error(`vitest wrote no report:\n${run.stdout}\n${run.stderr}`);
  return report as { numPassedTests: number; numFailedTests: number; numTotalTests: number };
}

describe('the README examples, as written', () => {
  test('the README has them: the createMockFetch suite and the forward-compatibility loop', () => {
    expect(blocks.length).toBe(2);
    expect(forwardCompatible).toContain('preferScenario(');
  });

  test.each(blocks.map((block, i) => [i, block] as const))('example %i type-checks and passes', async (i, block) => {
    const dir = path.join(root, `example${i}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'example.test.ts'), block);
    expect(typeErrors(path.join(dir, 'example.test.ts'))).toEqual([]);
    const report = await runVitest(`example${i}`, block);
    expect(report.numFailedTests).toBe(0);
    expect(report.numPassedTests).toBe(report.numTotalTests);
    // The forward-compatibility loop: one test per covering user.
    expect(report.numTotalTests).toBe(block === forwardCompatible ? coveringUserIds().length : 4);
  });

  test('the same loop fails for code that assumes a first profile with a first channel', async () => {
    const careless = forwardCompatible!.replace(
      /function progressLines[\s\S]*?\n}\n/,
      'function progressLines(user: UserTargetGroups): string[] {\n  return [user.customer.profiles[0]!.commChannels[0]!.value];\n}\n',
    );
    expect(careless).not.toBe(forwardCompatible);
    const report = await runVitest('careless', careless);
    expect(report.numFailedTests).toBeGreaterThan(0);
  });
});
