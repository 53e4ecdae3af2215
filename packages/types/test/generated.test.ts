// Walks the committed generated file with the TypeScript compiler API and checks it against every schema
// property of the spec: the lists come from the spec, so a new field is covered without editing this test. The
// generator's staleness check is in tooling/staleness.test.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { loadSpec } from '@target-groups/spec';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const generatedPath = path.join(packageDir, 'src/generated/schema.ts');
const { enumExportNames } = (await import(path.join(packageDir, 'scripts/generate.mjs'))) as {
  enumExportNames: (name: string) => { values: string; known: string; guard: string };
};
const exported = (await import('../src/index.js')) as unknown as Record<string, unknown>;

interface Schema {
  type?: string | string[];
  enum?: unknown[];
  'x-extensible-enum'?: boolean;
  deprecated?: boolean;
  required?: string[];
  properties?: Record<string, Schema>;
  anyOf?: Schema[];
  $ref?: string;
}
const schemas = (await loadSpec()).document.components.schemas as Record<string, Schema>;

const source = ts.createSourceFile(generatedPath, readFileSync(generatedPath, 'utf8'), ts.ScriptTarget.Latest, true);

/** components.schemas.NAME as a TypeNode of the generated file. */
function schemaNode(name: string): ts.TypeNode {
  let found: ts.TypeNode | undefined;
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== 'components') return;
    const schemasMember = node.members.find(
      (m): m is ts.PropertySignature => ts.isPropertySignature(m) && m.name.getText(source) === 'schemas',
    );
    const literal = schemasMember?.type;
    if (!literal || !ts.isTypeLiteralNode(literal)) return;
    const member = literal.members.find(
      (m): m is ts.PropertySignature => ts.isPropertySignature(m) && unquote(m.name.getText(source)) === name,
    );
    found = member?.type;
  });
  if (!found) throw new Error(`generated file has no components.schemas.${name}`);
  return found;
}

function unquote(text: string): string {
  return text.replace(/^["']|["']$/g, '');
}

function propertySignatures(node: ts.TypeNode): Map<string, ts.PropertySignature> {
  if (!ts.isTypeLiteralNode(node)) throw new Error(`expected an object type, got ${node.getText(source)}`);
  const map = new Map<string, ts.PropertySignature>();
  for (const m of node.members) if (ts.isPropertySignature(m)) map.set(unquote(m.name.getText(source)), m);
  return map;
}

function jsDocTags(node: ts.Node): string[] {
  return ts.getJSDocTags(node).map((tag) => tag.tagName.text);
}

function isNullable(schema: Schema): boolean {
  if (schema.type === 'null') return true;
  if (Array.isArray(schema.type) && schema.type.includes('null')) return true;
  return schema.anyOf?.some((s) => s.type === 'null') ?? false;
}

function unionMembers(node: ts.TypeNode): string[] {
  const inner = ts.isParenthesizedTypeNode(node) ? node.type : node;
  return ts.isUnionTypeNode(inner) ? inner.types.map((t) => t.getText(source)) : [inner.getText(source)];
}

const objectSchemas = Object.entries(schemas).filter(([, s]) => s.properties);
const properties = objectSchemas.flatMap(([name, s]) =>
  Object.entries(s.properties ?? {}).map(([prop, propSchema]) => ({
    name,
    prop,
    propSchema,
    required: s.required ?? [],
  })),
);

describe('generated file follows the spec, property by property', () => {
  test('the spec has object schemas and deprecated properties to check', () => {
    expect(objectSchemas.length).toBeGreaterThanOrEqual(10);
    expect(properties.filter((p) => p.propSchema.deprecated).length).toBeGreaterThan(0);
  });

  test.each(properties.map((p) => [`${p.name}.${p.prop}`, p] as const))('%s', (_label, p) => {
    const signature = propertySignatures(schemaNode(p.name)).get(p.prop);
    expect(signature, `${p.name}.${p.prop} missing from the generated type`).toBeDefined();
    if (!signature?.type) return;
    // optional exactly when the spec does not require it
    expect(Boolean(signature.questionToken), 'optional marker').toBe(!p.required.includes(p.prop));
    // `| null` exactly when the spec allows null
    expect(unionMembers(signature.type).includes('null'), 'null in the union').toBe(isNullable(p.propSchema));
    // `@deprecated` exactly on the deprecated properties
    expect(jsDocTags(signature).includes('deprecated'), '@deprecated in the JSDoc').toBe(
      p.propSchema.deprecated === true,
    );
  });
});

describe('open enums', () => {
  const enums = Object.entries(schemas).filter(([, s]) => Array.isArray(s.enum));
  test('every vendor enum in the spec is open', () => {
    expect(enums.length).toBeGreaterThanOrEqual(6);
    for (const [name, s] of enums) expect(s['x-extensible-enum'], name).toBe(true);
  });
  test.each(enums.map(([name, s]) => [name, s] as const))('%s is the known values | (string & {})', (name, s) => {
    const members = unionMembers(schemaNode(name));
    expect(members).toEqual([...(s.enum ?? []).map((v) => JSON.stringify(v)), '(string & {})']);
  });
});

describe('open enums at run time: the known values and a guard per enum, generated from the spec', () => {
  const open = Object.entries(schemas).filter(([, s]) => s['x-extensible-enum'] === true && Array.isArray(s.enum));
  test('the names the README promises', () => {
    expect(enumExportNames('TargetType')).toEqual({
      values: 'TARGET_TYPES',
      known: 'KnownTargetType',
      guard: 'isKnownTargetType',
    });
    expect(enumExportNames('TargetEntity').values).toBe('TARGET_ENTITIES');
    expect(enumExportNames('StreakStatus').values).toBe('STREAK_STATUSES');
    expect(open.length).toBeGreaterThanOrEqual(6);
  });
  test.each(open.map(([name, s]) => [name, s] as const))('%s', (name, s) => {
    const { values, guard } = enumExportNames(name);
    expect(exported[values]).toEqual(s.enum);
    expect(Object.isFrozen(exported[values])).toBe(true);
    const isKnown = exported[guard] as (value: unknown) => boolean;
    for (const value of s.enum ?? []) expect(isKnown(value), String(value)).toBe(true);
    for (const other of ['ROLLING_WINDOW_V9', '', null, undefined, 42, {}, String(s.enum?.[0]).toLowerCase()])
      expect(isKnown(other), JSON.stringify(other)).toBe(false);
  });
});
