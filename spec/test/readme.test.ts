// The README is a promise: every TypeScript block in it runs as written (its import of the package pointed at the
// source), and each states what it shows with node:assert, so running it is checking it.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const specDir = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(path.join(specDir, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/^### (.+)\n[\s\S]*?```ts\n([\s\S]*?)```/gm)].map((m) => ({
  title: m[1]!,
  code: m[2]!,
}));
const workDir = path.join(specDir, 'test-results', `readme-${process.pid}`);
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('README', () => {
  it('has a TypeScript example for each question', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(9);
    expect(readme.match(/```ts\n/g)?.length).toBe(blocks.length);
  });

  it.each(blocks.map((block, index) => [block.title, index, block.code] as const))(
    '"%s" runs as written',
    async (_, index, code) => {
      expect(code).toContain("from '@target-groups/spec'");
      mkdirSync(workDir, { recursive: true });
      const file = path.join(workDir, `block${index}.ts`);
      writeFileSync(
        file,
        code.replace("from '@target-groups/spec'", `from ${JSON.stringify(path.join(specDir, 'src', 'index.ts'))}`),
      );
      await import(file);
    },
  );
});
