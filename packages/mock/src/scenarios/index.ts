// @target-groups/mock/scenarios: the scenario engine and its in-process and HTTP faces (MSW: @target-groups/mock/msw).
export {
  createScenarioEngine,
  type ScenarioAnswer,
  type ScenarioEngine,
  type ScenarioEngineOptions,
  type ScenarioRequest,
} from './engine.js';
export {
  isScenarioName,
  preferScenario,
  scenarioNames,
  type ScenarioName,
  type ScenarioParameters,
} from './names.js';
export { ScenarioOptionError } from './options.js';
export { exampleNames } from './preferences.js';
export type { MockEngineName, MockProblem, MockProblemKind } from '../preferences.js';
export {
  type CoveringOptions,
  coveringUserIds,
  type ForwardCompatibleCoverage,
  forwardCompatibleCoverage,
} from './covering.js';
export { createMockFetch, type MockFetch, type MockFetchOptions } from './fetch.js';
export type { Latitude, LatitudeKind } from './latitudes.js';
export {
  ScenarioServerError,
  startScenarioServer,
  type ScenarioServer,
  type ScenarioServerOptions,
} from './server.js';
export { GENERATED_TODAY } from './users.js';
