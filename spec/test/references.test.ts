// No reference of a spec is fetched or read from outside its directory: every refusal names the ref and its place,
// and a 127.0.0.1 server that records requests proves nothing was fetched.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, readSpecFiles, refsIn, refTarget, SpecReadError } from '../src/index.ts';
import { type RecordingServer, startRecordingServer } from '../src/testing.ts';
import { readFailure } from './support/readFailure.ts';
import { contractText, promotionsText } from './support/specs.ts';

let server: RecordingServer;
const dir = mkdtempSync(path.join(tmpdir(), 'spec-refs-'));
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
};

/** The contract with one schema example replaced by `value` (written as flow YAML on the example's line). */
const contractWithExample = (value: string) => {
  const text = contractText().replace('          example: Invalid userId\n', `          example: ${value}\n`);
  expect(text).not.toBe(contractText());
  return text;
};
const exampleLine = contractText().split('\n').indexOf('          example: Invalid userId') + 1;

describe('remote references', () => {
  it.each([
    ['an http URL inside an example value', () => `[{"$ref": "${server.url}/x.yaml"}]`, '/0'],
    ['an https URL', () => `{"$ref": "https://127.0.0.1:1/x.yaml"}`, ''],
    ['a network path', () => `{"$ref": "//127.0.0.1:${new URL(server.url).port}/x.yaml"}`, ''],
    ['another scheme', () => `{"$ref": "ftp://127.0.0.1/x.yaml"}`, ''],
  ])('%s is refused, naming the ref, its pointer and its line; nothing is fetched', async (_, value, under) => {
    const error = await readFailure({ text: contractWithExample(value()), name: 'planted.yaml' });
    expect(error.kind).toBe('remote-ref');
    expect(error.ref).toBe(JSON.parse(value().replace(/^\[|\]$/g, '')).$ref);
    expect(error.place).toMatchObject({
      line: exampleLine,
      pointer: `/components/schemas/ErrorItem/properties/message/example${under}`,
    });
    expect(error.message).toMatch(/^planted\.yaml:\d+:\d+: \$ref ".*" at \/components\/.*: a remote reference/);
    expect(server.requests).toEqual([]);
  });

  it('is refused in a schema too, from a file', async () => {
    const file = write(
      'schema-ref/api.yaml',
      contractText().replace(
        "$ref: '#/components/schemas/TargetGroupsResponse'",
        `$ref: '${server.url}/schemas.yaml#/TargetGroupsResponse'`,
      ),
    );
    const error = await readFailure(file);
    expect(error.kind).toBe('remote-ref');
    expect(error.file).toBe(file);
    expect(server.requests).toEqual([]);
  });
});

describe('references to files', () => {
  const spec = (ref: string) =>
    promotionsText.replace("schema: { $ref: '#/components/schemas/Problem' }", `schema: { $ref: '${ref}' }`);

  it('follows a file inside the spec’s directory and bundles what it holds into the document', async () => {
    write('tree/schemas/problem.yaml', 'Problem:\n  type: object\n  properties: { detail: { type: string } }\n');
    const loaded = await loadSpec(write('tree/api.yaml', spec('./schemas/problem.yaml#/Problem')));
    const problem = loaded.operation('listPromotions')!.responseFor(400)!;
    expect(problem.schema).toEqual({ type: 'object', properties: { detail: { type: 'string' } } });
  });

  it.each([
    ['a parent directory', () => '../outside.yaml#/Problem'],
    ['an absolute path', () => `${path.join(dir, 'outside.yaml')}#/Problem`],
    ['a file: URL', () => `file://${path.join(dir, 'outside.yaml')}#/Problem`],
    ['a symbolic link out of the tree', () => './link.yaml#/Problem'],
  ])('refuses %s', async (_, ref) => {
    write('outside.yaml', 'Problem: { type: string }\n');
    rmSync(path.join(dir, 'tree2'), { recursive: true, force: true });
    const file = write('tree2/api.yaml', spec(ref()));
    symlinkSync(path.join(dir, 'outside.yaml'), path.join(dir, 'tree2', 'link.yaml'));
    const error = await readFailure(file);
    expect(error.kind).toBe('out-of-tree-ref');
    expect(error.message).toContain(`$ref ${JSON.stringify(ref())}`);
    expect(error.message).toContain("outside the spec's directory");
  });

  it('refuses a remote reference in a file the spec references, naming that file', async () => {
    const nested = write('tree3/schemas.yaml', `Problem:\n  example: { $ref: '${server.url}/x.yaml' }\n`);
    const error = await readFailure(write('tree3/api.yaml', spec('./schemas.yaml#/Problem')));
    expect(error).toMatchObject({ kind: 'remote-ref', file: nested, place: { line: 2, pointer: '/Problem/example' } });
    expect(server.requests).toEqual([]);
  });

  it('refuses any file from a spec read as text, unless the text comes with its directory', async () => {
    const text = spec('./schemas/problem.yaml#/Problem');
    const error = await readFailure({ text, name: 'git:v1:spec/api.yaml' });
    expect(error.kind).toBe('out-of-tree-ref');
    expect(error.message).toContain('from a spec read as text');
    const withDir = await loadSpec({ text, name: 'edited api.yaml', dir: path.join(dir, 'tree') });
    expect(withDir.operation('listPromotions')!.responseFor(400)!.schema).toHaveProperty('properties.detail');
  });
});

describe('refTarget', () => {
  it.each([
    ['#/components/schemas/A', { kind: 'local' }],
    ['', { kind: 'local' }],
    ['#', { kind: 'local' }],
    ['schemas/a.yaml#/A', { kind: 'file', file: '/specs/schemas/a.yaml' }],
    ['../a%20b.yaml', { kind: 'file', file: '/a b.yaml' }],
    ['file:///etc/passwd', { kind: 'file', file: '/etc/passwd' }],
    ['HTTPS://example.test/a.yaml', { kind: 'remote' }],
    ['//example.test/a.yaml', { kind: 'remote' }],
    ['urn:example:a', { kind: 'remote' }],
  ])('reads %j as %j', (ref, target) => {
    expect(refTarget(ref, '/specs')).toEqual(target);
  });
});

describe('refsIn', () => {
  it('finds every string $ref once, shared nodes included, in document order', () => {
    const shared = { $ref: '#/a' };
    const value = { x: shared, y: [shared, { $ref: 'b.yaml' }], z: { $ref: { not: 'a string' } } };
    expect(refsIn(value)).toEqual([
      { ref: '#/a', pointer: '/x' },
      { ref: 'b.yaml', pointer: '/y/1' },
    ]);
  });

  it('is what the guard reads a spec file with, before any bundler', () => {
    const file = write('guard/api.yaml', contractWithExample(`{"$ref": "${server.url}/g.yaml"}`));
    expect(() => readSpecFiles(file)).toThrow(SpecReadError);
    expect(server.requests).toEqual([]);
  });
});
