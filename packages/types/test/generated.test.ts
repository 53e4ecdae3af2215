// Walks the committed generated file with the TypeScript compiler API and checks it against every schema
// property of the spec: the lists come from the spec, so a new field is covered without editing this test.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { loadSpec, promotionsSpecPath, specPath } from '@target-groups/spec';
import { startRecordingServer } from '@target-groups/spec/testing';

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

describe('staleness check', () => {
  const script = path.join(packageDir, 'scripts/generate.mjs');
  test('a spec with a remote $ref is refused before openapi-typescript reads it; nothing is fetched', async () => {
    const server = await startRecordingServer();
    const ref = `${server.url}/x.yaml`;
    const dir = mkdtempSync(path.join(tmpdir(), 'types-remote-'));
    try {
      const spec = path.join(dir, 'spec.yaml');
      writeFileSync(
        spec,
        readFileSync(specPath, 'utf8').replace("$ref: '#/components/schemas/Target'", `$ref: '${ref}'`),
      );
      const out = path.join(dir, 'schema.ts');
      const failure = await promisify(execFile)(process.execPath, [script, '--spec', spec, '--out', out]).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(2);
      expect(failure?.stderr).toContain(`$ref "${ref}" at /components/schemas/`);
      expect(failure?.stderr).toContain('a remote reference');
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  /** Runs `check` on a copy of the spec edited by `edit`, in a scratch folder removed afterwards. */
  function withChangedSpec(edit: [RegExp, string], expected: string, check: (spec: string, dir: string) => void) {
    const dir = mkdtempSync(path.join(tmpdir(), 'types-stale-'));
    try {
      const changed = readFileSync(specPath, 'utf8').replace(...edit);
      expect(changed).toContain(expected);
      writeFileSync(path.join(dir, 'spec.yaml'), changed);
      check(path.join(dir, 'spec.yaml'), dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  test('passes for the committed files, of both specs', () => {
    const out = execFileSync(process.execPath, [script, '--check'], { cwd: packageDir, encoding: 'utf8' });
    expect(out).toContain('src/generated/schema.ts is up to date');
    expect(out).toContain('src/generated/enums.ts is up to date');
    expect(out).toContain('src/generated/promotions/schema.ts is up to date');
    expect(out).toContain('src/generated/promotions/enums.ts is up to date');
  });
  test('a change of the promotions spec makes its committed files stale, the contract files untouched', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'types-stale-promotions-'));
    try {
      const changed = readFileSync(promotionsSpecPath, 'utf8').replace(
        /(\n {4}PromotionStatus:\n(?:.*\n)*? {6}enum:\n)/,
        '$1        - ARCHIVED\n',
      );
      expect(changed).toContain('- ARCHIVED');
      writeFileSync(path.join(dir, 'promotions.yaml'), changed);
      const run = spawnSync(
        process.execPath,
        [script, '--check', '--promotions-spec', path.join(dir, 'promotions.yaml')],
        { cwd: packageDir, encoding: 'utf8' },
      );
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/src\/generated\/promotions\/schema\.ts is stale.*Run `pnpm generate`/);
      expect(run.stderr).toMatch(/src\/generated\/promotions\/enums\.ts is stale/);
      expect(run.stdout + run.stderr).not.toContain('src/generated/schema.ts');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  test('a new value of an open enum makes the committed enums.ts stale too', () => {
    withChangedSpec(
      [/(\n {4}TrackingType:\n(?:.*\n)*? {6}enum:\n)/, '$1        - ROLLING\n'],
      '- ROLLING',
      (spec, dir) => {
        const run = spawnSync(process.execPath, [script, '--check', '--spec', spec], {
          cwd: packageDir,
          encoding: 'utf8',
        });
        expect(run.status).toBe(1);
        expect(run.stderr).toMatch(/src\/generated\/enums\.ts is stale.*Run `pnpm generate`/);
        const out = path.join(dir, 'enums.ts');
        execFileSync(process.execPath, [
          script,
          '--spec',
          spec,
          '--out',
          path.join(dir, 'schema.ts'),
          '--enums-out',
          out,
        ]);
        expect(readFileSync(out, 'utf8')).toMatch(/TRACKING_TYPES = Object\.freeze\(\["ROLLING", "DEFAULT",/);
      },
    );
  });
  // The gate is `pnpm lint` (so `pnpm test`) and `pnpm build` (its check-generated task); `build` itself compiles what
  // is committed, so a tool that builds first (`pnpm contract` after `propose --write`) runs on a spec ahead of it.
  test.each(['check-generated', 'lint'])(
    '`%s` fails, naming `pnpm generate`, when the spec changed after generation',
    (name) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'types-stale-'));
      try {
        const changed = readFileSync(specPath, 'utf8').replace(
          /(\n {4}Milestone:\n(?:.*\n)*? {6}properties:\n)/,
          '$1        probeField:\n          type: string\n',
        );
        expect(changed).toContain('probeField');
        writeFileSync(path.join(dir, 'spec.yaml'), changed);
        // The package's own script, its spec swapped: it stops at the check, before anything else runs.
        const scripts = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).scripts;
        const script = scripts[name] as string;
        expect(script).toContain('generate.mjs --check');
        expect(scripts.build).not.toContain('--check');
        const run = spawnSync(
          'sh',
          ['-c', script.replace('--check', `--check --spec ${path.join(dir, 'spec.yaml')}`)],
          {
            cwd: packageDir,
            encoding: 'utf8',
            env: { ...process.env, PATH: `${path.join(packageDir, 'node_modules', '.bin')}:${process.env.PATH}` },
          },
        );
        expect(run.status).toBe(1);
        expect(run.stderr).toMatch(/stale.*Run `pnpm generate`/);
        expect(run.stdout).not.toMatch(/publint|Build success/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
