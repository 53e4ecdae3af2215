// Every shell and TypeScript block of every README is run by a journey or says why not: a block added to a README
// without an annotation fails here, so no README block is untested without anyone saying so.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { allBlocks, annotationProblem, readmePaths } from './blocks.js';

describe('README blocks', () => {
  test('every shell and TypeScript block of every README is run by a journey or says why not', () => {
    const blocks = allBlocks();
    expect(blocks.length).toBeGreaterThanOrEqual(50);
    expect(blocks.map(annotationProblem).filter(Boolean)).toEqual([]);
  });

  test('the READMEs are every README.md git tracks, nested ones included', () => {
    expect(readmePaths()).toEqual(
      expect.arrayContaining(['README.md', 'spec/README.md', 'packages/contract/src/commands/diff/README.md']),
    );
  });
});

describe('the check fails', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'journey-annotations-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const readme = (text: string) => {
    writeFileSync(path.join(root, 'README.md'), text);
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['add', 'README.md'], { cwd: root });
    return allBlocks(root).map(annotationProblem);
  };

  test('on a block added without an annotation, naming it', () => {
    const problems = readme(
      '# Demo\n\n<!-- journey: consumer -->\n```ts\nconsole.log(1);\n```\n\n## Later\n\nText.\n\n```sh\necho new\n```\n',
    );
    expect(problems[0]).toBeUndefined();
    expect(problems[1]).toMatch(/^README\.md:12 \(Later, block 1\): it has no annotation; write <!-- journey: /);
  });

  test('on an annotation that names no runner, or gives no reason', () => {
    const problems = readme(
      '# Demo\n<!-- journey: customer -->\n```sh\necho 1\n```\n<!-- journey: not run: -->\n```bash\necho 2\n```\n<!-- a comment -->\n```ts\nexport {};\n```\n<!-- journey: not run: needs a browser -->\n```json\n{}\n```\n',
    );
    expect(problems).toEqual([
      expect.stringContaining("'<!-- journey: customer -->' is no annotation"),
      expect.stringContaining("'<!-- journey: not run: -->' is no annotation"),
      expect.stringContaining('it has no annotation'),
    ]);
  });
});
