// A property named after a member of Object.prototype (`constructor`, `valueOf`, `__proto__`, ...) is a property like
// any other, in check (bodies that add, drop or change one) and in diff (specs that add, remove or change one).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadSpec } from '@target-groups/spec';
import { createValidator } from '@target-groups/validator';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { checkBody } from '../src/check/checkBody.js';
import { DriftReport } from '../src/check/report/aggregate.js';
import { ViolationLocator } from '../src/check/report/locations.js';
import { renderText } from '../src/check/report/text.js';
import { CoverageCollector } from '../src/commands/check/coverage.js';
import { check } from '../src/commands/check/index.js';
import { classify } from '../src/commands/diff/classify.js';
import { run as diff } from '../src/commands/diff/index.js';
import { SchemaIndex } from '../src/spec/schemaIndex.js';
import { contractText, runCommand, tempDir } from './diffSupport.js';
import { fixture } from './helpers.js';
import { PROTOTYPE_NAMES } from './specMutations.js';

type Json = Record<string, any>;

/** The members TypeScript's `Object` declares: a new property of that name is checked against the inherited method. */
const DECLARED_BY_OBJECT = [
  'constructor',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
];

const define = (o: Json, key: string, value: unknown) =>
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });

/** The contract with `Milestone.<name>` declared (a required string when `required`, else optional). */
function contractWith(name: string, schema: Json = { type: 'string', description: 'x' }, required = false): Json {
  const document = parse(contractText()) as Json;
  const milestone = document.components.schemas.Milestone;
  define(milestone.properties, name, schema);
  if (required) milestone.required.push(name);
  return document;
}

/** Every `$ref` replaced by what it names (the contract's refs are all to component schemas, none cyclic). */
function dereference(document: Json): Json {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    const ref = (value as Json).$ref;
    if (typeof ref === 'string') return walk(document.components.schemas[ref.split('/').pop()!]);
    const out: Json = {};
    for (const [key, inner] of Object.entries(value)) define(out, key, walk(inner));
    return out;
  };
  return walk(document) as Json;
}

const spec = (document: Json) => ({ document, dereferenced: dereference(document) }) as never;
const at = (name: string) => `/components/schemas/Milestone/properties/${name}`;

describe('diff: a prototype-named property is added, removed and changed like any other', () => {
  const plain = parse(contractText()) as Json;
  test.each(PROTOTYPE_NAMES)('%s', (name) => {
    const declared = contractWith(name);
    const retyped = contractWith(name, { type: 'integer', description: 'x' });
    const removed = classify(spec(declared), spec(plain)).filter((c) => c.change !== 'documentation');
    expect(removed).toEqual([
      expect.objectContaining({ pointer: at(name), change: 'property-removed', impact: 'breaking' }),
    ]);
    const changed = classify(spec(declared), spec(retyped)).filter((c) => c.change !== 'documentation');
    expect(changed).toEqual([
      expect.objectContaining({ pointer: at(name), change: 'type-changed', impact: 'breaking' }),
    ]);
    // Every object already has the methods TypeScript's Object declares; a property of that name and another type
    // makes the old values unassignable (the differential test holds this to the compiler).
    const added = classify(spec(plain), spec(declared)).filter((c) => c.change !== 'documentation');
    expect(added).toEqual([
      expect.objectContaining({
        pointer: at(name),
        change: 'property-added',
        impact: DECLARED_BY_OBJECT.includes(name) ? 'breaking' : 'compatible',
      }),
    ]);
  });

  test('from the command: never "0 changes" for a removed one; a spec the reader refuses is exit 2', async () => {
    const dir = tempDir();
    const plainFile = path.join(dir, 'plain.yaml');
    writeFileSync(plainFile, contractText());
    for (const name of PROTOTYPE_NAMES) {
      const file = path.join(dir, `with-${name}.yaml`);
      writeFileSync(file, JSON.stringify(contractWith(name)));
      const ran = await runCommand(diff, ['--format', 'json', file, plainFile]);
      const readable = await loadSpec(file).then(
        () => true,
        () => false,
      );
      if (readable) {
        expect(ran.code, name).toBe(1);
        expect(JSON.parse(ran.stdout).changes, name).toContainEqual(
          expect.objectContaining({ pointer: at(name), change: 'property-removed', impact: 'breaking' }),
        );
      } else {
        // Redocly's resolver (under the spec reader) cannot read such a spec: refused, never passed as unchanged.
        expect(ran, name).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/cannot read spec/) });
      }
    }
  });
});

/** A seed body with milestones, and the pointer of each milestone. */
function bodyWithMilestones(): { body: Json; pointers: string[] } {
  const body = fixture('387035386') as Json;
  const pointers: string[] = [];
  for (const [g, group] of (body.data.targetGroups as Json[]).entries())
    for (const [t, target] of (group.targets as Json[]).entries())
      for (const m of (Array.isArray(target.milestones) ? target.milestones : []).keys())
        pointers.push(`/data/targetGroups/${g}/targets/${t}/milestones/${m}`);
  expect(pointers.length).toBeGreaterThan(0);
  return { body, pointers };
}

function node(body: Json, pointer: string): Json {
  return pointer
    .split('/')
    .slice(1)
    .reduce((n: Json, key) => n[key], body);
}

describe('check: a prototype-named property in a body is added, missing or of another type like any other', () => {
  test.each(PROTOTYPE_NAMES)('%s', async (name) => {
    const document = contractWith(name, { type: 'string', description: 'x' }, true);
    const loaded = await loadSpec({ text: JSON.stringify(document), name: 'targetGroups.json' });
    const validator = createValidator(loaded);
    const operationId = loaded.operations[0]!.id;
    const { body, pointers } = bodyWithMilestones();
    const where = pointers.map((p) => `${p}/${name}`);
    const withValue = (value: unknown) => {
      const copy = structuredClone(body);
      for (const p of pointers) define(node(copy, p), name, value);
      return JSON.stringify(copy);
    };
    const results = {
      present: checkBody(validator, { kind: 'body', name: 'present', status: 200, operationId, text: withValue('a') }),
      missing: checkBody(validator, {
        kind: 'body',
        name: 'missing',
        status: 200,
        operationId,
        text: JSON.stringify(body),
      }),
      changed: checkBody(validator, { kind: 'body', name: 'changed', status: 200, operationId, text: withValue(7) }),
    };
    expect(results.present.violations).toEqual([]);
    const declared = { schemaPointer: at(name) };
    expect(results.missing.violations).toEqual(
      where.map((pointer) => ({
        pointer,
        severity: 'error',
        kind: 'required',
        ...declared,
        message: `required property '${name}' is missing`,
      })),
    );
    expect(results.changed.violations).toEqual(
      where.map((pointer) => ({
        pointer,
        severity: 'error',
        kind: 'type',
        ...declared,
        message: 'expected string, got integer 7',
      })),
    );
    // The report groups and locates them at the component that declares the name.
    const report = new DriftReport();
    for (const result of Object.values(results)) report.add(result);
    const locator = new ViolationLocator(loaded, 'spec/targetGroups.yaml');
    expect(locator.locate(results.changed.violations[0]!)).toMatchObject({
      component: 'Milestone',
      pointer: at(name),
    });
    const text = renderText(report, 'heading', 1, (p) => locator.describe(p));
    expect(text).toContain(`/data/targetGroups/*/targets/*/milestones/*/${name}`);
    // Coverage counts the property present in one body and absent in another, never present by inheritance.
    const coverage = new CoverageCollector({ ...loaded, examples: [] });
    for (const result of Object.values(results)) coverage.add(result.value, 200);
    const facts = coverage.report().facts.filter((f) => f.pointer === at(name));
    expect(Object.fromEntries(facts.map((f) => [f.kind, f.count]))).toEqual({ present: 2 });
  });

  test('bodies with them against the built-in contract: an undocumented-property warning each, in every report', async () => {
    const { body, pointers } = bodyWithMilestones();
    const pointer = pointers[0]!;
    const dir = tempDir();
    const lines = PROTOTYPE_NAMES.map((name) => {
      const copy = structuredClone(body);
      define(node(copy, pointer), name, { nested: 1 });
      define(copy.data, name, null);
      return JSON.stringify(copy);
    });
    const file = path.join(dir, 'bodies.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const json = await runCommand(check.run, ['--format', 'json', file]);
    expect(json.stderr).toBe('');
    const files = JSON.parse(json.stdout).files as { violations: { pointer: string; message: string }[] }[];
    for (const [i, name] of PROTOTYPE_NAMES.entries()) {
      expect(files[i]!.violations.map((v) => v.pointer).sort()).toEqual([`/data/${name}`, `${pointer}/${name}`].sort());
      for (const v of files[i]!.violations)
        expect(v.message).toBe(`undocumented property '${name}' (not declared in the contract)`);
    }
    const text = await runCommand(check.run, [file]);
    expect(text.code).toBe(0);
    for (const name of PROTOTYPE_NAMES) {
      const block = text.stdout.split('\n  warning').find((b) => b.includes(`milestones/*/${name}\n`));
      expect(block, name).toMatch(/edit Milestone at spec\/targetGroups\.yaml:\d+/);
    }
    // Undeclared: the place to edit is the object that would declare it, never a schema found by inheritance.
    const index = new SchemaIndex(await loadSpec());
    for (const name of PROTOTYPE_NAMES)
      expect(index.resolve('getUserTargetGroups', 200, `${pointer}/${name}`), name).toEqual({
        schema: undefined,
        component: 'Milestone',
        specPointer: '/components/schemas/Milestone',
        declaredBodyPointer: pointer,
      });
    const coverage = await runCommand(check.run, ['--coverage', '--format', 'json', file]);
    expect(coverage.code).toBe(0);
    expect(JSON.parse(coverage.stdout).coverage.bodies).toBe(PROTOTYPE_NAMES.length);
  });
});
