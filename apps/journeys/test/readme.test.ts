// The READMEs' `Prefer` recipes, run against the mock: each selects an example and status the spec has, or a
// reader's curl would get Prism's 404 instead of what the page promises. A scenario recipe is the scenario engine's:
// it works there, and Prism refuses it with the 422 that says so (it once answered it with a full user).
import { readFileSync } from 'node:fs';
import { type MockServer, startMock } from '@target-groups/mock';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BASIC } from './support/helpers.js';
import { examples, pathFor, statuses } from './support/spec.js';

const readmes = {
  'packages/mock/README.md': readFileSync(new URL('../../../packages/mock/README.md', import.meta.url), 'utf8'),
  'README.md': readFileSync(new URL('../../../README.md', import.meta.url), 'utf8'),
};

/** Every `Prefer:` value quoted in a README, e.g. `code=404, example=resourceNotFound`. */
function preferValues(text: string): string[] {
  return [...text.matchAll(/Prefer: ([^'"`|\n]+?)\s*['"`|]/g)].map((m) => m[1]!.trim());
}

describe.each(Object.entries(readmes))('%s', (_file, text) => {
  // Concrete recipes only (not placeholders such as `example=NAME`).
  const values = preferValues(text).filter(
    (v) => /^(code=\d{3}|example=\w+)(,\s*(code=\d{3}|example=\w+))*$/.test(v) && !v.includes('NAME'),
  );

  it.each(values.map((v) => [v]))('Prefer: %s selects what the spec has', async (prefer) => {
    const name = /example=(\w+)/.exec(prefer)?.[1];
    const code = /code=(\d{3})/.exec(prefer)?.[1];
    const expected = name ? examples.find((e) => e.name === name) : undefined;
    if (name) expect(expected, `no example named ${name}`).toBeDefined();
    const status = code ? Number(code) : (expected?.status ?? 200);
    expect(statuses).toContain(status);

    const res = await fetch(`${inject('mockUrl')}${pathFor(566881933)}`, {
      headers: { authorization: BASIC, prefer },
    });
    expect(res.status).toBe(status);
    if (expected) expect(await res.json()).toEqual(expected.value);
  });
});

const SCENARIO_RECIPE = /^scenario=\w+(,\s*(delay|retry-after|failures)=\d+)*$/;
// Concrete recipes only (not the placeholder `scenario=NAME`).
const scenarioRecipes = [...new Set(Object.values(readmes).flatMap(preferValues))].filter(
  (v) => SCENARIO_RECIPE.test(v) && !v.includes('NAME'),
);

describe('scenario recipes', () => {
  let scenarios: MockServer;
  beforeAll(async () => {
    scenarios = await startMock({ engine: 'scenarios' });
  });
  afterAll(() => scenarios?.close());

  it.each(scenarioRecipes.map((v) => [v]))(
    'Prefer: %s is answered by the scenario engine, and refused by Prism with the 422 that says so',
    async (prefer) => {
      const ask = (base: string) =>
        fetch(`${base}${pathFor(566881933)}`, { headers: { authorization: BASIC, prefer } });
      const byScenarios = await ask(scenarios.url);
      expect(byScenarios.status).not.toBe(422);
      expect(byScenarios.headers.get('preference-applied')).toBe(prefer.split(',')[0]);
      const byPrism = await ask(inject('mockUrl'));
      expect(byPrism.status).toBe(422);
      expect(byPrism.headers.get('x-mock-problem')).toBe('unknown-preference');
      const problem = (await byPrism.json()) as { detail: string; engine: string };
      expect(problem.engine).toBe('prism');
      expect(problem.detail).toContain('scenario engine');
    },
  );
});

it('finds the recipes it runs', () => {
  const all = Object.values(readmes).flatMap(preferValues);
  expect(all.filter((v) => /^(code=\d{3}|example=\w+)/.test(v)).length).toBeGreaterThan(3);
  expect(scenarioRecipes).toEqual(expect.arrayContaining(['scenario=noTargetGroups', 'scenario=slow, delay=250']));
});
