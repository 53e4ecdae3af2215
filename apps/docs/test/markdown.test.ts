// index.md is the whole reference for readers without a browser: every operation, parameter and schema property of
// the spec must be in it, with the facts a typed consumer needs (type, nullability, presence, enums), and each
// response with its own named examples; llms.txt lists every operation. Read for the contract (dist/) and for the
// variant spec with a second operation (variant.ts), built by the same code.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNullable, specPath } from '@target-groups/spec';
import { describe, expect, inject, it } from 'vitest';
import { operationAnchor } from '../scripts/markdown.mjs';
import { readExpectations } from './expectations.js';

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
if (!existsSync(`${distDir}index.md`)) {
  throw new Error(`no ${distDir}index.md: build the docs first (pnpm --filter @target-groups/docs build)`);
}
const variant = inject('variant');
const builds = [
  { name: 'the contract', dir: distDir, expected: await readExpectations(specPath) },
  { name: 'the variant with a second operation', dir: variant.dir, expected: await readExpectations(variant.spec) },
];
type Schema = { [key: string]: any };

describe.each(builds)('index.md and llms.txt of $name', ({ dir, expected }) => {
  const markdown = readFileSync(join(dir, 'index.md'), 'utf8');
  const llms = readFileSync(join(dir, 'llms.txt'), 'utf8');
  const schemas = expected.spec.document.components.schemas as Record<string, Schema>;

  /** The part of index.md under `### name` of the Schemas section. */
  function schemaSection(name: string): string {
    const schemasAt = markdown.indexOf('\n## Schemas\n');
    const start = markdown.indexOf(`\n### ${name}\n`, schemasAt);
    if (schemasAt === -1 || start === -1) throw new Error(`index.md has no section for schema ${name}`);
    const end = markdown.slice(start + 1).search(/\n#{2,3} /);
    return end === -1 ? markdown.slice(start) : markdown.slice(start, start + 1 + end);
  }

  /** The part of index.md from an operation's anchor to the next section of its level. */
  function operationSection(anchor: string): string {
    const heading = `<a id="${anchor}"></a>\n\n## `;
    const start = markdown.indexOf(heading);
    if (start === -1) throw new Error(`index.md has no operation section ${anchor}`);
    const body = start + heading.length;
    const next = markdown.slice(body).search(/\n(<a id="[^"]+"><\/a>\n\n)?## /);
    return markdown.slice(start, next === -1 ? undefined : body + next + 1);
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

  it.each(expected.operations)('documents $operation.id: its parameters, statuses and its own named examples', (o) => {
    const section = operationSection(operationAnchor(o.operation));
    expect(section).toContain(`\n## ${o.operation.method.toUpperCase()} ${o.path}\n`);
    expect(o.parameters.length).toBeGreaterThan(0);
    for (const parameter of o.parameters) {
      expect(section, `parameter ${parameter.name}`).toMatch(
        new RegExp(`^- \`${parameter.name}\` \\(${parameter.in},`, 'm'),
      );
    }
    for (const status of o.statuses) expect(section, `status ${status}`).toContain(`\n#### ${status}\n`);
    expect(o.examples.length).toBeGreaterThan(0);
    for (const example of o.examples) expect(section, example.name).toContain(`Example \`${example.name}\``);
    // An example the operations share (an error envelope) is each one's own; one only another answers with is not.
    const own = new Set(o.examples.map((e) => e.name));
    const others = expected.operations
      .filter((other) => other !== o)
      .flatMap((other) => other.examples)
      .filter((e) => !own.has(e.name));
    expect(others.length).toBeGreaterThan(0);
    for (const example of others)
      expect(section, `${example.name} is not this operation's`).not.toContain(`Example \`${example.name}\``);
  });

  it('lists every operation in llms.txt, linked to its section of index.md', () => {
    const lines = llms.split('\n');
    expect(lines[0]).toBe(`# ${expected.spec.document.info.title}`);
    expect(lines.find((l) => l.startsWith('> '))).toBeDefined();
    expect(llms).toMatch(/^- \[[^\]]+\]\(index\.md\)/m);
    for (const { operation } of expected.operations) {
      const link = `- [${operation.method.toUpperCase()} ${operation.path}](index.md#${operationAnchor(operation)}): `;
      expect(
        lines.filter((l) => l.startsWith(link)),
        operation.id,
      ).toHaveLength(1);
      expect(markdown).toContain(`<a id="${operationAnchor(operation)}"></a>`);
    }
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
          expect(nullableCell, `${name}.${property} nullable`).toBe(isNullable(definition) ? 'yes' : 'no');
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

  it('has the Changes section', () => {
    expect(markdown).toContain('\n## Changes\n');
  });
});

it("says honestly in the contract's index.md that there is no release yet (built without a history)", () => {
  expect(readFileSync(`${distDir}index.md`, 'utf8')).toContain(
    'No releases yet: the first release will be listed here.',
  );
});
