import { describe, expect, it } from 'vitest';
import { loadSpec, parseSpecText } from '../src/index.ts';

const yamlText = `openapi: 3.1.0
paths:
  /v3/a/{id}:
    get:
      responses:
        '200':
          description: ok
list:
  - first
  - name: second
shared: &shared
  inner: 1
alias: *shared
`;

describe('SourceMap', () => {
  const { source } = parseSpecText(yamlText, 'small.yaml');

  it('gives the line and column of the key of each mapping entry a pointer names', () => {
    expect(source.locate('')).toMatchObject({ line: 1, column: 1, exact: true });
    expect(source.locate('/paths/~1v3~1a~1{id}/get')).toMatchObject({ line: 4, column: 5, exact: true });
    expect(source.locate('/paths/~1v3~1a~1{id}/get/responses/200/description')).toMatchObject({
      line: 7,
      column: 11,
    });
  });

  it('gives the start of a sequence item', () => {
    expect(source.locate('/list/0')).toMatchObject({ line: 9, column: 5 });
    expect(source.locate('/list/1/name')).toMatchObject({ line: 10, column: 5 });
  });

  it('follows an alias to its anchor', () => {
    expect(source.locate('/alias/inner')).toMatchObject({ line: 12, column: 3, exact: true });
  });

  it('gives the deepest existing parent of a pointer the text does not have, and says so', () => {
    expect(source.locate('/paths/~1v3~1a~1{id}/post/responses')).toEqual({
      line: 3,
      column: 3,
      pointer: '/paths/~1v3~1a~1{id}',
      exact: false,
    });
    expect(source.locate('/list/7')).toMatchObject({ pointer: '/list', exact: false });
  });

  it('reads JSON text the same way', () => {
    const json = parseSpecText('{\n  "a": {\n    "b": [1, {"c": true}]\n  }\n}\n', 'x.json');
    expect(json.source.locate('/a/b/1/c')).toMatchObject({ line: 3, column: 15, exact: true });
  });

  it('locates the contract: a component schema at the line its key is written on', async () => {
    const spec = await loadSpec();
    const line = spec.text.split('\n').indexOf('    Target:') + 1;
    expect(line).toBeGreaterThan(0);
    expect(spec.locate('/components/schemas/Target')).toMatchObject({ line, column: 5, exact: true });
  });
});
