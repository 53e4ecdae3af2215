// Type tests (vitest typecheck): what the compiler catches for a consumer of the mock.
import { describe, expectTypeOf, test } from 'vitest';
import { startMock } from '../src/index.js';
import {
  createMockFetch,
  preferScenario,
  type ScenarioName,
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
