// dist/index.md is the whole reference for readers without a browser: every parameter and every schema property
// of the spec must be in it, with the facts a typed consumer needs (type, nullability, presence, enums).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readExpectations } from './expectations.js';

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
if (!existsSync(`${distDir}index.md`)) {
  throw new Error(`no ${distDir}index.md: build the docs first (pnpm --filter @target-groups/docs build)`);
}
const markdown = readFileSync(`${distDir}index.md`, 'utf8');
const llms = readFileSync(`${distDir}llms.txt`, 'utf8');
const expected = await readExpectations();
type Schema = { [key: string]: any };
const schemas = (expected.spec.document.components.schemas ?? {}) as Record<string, Schema>;

/** The part of index.md under `### name` of the Schemas section. */
function schemaSection(name: string): string {
  const schemasAt = markdown.indexOf('\n## Schemas\n');
  const start = markdown.indexOf(`\n### ${name}\n`, schemasAt);
  if (schemasAt === -1 || start === -1) throw new Error(`index.md has no section for schema ${name}`);
  const end = markdown.slice(start + 1).search(/\n#{2,3} /);
  return end === -1 ? markdown.slice(start) : markdown.slice(start, start + 1 + end);
}

/** Rows of a property table, by property path (`a`, `a.b`, `a[].b`). */
function rows(section: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const m = /^\| `([^`]+)` \|(.*)\|$/.exec(line);
    if (m)
      found.set(
        m[1]!,
        m[2]!.split(' | ').map((c) => c.trim()),
      );
  }
  return found;
}

// JSON Schema 2020-12: `null` is allowed by a type list that names it, or by a oneOf/anyOf branch of type null.
const nullable = (schema: Schema): boolean =>
  schema.type === 'null' ||
  (Array.isArray(schema.type) && schema.type.includes('null')) ||
  [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].some((branch: Schema) => branch.type === 'null');

describe('index.md', () => {
  it('documents the operation and every parameter with where it goes and whether it is required', () => {
    expect(markdown).toContain(`## GET ${expected.path}`);
    expect(expected.parameters.length).toBeGreaterThan(0);
    for (const parameter of expected.parameters) {
      const line = markdown.split('\n').find((l) => l.startsWith(`- \`${parameter.name}\` (${parameter.in},`));
      expect(line, `parameter ${parameter.name}`).toBeDefined();
    }
  });

  it('documents every response status and every named example', () => {
    for (const status of expected.statuses) expect(markdown, `status ${status}`).toContain(`\n#### ${status}\n`);
    for (const example of expected.examples)
      expect(markdown, `example ${example.name}`).toContain(`Example \`${example.name}\``);
  });

  it('lists every property of every schema with its presence and nullability', () => {
    let checked = 0;
    for (const [name, schema] of Object.entries(schemas)) {
      if (!schema.properties) continue;
      const table = rows(schemaSection(name));
      const required = new Set<string>(schema.required ?? []);
      for (const [property, definition] of Object.entries(schema.properties as Record<string, Schema>)) {
        const row = table.get(property);
        expect(row, `${name}.${property}`).toBeDefined();
        const [, nullableCell, presenceCell] = row!;
        expect(presenceCell, `${name}.${property} presence`).toBe(required.has(property) ? 'required' : 'optional');
        if (!definition.$ref)
          expect(nullableCell, `${name}.${property} nullable`).toBe(nullable(definition) ? 'yes' : 'no');
        checked++;
        // Inline objects and arrays of inline objects are listed under their parent's path.
        const inline = definition.properties
          ? { prefix: `${property}.`, node: definition }
          : definition.items?.properties
            ? { prefix: `${property}[].`, node: definition.items }
            : undefined;
        for (const child of Object.keys(inline?.node.properties ?? {})) {
          expect(table.has(`${inline!.prefix}${child}`), `${name}.${inline!.prefix}${child}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('says which enums are open and lists their values', () => {
    const enums = Object.entries(schemas).filter(([, s]) => Array.isArray(s.enum));
    expect(enums.length).toBeGreaterThan(0);
    for (const [name, schema] of enums) {
      const section = schemaSection(name);
      expect(section, name).toContain(
        schema['x-extensible-enum'] === true ? 'Open enum (`x-extensible-enum`)' : 'Closed enum',
      );
      for (const value of schema.enum.filter((v: unknown) => v !== null))
        expect(section, `${name} ${value}`).toContain(`\`${value}\``);
    }
  });

  it('has the Changes section, saying honestly when there is no release yet', () => {
    expect(markdown).toContain('\n## Changes\n');
    expect(markdown).toContain('No releases yet: the first release will be listed here.');
  });
});

describe('llms.txt', () => {
  it('follows the llms.txt layout and points at index.md', () => {
    const lines = llms.split('\n');
    expect(lines[0]).toBe(`# ${expected.spec.document.info.title}`);
    expect(lines.find((l) => l.startsWith('> '))).toBeDefined();
    expect(llms).toMatch(/^- \[[^\]]+\]\(index\.md\)/m);
  });
});
