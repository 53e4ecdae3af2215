// A YAML alias bomb (a few lines that expand to gigabytes) is refused at parse, before anything expands it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSpec, MAX_ALIAS_COUNT } from '../src/index.ts';
import { readFailure } from './support/readFailure.ts';
import { aliasBombText } from '../src/testing.ts';
import { promotionsText } from './support/specs.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'spec-alias-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const builtReader = pathToFileURL(fileURLToPath(new URL('../dist/index.js', import.meta.url))).href;

describe('YAML aliases', () => {
  it('refuses a bomb given as text, with its own kind and the place of the first alias', async () => {
    const error = await readFailure({ text: aliasBombText(), name: 'git:HEAD:spec/targetGroups.yaml' });
    expect(error.kind).toBe('too-many-aliases');
    expect(error.place).toMatchObject({ line: 7 });
    expect(error.message).toMatch(/^git:HEAD:spec\/targetGroups\.yaml:7:\d+: refused: .*alias bomb/);
  });

  it('refuses a bomb in a file the spec references', async () => {
    writeFileSync(path.join(dir, 'bomb.yaml'), aliasBombText());
    const api = path.join(dir, 'api.yaml');
    writeFileSync(api, promotionsText.replace("{ $ref: '#/components/schemas/Problem' }", "{ $ref: './bomb.yaml' }"));
    const error = await readFailure(api);
    expect(error).toMatchObject({ kind: 'too-many-aliases', file: path.join(dir, 'bomb.yaml') });
  });

  it('refuses the bomb in a process with a 48 MiB heap and a 20 s limit: nothing was expanded', async () => {
    const file = path.join(dir, 'targetGroups.yaml');
    writeFileSync(file, aliasBombText());
    const script = `import { loadSpec } from ${JSON.stringify(builtReader)};
      try { await loadSpec(${JSON.stringify(file)}); console.log('read'); } catch (e) { console.log(e.kind); }`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--max-old-space-size=48', '--input-type=module', '-e', script],
      { timeout: 20_000 },
    );
    expect(stdout.trim()).toBe('too-many-aliases');
  });

  it(`reads a spec whose aliases stay under the limit (${MAX_ALIAS_COUNT}), merge keys included`, async () => {
    const text = promotionsText.replace(
      '    Problem:\n      type: object\n',
      '    Problem:\n      <<: &problemBase { type: object, description: shared }\n',
    );
    expect(text).not.toBe(promotionsText);
    const spec = await loadSpec({ text, name: 'aliases.yaml' });
    expect(spec.schemas.Problem).toMatchObject({ type: 'object', description: 'shared' });
  });
});
