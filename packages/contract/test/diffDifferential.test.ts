// `diff` against the TypeScript compiler: random changes to the contract's component schemas (seeded), each
// classified by `diff` and judged by the compiler on the two files openapi-typescript generates for the base and the
// head (as packages/types generates them). Where the two disagree, a rule of diff is wrong.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spec } from './helpers.js';
import { describe, expect, test } from 'vitest';
import { type Change, classify, isBreaking } from '../src/commands/diff/classify.js';
import { repositoryRoot } from '../src/spec/specInput.js';
import { type Case, MUTATION_KINDS, Mutator, PROTOTYPE_NAMES } from './specMutations.js';
import { type Breaks, TypeOracle } from './typeOracle.js';

type Json = Record<string, unknown>;

const SEED = Number(process.env.TARGET_GROUPS_DIFF_SEED ?? 20_240_611);
const CASES = Number(process.env.TARGET_GROUPS_DIFF_CASES ?? 420);

const generator = path.join(repositoryRoot(import.meta.dirname)!, 'packages', 'types', 'scripts', 'generate.mjs');
const { generate } = (await import(pathToFileURL(generator).href)) as {
  generate(input: string | Json): Promise<string>;
};

const schemasOf = (document: Json) => (document.components as Json).schemas as Json;

/** A spec whose one schema has a property named `name`. */
function tinySpec(name: string): Json {
  const properties: Json = {};
  Object.defineProperty(properties, name, {
    value: { type: 'string' },
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {},
    components: { schemas: { S: { type: 'object', properties } } },
  };
}

interface Judged {
  kind: Case['kind'];
  note: string;
  changes: Change[];
  typescript: Breaks;
}

describe('diff agrees with the TypeScript compiler on every generated change', () => {
  test(`${CASES} random changes (seed ${SEED})`, { timeout: 120_000 }, async () => {
    // openapi-typescript reads a spec through Redocly's resolver, which fails on a property named after most members
    // of Object.prototype (it looks the name up in a plain object): no types exist for those, so no types can change.
    const generated = await Promise.all(
      PROTOTYPE_NAMES.map((name) =>
        generate(tinySpec(name)).then(
          () => name,
          () => undefined,
        ),
      ),
    );
    const prototypeNames = generated.filter((name) => name !== undefined);
    expect(prototypeNames).toEqual(expect.arrayContaining(['constructor', '__proto__']));
    const mutator = new Mutator(spec.document as Json, SEED, prototypeNames);
    const cases: Case[] = [];
    for (let i = 0; cases.length < CASES && i < CASES * 4; i++) {
      const made = mutator.make(MUTATION_KINDS[i % MUTATION_KINDS.length]!);
      if (made) cases.push(made);
    }
    // Every case's changed components go, renamed `C<case>__<name>`, into one base and one head document beside the
    // contract's own components (which their `$ref`s name): two generated files and one program for all cases.
    const combined = (side: 'base' | 'head') => {
      const document = structuredClone(spec.document as Json);
      const schemas = schemasOf(document);
      for (const [i, question] of questions.entries())
        for (const name of question.names) schemas[`C${i}__${name}`] = schemasOf(question.c[side])[name];
      return document;
    };
    const questions = cases.map((c) => {
      const bs = schemasOf(c.base);
      const hs = schemasOf(c.head);
      return { c, names: Object.keys(hs).filter((n) => JSON.stringify(bs[n]) !== JSON.stringify(hs[n])) };
    });
    const oracle = new TypeOracle();
    const baseModule = oracle.module(await generate(combined('base')));
    const headModule = oracle.module(await generate(combined('head')));
    const pairs = questions.map(({ names }, i) =>
      names.map(
        (name) => [oracle.schema(baseModule, `C${i}__${name}`), oracle.schema(headModule, `C${i}__${name}`)] as const,
      ),
    );
    oracle.compile();

    const judged: Judged[] = questions.map(({ c }, i) => {
      const typescript = pairs[i]!.map(([b, h]) => oracle.breaks(b, h)).reduce(
        (a, x) => ({ readers: a.readers || x.readers, builders: a.builders || x.builders }),
        {
          readers: false,
          builders: false,
        },
      );
      const changes = classify(
        { document: c.base, dereferenced: c.base } as never,
        {
          document: c.head,
          dereferenced: c.head,
        } as never,
      );
      return { kind: c.kind, note: c.note, changes, typescript };
    });
    const disagreements = judged
      .filter((j) => isBreaking(j.changes) !== (j.typescript.readers || j.typescript.builders))
      .map((j) => ({
        kind: j.kind,
        note: j.note,
        typescript: j.typescript,
        diff: j.changes.filter((c) => c.change !== 'documentation').map((c) => `${c.impact} ${c.change}: ${c.message}`),
      }));
    const breaking = judged.filter((j) => j.typescript.readers || j.typescript.builders).length;
    console.info(
      `diff vs TypeScript: ${judged.length} changes (seed ${SEED}), ${breaking} breaking and ${judged.length - breaking} compatible by the compiler, ${disagreements.length} disagreements; prototype names used: ${prototypeNames.join(', ')}`,
    );
    expect(disagreements).toEqual([]);
    // The sample covers every kind of change and both answers, so agreement says something.
    for (const kind of MUTATION_KINDS) expect(judged.filter((j) => j.kind === kind).length).toBeGreaterThan(10);
    expect(breaking).toBeGreaterThan(judged.length / 4);
    expect(judged.length - breaking).toBeGreaterThan(judged.length / 4);
    // A change of the generated type is never reported as "0 changes".
    for (const j of judged)
      if (j.typescript.readers || j.typescript.builders) expect(j.changes.length).toBeGreaterThan(0);
  });
});
