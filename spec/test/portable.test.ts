// The portable entry runs where there is no file system (a browser): nothing it imports, directly or through the
// modules it imports, is a Node built-in, the YAML parser or the bundler.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { loadSpec } from '../src/index.ts';
import { operationsOf } from '../src/portable.ts';

const srcDir = fileURLToPath(new URL('../src/', import.meta.url));

function importsFrom(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const text = readFileSync(path.join(srcDir, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)[^'"]*from '([^']+)';$/gm)].flatMap(([, specifier]) =>
    specifier!.startsWith('./')
      ? [specifier!, ...importsFrom(specifier!.slice(2).replace(/\.js$/, '.ts'), seen)]
      : [specifier!],
  );
}

it('imports only its own pure modules', () => {
  const imported = importsFrom('portable.ts');
  expect(imported.length).toBeGreaterThan(5);
  expect(imported.filter((specifier) => !specifier.startsWith('./'))).toEqual([]);
});

it('answers the operations of a document pair without the reader, with lines 0', async () => {
  const { document, dereferenced, operations } = await loadSpec();
  const portable = operationsOf(document, dereferenced);
  expect(portable.map((o) => [o.id, o.path, o.line])).toEqual(operations.map((o) => [o.id, o.path, 0]));
  expect(portable[0]!.responseFor(200)!.schema).toStrictEqual(operations[0]!.responseFor(200)!.schema);
});

it("raises the reader's error, which every bundled copy of the class recognises", async () => {
  const { SpecReadError: Portable } = await import('../src/portable.ts');
  const { SpecReadError } = await import('../src/index.ts');
  const error = new Portable('unsupported', 'old.yaml', "'nullable' is OpenAPI 3.0");
  expect(error.message).toBe("old.yaml: 'nullable' is OpenAPI 3.0");
  // A copy of the class (as a bundle holds one) knows the other's errors, and not an Error of another kind.
  class Copy extends Error {}
  Object.defineProperty(Copy, Symbol.hasInstance, { value: SpecReadError[Symbol.hasInstance] });
  expect(error instanceof Copy && error instanceof SpecReadError).toBe(true);
  expect(new Error('x') instanceof Copy).toBe(false);
});
