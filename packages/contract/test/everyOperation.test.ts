// Every command works on every operation of the spec it is given: a copy of the contract with a second GET
// operation, and traffic of both, with no code that knows the new operation.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadSpec, seedFixtures } from '@target-groups/spec';
import { beforeAll, describe, expect, test } from 'vitest';
import { check } from '../src/commands/check/index.js';
import { run as propose } from '../src/commands/propose/index.js';
import { editedSpec, runCommand, tempDir } from './diffSupport.js';

const NAMES_PATH = '/v3/users/{userId}/targetGroupNames';
const NAMES_ID = 'getUserTargetGroupNames';

let dir: string;
let specFile: string;
let names: { pointer: string; schema: string };
let har: string;

const entry = (url: string, status: number, body: unknown, method = 'GET') => ({
  request: { method, url, headers: [] },
  response: {
    status,
    statusText: '',
    headers: [],
    content: { mimeType: 'application/json', text: JSON.stringify(body) },
  },
});

beforeAll(async () => {
  dir = tempDir();
  specFile = editedSpec((doc) => {
    doc.setIn(['paths', NAMES_PATH], {
      get: {
        operationId: NAMES_ID,
        summary: 'The names of the target groups of a user',
        parameters: [{ name: 'userId', in: 'path', required: true, schema: { type: 'integer', format: 'int64' } }],
        responses: {
          '200': {
            description: 'The names',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['names'],
                  properties: { names: { type: 'array', items: { type: 'string' } } },
                },
              },
            },
          },
        },
      },
    });
  }, dir);
  const operation = (await loadSpec(specFile)).operation(NAMES_ID)!;
  names = { pointer: operation.pointer, schema: operation.responseFor(200)!.schemaPointer! };
  const host = 'https://eu.api.capillarytech.com';
  har = path.join(dir, 'both.har');
  const capture = [
    entry(`${host}/v3/users/566881933/targetGroups`, 200, seedFixtures()[0]!.value),
    entry(`${host}/v3/users/566881933/targetGroupNames`, 200, { names: ['Summer'], total: 1 }),
    entry(`${host}/gateway/v3/users/566881933/targetGroupNames?x=1`, 200, { names: [7] }),
    entry(`${host}/v3/users/566881933/targetGroupNames`, 200, {}, 'OPTIONS'),
  ];
  writeFileSync(har, JSON.stringify({ log: { version: '1.2', entries: capture } }));
});

describe('a spec with a second GET operation, and no code that knows it', () => {
  test('check matches each HAR call to its operation by method and path template', async () => {
    const ran = await runCommand(check.run, ['--spec', specFile, '--format', 'json', har]);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(1);
    const { files, summary } = JSON.parse(ran.stdout);
    expect(files.map((f: { file: string }) => f.file.slice(har.length))).toEqual(['#0', '#1', '#2']);
    expect(files[0].violations).toEqual([]);
    expect(files[1].violations).toEqual([
      {
        pointer: '/total',
        severity: 'warning',
        kind: 'undocumented-property',
        schemaPointer: names.schema,
        message: "undocumented property 'total' (not declared in the contract)",
      },
    ]);
    expect(files[2].violations).toMatchObject([{ pointer: '/names/0', severity: 'error', kind: 'type' }]);
    // The preflight is no operation of the spec.
    expect(summary.skippedEntries).toBe(1);
    const text = await runCommand(check.run, ['--spec', specFile, har]);
    expect(text.stdout).toContain(`edit ${specFile}:`);
  });

  test('--operation names the operation a bare body answers; an unknown one is refused', async () => {
    const body = path.join(dir, 'names.json');
    writeFileSync(body, JSON.stringify({ names: ['Summer'] }));
    const own = await runCommand(check.run, ['--spec', specFile, '--operation', NAMES_ID, '--format', 'json', body]);
    expect([own.code, JSON.parse(own.stdout).files[0].valid]).toEqual([0, true]);
    // Without it, the spec's first operation: the same body is no answer of that one.
    expect((await runCommand(check.run, ['--spec', specFile, '--quiet', body])).code).toBe(1);
    const unknown = await runCommand(check.run, ['--spec', specFile, '--operation', 'nope', body]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      `--operation: the spec has no operation nope (it has: getUserTargetGroups, getConnectedOrgUserTargetGroups, ${NAMES_ID})`,
    );
  });

  test('--coverage counts the statuses and properties of each operation', async () => {
    const ran = await runCommand(check.run, ['--spec', specFile, '--coverage', '--format', 'json', har]);
    const { facts } = JSON.parse(ran.stdout).coverage as { facts: { fact: string; count: number }[] };
    const count = (fact: string) => facts.find((f) => f.fact === fact)?.count;
    expect(count(`${names.pointer}/responses/200|status`)).toBe(2);
    expect(count(`${names.schema}/properties/names|present`)).toBe(2);
    expect(count('/paths/~1v3~1users~1{userId}~1targetGroups/get/responses/200|status')).toBe(1);
  });

  test('propose edits the schema of the operation the traffic is of', async () => {
    const ran = await runCommand(propose, ['--spec', specFile, '--format', 'json', har]);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(1);
    const { changes } = JSON.parse(ran.stdout) as { changes: { pointer: string; change: string }[] };
    expect(changes.map((c) => c.pointer).sort()).toEqual(
      [`${names.schema}/properties/names/items`, `${names.schema}/properties/total`].sort(),
    );
  });
});
