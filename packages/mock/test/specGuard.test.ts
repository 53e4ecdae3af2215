// Prism resolves every `$ref` of a spec, one inside an example included, fetching URLs and reading any file. The
// mock reads the spec through the spec reader's guard first: a remote or out-of-tree `$ref`, or a YAML alias bomb,
// is refused with the ref and its place, and a 127.0.0.1 server that records requests proves nothing was fetched.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { aliasBombText, type RecordingServer, startRecordingServer } from '@target-groups/spec/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledSpecPath, MockStartError, startMock } from '../dist/index.js';

let server: RecordingServer;
const scratch = mkdtempSync(join(tmpdir(), 'target-groups-mock-guard-'));
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** The bundled spec with the error message's schema example replaced by `example`. */
function specWithExample(example: unknown): string {
  const spec = JSON.parse(readFileSync(bundledSpecPath, 'utf8'));
  spec.components.schemas.ErrorItem.properties.message.example = example;
  return JSON.stringify(spec, null, 2);
}

async function refusal(spec: string): Promise<MockStartError> {
  const error = await startMock({ spec, watch: false }).then(
    async (mock) => {
      await mock.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MockStartError);
  return error as MockStartError;
}

describe('the spec the mock serves', () => {
  it('is refused when an example holds a remote $ref, naming it and its place; nothing is fetched', async () => {
    const file = join(scratch, 'remote.json');
    writeFileSync(file, specWithExample([{ $ref: `${server.url}/x.yaml` }]));
    const error = await refusal(file);
    expect(error.code).toBe('ERR_MOCK_BAD_SPEC');
    expect(error.message).toMatch(
      new RegExp(
        `^${file}:\\d+:\\d+: \\$ref "${server.url}/x\\.yaml" at /components/schemas/ErrorItem/properties/message/example/0: a remote reference`,
      ),
    );
    expect(server.requests).toEqual([]);
  });

  it('is refused when read from a URL and its text holds a remote $ref: only the spec itself is fetched', async () => {
    server.bodies.set('/spec.json', specWithExample({ $ref: `${server.url}/y.yaml` }));
    const error = await refusal(`${server.url}/spec.json`);
    expect(error.code).toBe('ERR_MOCK_BAD_SPEC');
    expect(error.message).toContain(`$ref "${server.url}/y.yaml"`);
    expect(server.requests).toEqual(['GET /spec.json']);
    server.requests.length = 0;
  });

  it("is refused when a $ref names a file outside the spec's directory", async () => {
    mkdirSync(join(scratch, 'tree'), { recursive: true });
    const file = join(scratch, 'tree', 'outside.json');
    writeFileSync(file, specWithExample({ $ref: '../secret.yaml' }));
    writeFileSync(join(scratch, 'secret.yaml'), 'type: string\n');
    const error = await refusal(file);
    expect(error.code).toBe('ERR_MOCK_BAD_SPEC');
    expect(error.message).toContain(`$ref "../secret.yaml"`);
    expect(error.message).toContain("outside the spec's directory");
  });

  it('is refused when its YAML aliases would explode, in a process with a 128 MiB heap', async () => {
    const file = join(scratch, 'bomb.yaml');
    writeFileSync(file, aliasBombText());
    const mock = pathToFileURL(fileURLToPath(new URL('../dist/index.js', import.meta.url))).href;
    const script = `import { startMock } from ${JSON.stringify(mock)};
      try { const m = await startMock({ spec: ${JSON.stringify(file)}, watch: false }); await m.close(); console.log('served'); }
      catch (e) { console.log(e.code, e.message); }`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--max-old-space-size=128', '--input-type=module', '-e', script],
      { timeout: 60_000 },
    );
    expect(stdout).toMatch(/^ERR_MOCK_BAD_SPEC .*bomb\.yaml:7:\d+: refused: .*alias bomb/);
  });
});
