// loadSpec: what every other package builds on.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  connectedFixturesDir,
  loadSpec,
  resolveLocalRef,
  SpecReadError,
  seedFixtures,
  specPath,
} from '../src/index.ts';
import { readFailure } from './support/readFailure.ts';
import { contractText, promotionsText } from './support/specs.ts';

const spec = await loadSpec();

describe('loadSpec', () => {
  it('bundles the contract with its internal references kept, and dereferences a second copy', () => {
    expect(spec.path).toBe(specPath);
    expect(spec.text).toBe(contractText());
    const get = spec.document.paths['/v3/users/{userId}/targetGroups']!.get as any;
    expect(get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/TargetGroupsResponse',
    });
    const resolved = spec.dereferenced.paths['/v3/users/{userId}/targetGroups']!.get as any;
    expect(resolved.responses['200'].content['application/json'].schema.properties).toHaveProperty('data');
    expect(JSON.stringify(resolved.responses)).not.toContain('"$ref"');
  });

  it('reads a spec from its text and a name, to the same answers as from its file', async () => {
    const fromText = await loadSpec({ text: contractText(), name: 'git:v1:spec/targetGroups.yaml' });
    expect(fromText.path).toBe('git:v1:spec/targetGroups.yaml');
    expect(fromText.document).toStrictEqual(spec.document);
    expect(fromText.dereferenced).toStrictEqual(spec.dereferenced);
    expect(fromText.operations.map((o) => [o.id, o.line])).toEqual(spec.operations.map((o) => [o.id, o.line]));
  });

  it('lists every named example with its status, schema and value, in the order the spec declares them', () => {
    const components = spec.document.components.examples!;
    expect([...new Set(spec.examples.map((e) => e.name))].sort()).toEqual(Object.keys(components).sort());
    for (const example of spec.examples) {
      expect(example.value).toStrictEqual(components[example.name]!.value);
      expect(example.schemaName).toBe(example.status === '200' ? 'TargetGroupsResponse' : 'ErrorResponse');
    }
    // An example both operations answer with (an error envelope) is listed once per operation.
    expect(spec.examples.filter((e) => e.name === 'invalidUserId').map((e) => e.operationId)).toEqual([
      'getUserTargetGroups',
      'getConnectedOrgUserTargetGroups',
    ]);
    expect(spec.examples.find((e) => e.name === 'connectedOrgsSelfScope')?.operationId).toBe(
      'getConnectedOrgUserTargetGroups',
    );
    expect(spec.examples.find((e) => e.name === 'resourceNotFound')?.status).toBe('404');
  });

  it('maps each seed and connected-orgs fixture to the example that quotes it', () => {
    const fixtures = [...seedFixtures(), ...seedFixtures(connectedFixturesDir)];
    expect(fixtures.map((f) => f.specRelativePath).sort()).toEqual(
      spec.examples
        .map((e) => e.fixture)
        .filter(Boolean)
        .sort(),
    );
    for (const fixture of fixtures) {
      const example = spec.examples.find((e) => e.fixture === fixture.specRelativePath)!;
      expect(example.value).toStrictEqual(fixture.value);
    }
  });

  it('gives the component schemas by name, and names the component a dereferenced node is a copy of', () => {
    expect(Object.keys(spec.schemas)).toEqual(Object.keys(spec.document.components.schemas));
    const response = spec.operation('getUserTargetGroups')!.responseFor(200)!;
    expect(spec.componentOf(response.schema!)).toBe('TargetGroupsResponse');
    const data = (response.schema!.properties as any).data.anyOf[0];
    expect(spec.componentOf(data)).toBe('UserTargetGroups');
    expect(spec.componentOf((response.schema!.properties as any).data)).toBeUndefined();
  });

  it('reads any spec, not only the contract: one without the contract’s components or operation ids', async () => {
    const promotions = await loadSpec({ text: promotionsText, name: 'promotions.yaml' });
    expect(promotions.operations.map((o) => o.id)).toEqual([
      'listPromotions',
      'GET /promotions/{promotionId}',
      'searchPromotions',
      'listRules',
    ]);
    expect(promotions.examples.map((e) => [e.operationId, e.name, e.status])).toEqual([
      ['listPromotions', 'firstPage', '200'],
    ]);
  });
});

describe('resolveLocalRef', () => {
  it('finds the component a local reference names, and nothing for any other reference', () => {
    const target = resolveLocalRef(spec.document, '#/components/schemas/TargetGroupsResponse');
    expect(target).toBe(spec.document.components.schemas.TargetGroupsResponse);
    expect(resolveLocalRef(spec.document, '#/components/headers/XCapRequestId')).toHaveProperty('schema');
    expect(resolveLocalRef(spec.document, '#/components/schemas/NoSuchSchema')).toBeUndefined();
    expect(resolveLocalRef(spec.document, '#/components/schemas/constructor')).toBeUndefined();
    expect(resolveLocalRef(spec.document, 'other.yaml#/components/schemas/Target')).toBeUndefined();
  });
});

describe('loadSpec on bad input', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'spec-reader-'));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it.each([
    ['a missing file', path.join(dir, 'absent.yaml'), 'not-found', /no such file/],
    ['a directory', dir, 'not-a-file', /not a file/],
    ['malformed YAML', write('bad.yaml', 'openapi: 3.1.0\npaths: {\n  - ['), 'not-yaml', /:\d+:\d+: not valid YAML/],
    ['YAML that is not OpenAPI', write('list.yaml', '- 1\n- 2\n'), 'not-openapi', /not an OpenAPI document/],
    ['OpenAPI without schemas', write('bare.yaml', 'openapi: 3.1.0\npaths: {}\n'), 'not-openapi', /components/],
    [
      'a reference to nothing',
      write(
        'dangling.yaml',
        readFileSync(specPath, 'utf8').replace(
          "$ref: '#/components/schemas/TargetGroupsResponse'",
          "$ref: '#/components/schemas/NoSuchSchema'",
        ),
      ),
      'unresolved-ref',
      /:\d+:\d+: .*NoSuchSchema/,
    ],
  ])('%s is a SpecReadError of its own kind naming the file', async (_, file, kind, message) => {
    const error = await readFailure(file);
    expect(error).toBeInstanceOf(SpecReadError);
    expect(error.kind).toBe(kind);
    expect(error.message).toContain(path.basename(file));
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n    at ');
  });

  it('names the place of malformed YAML given as text by the name given', async () => {
    const error = await readFailure({
      text: 'openapi: 3.1.0\ninfo:\n  title: [unclosed\n',
      name: 'git:HEAD:spec/x.yaml',
    });
    expect(error.kind).toBe('not-yaml');
    expect(error.message).toMatch(/^git:HEAD:spec\/x\.yaml:\d+:\d+: not valid YAML: /);
    expect(error.place?.line).toBeGreaterThanOrEqual(3);
  });
});
