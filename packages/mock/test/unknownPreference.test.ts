// A preference an engine does not understand is a mistake in the test that sent it (a scenario sent to Prism, a
// typo): both engines answer it with the same 422 problem document, listing what they do understand, instead of an
// answer that looks right.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMock } from '../dist/index.js';
import { BASIC, PATH } from './support.js';

let prism: MockServer;
let scenarios: MockServer;
beforeAll(async () => {
  [prism, scenarios] = await Promise.all([startMock(), startMock({ engine: 'scenarios' })]);
});
afterAll(async () => {
  await Promise.all([prism?.close(), scenarios?.close()]);
});

async function ask(mock: MockServer, prefer: string) {
  const res = await fetch(`${mock.url}${PATH}`, { headers: { authorization: BASIC, prefer } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) as Record<string, unknown> };
}

function expectProblem(answer: Awaited<ReturnType<typeof ask>>, engine: 'prism' | 'scenarios') {
  expect(answer.status, answer.text).toBe(422);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  expect(answer.headers.get('x-mock-problem')).toBe('unknown-preference');
  expect(answer.body).toMatchObject({
    type: 'urn:target-groups-mock:unknown-preference',
    title: 'Unknown preference',
    status: 422,
    engine,
  });
}

describe('Prism (startMock())', () => {
  it.each([
    ['scenario=noTargetGroups', 'scenario=noTargetGroups'],
    ['scenario=noTargetGroups, code=200', 'scenario=noTargetGroups'],
    ['respond-async', 'respond-async'],
    ['example=fixedWindowSalesTarget; lang=en', 'lang=en'],
  ])('Prefer: %s gets the 422 naming %s, not a user', async (prefer, named) => {
    const answer = await ask(prism, prefer);
    expectProblem(answer, 'prism');
    expect(answer.body.detail).toContain(`Prefer ${named}`);
    expect(answer.body.preferences).toEqual(['code', 'example', 'dynamic', 'seed']);
    expect(answer.body.examples).toEqual(expect.arrayContaining(['fixedWindowSalesTarget', 'resourceNotFound']));
    expect(answer.body.scenarios).toEqual([]);
  });

  it('a scenario sent to Prism says where scenarios are served', async () => {
    const answer = await ask(prism, 'scenario=noTargetGroups');
    expect(answer.body.detail).toMatch(/scenario engine/);
    expect(answer.body.detail).toContain("startMock({ engine: 'scenarios' })");
  });

  it('what Prism understands still works', async () => {
    expect((await ask(prism, 'code=404')).status).toBe(404);
    expect((await ask(prism, 'example=resourceNotFound')).status).toBe(404);
    expect((await ask(prism, 'dynamic=true, seed=7')).status).toBe(200);
  });
});

describe('the scenario engine', () => {
  it.each([
    ['dynamic=true', 'dynamic=true'],
    ['scenario=slow, seed=7', 'seed=7'],
    ['respond-async, wait=5', 'respond-async'],
  ])('Prefer: %s gets the 422 naming %s', async (prefer, named) => {
    const answer = await ask(scenarios, prefer);
    expectProblem(answer, 'scenarios');
    expect(answer.body.detail).toContain(`Prefer ${named}`);
    expect(answer.body.preferences).toEqual(['scenario', 'example', 'code', 'delay', 'retry-after', 'failures']);
    expect(answer.body.scenarios).toContain('noTargetGroups');
  });

  it("Prism's preferences sent to the scenario engine say where they are understood", async () => {
    expect((await ask(scenarios, 'dynamic=true')).body.detail).toContain('Prism');
  });
});

it.each([
  ['prism', () => prism],
  ['scenarios', () => scenarios],
] as const)('%s: a preference that is not NAME=VALUE is a bad-preference problem', async (engine, mock) => {
  const answer = await ask(mock(), 'scenario noTargetGroups');
  expect(answer.status).toBe(422);
  expect(answer.headers.get('x-mock-problem')).toBe('bad-preference');
  expect(answer.body).toMatchObject({ type: 'urn:target-groups-mock:bad-preference', engine });
  expect(answer.body.detail).toContain('cannot read Prefer "scenario noTargetGroups" (write NAME=VALUE)');
});

it('both engines answer with the same document: the same members, type and title', async () => {
  const fromPrism = await ask(prism, 'scenario=noTargetGroups');
  const fromScenarios = await ask(scenarios, 'dynamic=true');
  expect(Object.keys(fromPrism.body)).toEqual(Object.keys(fromScenarios.body));
  expect(Object.keys(fromPrism.body)).toEqual([
    'type',
    'title',
    'status',
    'detail',
    'engine',
    'preferences',
    'scenarios',
    'examples',
  ]);
  expect(fromPrism.body.examples).toEqual(fromScenarios.body.examples);
});

it("the README's document is what Prism answers", async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### A preference the engine does not understand'));
  const shown = JSON.parse(/```json\n([\s\S]*?)```/.exec(section)![1]!) as Record<string, unknown>;
  const { body } = await ask(prism, 'scenario=noTargetGroups');
  expect({ ...body, examples: (body.examples as string[]).slice(0, 1) }).toEqual({
    ...shown,
    examples: (shown.examples as string[]).filter((name) => name !== '...'),
  });
});
