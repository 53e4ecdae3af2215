// @target-groups/mock/scenarios: the scenario engine and its in-process and HTTP faces (MSW: @target-groups/mock/msw).
export type { MockEngineName, MockProblem, MockProblemKind } from '../preferences.js';
export { type ContractName, contracts, type MockContract } from './contracts.js';
export {
  createScenarioEngine,
  type MockSpec,
  type ScenarioAnswer,
  type ScenarioEngine,
  type ScenarioEngineOptions,
  type ScenarioRequest,
} from './engine.js';
export { createMockFetch, type MockFetch, type MockFetchOptions } from './fetch.js';
export type { Latitude, LatitudeKind } from './latitudes.js';
export type { ModelAnswer, ModelFactory, ModelRequest, OperationModel } from './models/index.js';
export {
  type CoveringOptions,
  coveringUserIds,
  type ForwardCompatibleCoverage,
  forwardCompatibleCoverage,
} from './models/covering.js';
export { CONNECTED_ORGS } from './models/connectedOrgs.js';
export { type Drift, DRIFTS, VENDOR_ERROR_USER_IDS } from './models/targetGroupsDrifts.js';
export {
  contractScenarioNames,
  exampleNames,
  exampleUserIds,
  isScenarioName,
  preferScenario,
  ScenarioOptionError,
  type ScenarioName,
  type ScenarioNameOf,
  type ScenarioParameters,
  scenarioNames,
} from './names.js';
export {
  type RecordedRequest,
  type ScenarioRedirect,
  type ScenarioServer,
  ScenarioServerError,
  type ScenarioServerHandler,
  type ScenarioServerOptions,
  startScenarioServer,
} from './server.js';
export { GENERATED_TODAY } from './time.js';
export { TOKEN_PATH, type VendorCredentials, vendorEnvelope } from './vendor.js';
