// Type tests (vitest typecheck): what the compiler catches for a consumer of the mock.
import { describe, expectTypeOf, test } from 'vitest';
import { startMock, startProxy } from '../src/index.js';
import {
  contracts,
  createMockFetch,
  preferScenario,
  type ScenarioName,
  type ScenarioNameOf,
  scenarioNames,
  startScenarioServer,
} from '../src/scenarios/index.js';
import { createScenarioHandlers } from '../src/scenarios/msw.js';

describe('scenario names are a union, not any string', () => {
  test('the names of the engine, and nothing else', () => {
    expectTypeOf<'noTargetGroups'>().toExtend<ScenarioName>();
    expectTypeOf<'forwardCompatible'>().toExtend<ScenarioName>();
    expectTypeOf<'userNotFound' | 'forbidden' | 'rateLimited'>().toExtend<ScenarioName>();
    expectTypeOf<'noTargetGroup'>().not.toExtend<ScenarioName>();
    expectTypeOf<string>().not.toExtend<ScenarioName>();
    expectTypeOf(scenarioNames).items.toEqualTypeOf<ScenarioName>();
  });

  test('every option that takes a scenario name catches a typo', () => {
    // @ts-expect-error: there is no scenario noTargetGroup (noTargetGroups is one)
    createMockFetch({ defaultScenario: 'noTargetGroup' });
    // @ts-expect-error: the same for the msw face
    createScenarioHandlers({ defaultScenario: 'noTargetGroup' });
    // @ts-expect-error: the same for the HTTP face
    void startScenarioServer({ defaultScenario: 'noTargetGroup' });
    // @ts-expect-error: the same through startMock
    void startMock({ engine: 'scenarios', scenarios: { defaultScenario: 'noTargetGroup' } });
    createMockFetch({ defaultScenario: 'noTargetGroups' });
  });

  test('preferScenario: a checked name, and only the parameter its scenario takes', () => {
    expectTypeOf(preferScenario('noTargetGroups')).toEqualTypeOf<string>();
    preferScenario('slow', { delay: 250 });
    preferScenario('rateLimited', { retryAfter: 0 });
    preferScenario('flaky', { failures: 2 });
    // @ts-expect-error: there is no scenario noTargetGroup
    preferScenario('noTargetGroup');
    // @ts-expect-error: noTargetGroups takes no parameter
    preferScenario('noTargetGroups', { delay: 250 });
    // @ts-expect-error: delay is slow's, not rateLimited's
    preferScenario('rateLimited', { delay: 250 });
  });
});

describe('the promotions contract: its scenarios and its value', () => {
  test("its scenario names are ScenarioNames, and each contract's own are told apart", () => {
    expectTypeOf<'noPromotions'>().toExtend<ScenarioName>();
    expectTypeOf<'noPromotions' | 'notFound' | 'badRequest'>().toExtend<ScenarioNameOf<'promotions'>>();
    expectTypeOf<'noTargetGroups'>().not.toExtend<ScenarioNameOf<'promotions'>>();
    expectTypeOf<'noPromotions'>().not.toExtend<ScenarioNameOf<'targetGroups'>>();
    expectTypeOf<'noPromotion'>().not.toExtend<ScenarioName>();
    expectTypeOf(preferScenario('noPromotions')).toEqualTypeOf<string>();
    // @ts-expect-error: there is no scenario noPromotion (noPromotions is one)
    preferScenario('noPromotion');
    createMockFetch({ spec: contracts.promotions, defaultScenario: 'noPromotions' });
  });

  test('one value names it for every face; Prism takes no { document, dereferenced } of its own', () => {
    void startMock({ spec: contracts.promotions });
    void startMock({ engine: 'scenarios', spec: contracts.promotions });
    void startProxy('http://127.0.0.1:1', { spec: contracts.promotions });
    const loaded = { document: contracts.promotions.document, dereferenced: contracts.promotions.dereferenced };
    // @ts-expect-error: Prism reads a file: a spec that is not a shipped contract is the scenario engine's
    void startProxy('http://127.0.0.1:1', { spec: loaded });
  });
});
