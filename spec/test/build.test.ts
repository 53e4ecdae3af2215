import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { loadSpec, specPath } from '../src/index.ts';

const specDir = path.dirname(specPath);

const execFileAsync = promisify(execFile);
const outDir = path.join(specDir, 'test-results', `build-${process.pid}`);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

it('the build script writes the bundled spec as JSON, the same document as the YAML', async () => {
  const pkg = JSON.parse(readFileSync(path.join(specDir, 'package.json'), 'utf8'));
  expect(pkg.exports['./targetGroups.json']).toBe('./dist/targetGroups.json');
  const output = path.join(outDir, 'targetGroups.json');
  // The package's own build command, pointed at a scratch output so the test never touches dist/.
  const command = (pkg.scripts.build as string).replace('--output dist/targetGroups.json', `--output ${output}`);
  expect(command).not.toBe(pkg.scripts.build);
  await execFileAsync('sh', ['-c', command], {
    cwd: specDir,
    env: { ...process.env, PATH: `${path.join(specDir, 'node_modules', '.bin')}:${process.env.PATH}` },
  });
  expect(JSON.parse(readFileSync(output, 'utf8'))).toStrictEqual((await loadSpec()).document);
});
