// The README's usage example, run as written (transpiled, nothing else changed) against a stand-in for the EU host.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { seedFixtures } from '@target-groups/spec';
import { type ScenarioServer, startScenarioServer } from '@target-groups/mock/scenarios';
import { json } from './support/fakeVendor.js';
import { packageDir, readmeExample, redirectFetchModule } from './support/readme.js';

let server: ScenarioServer;
let dir: string;
beforeAll(async () => {
  server = await startScenarioServer();
  dir = mkdtempSync(path.join(tmpdir(), 'client-readme-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the README example is five lines and works as written', async () => {
  const example = readmeExample();
  expect(example.trimEnd().split('\n')).toHaveLength(5);
  const seed = seedFixtures().find((s) => s.file === '566881933.json');
  const password = 'readme-password';
  server.handle((req, res) => {
    const expected = `Basic ${Buffer.from(`store.till:${createHash('md5').update(password).digest('hex')}`).toString('base64')}`;
    if (req.headers.authorization !== expected)
      return json(res, 401, { data: null, errors: [{ code: 401, message: 'Invalid credentials' }], warnings: null });
    return json(res, 200, seed?.text ?? '');
  });

  const js = ts
    .transpileModule(example, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } })
    .outputText.replace(
      "'@target-groups/client'",
      JSON.stringify(pathToFileURL(path.join(packageDir, 'dist/index.js')).href),
    );
  writeFileSync(path.join(dir, 'example.mjs'), js);
  writeFileSync(path.join(dir, 'redirect.mjs'), redirectFetchModule());
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', pathToFileURL(path.join(dir, 'redirect.mjs')).href, path.join(dir, 'example.mjs')],
    {
      env: { PATH: process.env.PATH, TILL_PASSWORD: password, STAND_IN_URL: server.url },
    },
  );
  expect(stdout.trim()).toBe('JUSTIN 1 target(s) DEFAULT');
  expect(server.received).toHaveLength(1);
  expect(server.received[0]?.path).toBe('/v3/users/566881933/targetGroups?includeInactiveTargets=true');
});

test("the repository README shows this README's example, unchanged", () => {
  const root = readFileSync(path.join(packageDir, '../../README.md'), 'utf8');
  const block = /```ts\n([\s\S]*?)```/.exec(root)?.[1];
  expect(block).toBe(readmeExample());
});
