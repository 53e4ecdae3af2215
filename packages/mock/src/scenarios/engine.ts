// The scenario engine: one request in, one answer out (or a dropped connection), for every GET operation of the spec
// it is given. No I/O of its own: the faces (fetch, MSW, HTTP) carry requests to it and its answers back, so each
// face behaves exactly alike. What is specific to a resource (its users, its filters) is the model registered for
// its operation (./models/); an operation without one is answered with bodies generated from its schemas.
import { matchOperation, type NamedExample, type Operation, operationsOf } from '@target-groups/spec/portable';
import {
  MOCK_PROBLEM_HEADER,
  type MockProblem,
  readPreferences,
  SCENARIO_PARAMETERS,
  type ScenarioContext,
} from '../preferences.js';
import { driftForward } from './drift.js';
import { generateValue } from './generate.js';
import { contracts, type MockSpec } from './contracts.js';
import { BUILT_IN_MODELS, type ModelAnswer, type ModelFactory, type OperationModel } from './models/index.js';
import {
  checkedNumber,
  examplesOf,
  LEADING_SCENARIOS,
  type ScenarioName,
  ScenarioOptionError,
  TRAILING_SCENARIOS,
} from './names.js';
import { readParameters } from './parameters.js';
import { randomFor } from './random.js';
import { statusScenarioName } from './statusNames.js';
import { createVendor, TOKEN_PATH, type VendorCredentials, vendorEnvelope } from './vendor.js';

export type { MockSpec } from './contracts.js';

export interface ScenarioEngineOptions {
  /**
   * The spec whose GET operations are served: a shipped contract (`contracts.promotions`) or a `{ document,
   * dereferenced }` as `loadSpec()` of `@target-groups/spec` returns it. Default: `contracts.targetGroups`.
   */
  spec?: MockSpec;
  /** Models of operations by operationId, beside (or instead of) the built-in ones. */
  models?: Record<string, ModelFactory>;
  /** Scenario of a request whose `Prefer` names neither a scenario nor an example (e.g. `'forwardCompatible'`). */
  defaultScenario?: ScenarioName;
  /** `slow`: the delay before the answer when `Prefer` gives no `delay=MS` (default 2000). */
  slowDelayMs?: number;
  /** `rateLimited`: the `Retry-After` seconds when `Prefer` gives no `retry-after=S` (default 1; `createMockFetch`: 0). */
  retryAfterSeconds?: number;
  /** `flaky`: how many 503 answers come before each success when `Prefer` gives no `failures=N` (default 1). */
  flakyFailures?: number;
  /** Answer 401 to a request without valid credentials, as the API does (default true). */
  requireAuth?: boolean;
  /** The one account accepted (default: any credential of the right form). */
  credentials?: VendorCredentials;
  /** Also serve the vendor's drifted bodies and failures at reserved userIds (`DRIFTS`, `VENDOR_ERROR_USER_IDS`). */
  drifts?: boolean;
  /** Another universe of generated bodies: the same seed gives the same bodies (default: none). */
  seed?: string | number;
}

/** A request as a face hands it over. */
export interface ScenarioRequest {
  method: string;
  /** Absolute URL, or path and query. */
  url: string;
  header(name: string): string | null | undefined;
  /** The request body (only the OAuth token request reads it). */
  text?(): Promise<string>;
  /** Ends a `slow` wait early; the answer then rejects with the signal's reason. */
  signal?: AbortSignal | null;
}

export type ScenarioAnswer =
  | { kind: 'answer'; status: number; headers: Record<string, string>; body: string }
  /** `reset`: the face drops the connection without an answer. */
  | { kind: 'reset' };

export interface ScenarioEngine {
  handle(request: ScenarioRequest): Promise<ScenarioAnswer>;
  /** Whether the request carries a credential the engine accepts (always, with `requireAuth: false`). */
  authenticated(request: ScenarioRequest): boolean;
  /** The GET operations served. */
  readonly operations: readonly Operation[];
  /** The scenarios of the first operation (the built-in one's by default). */
  readonly scenarios: readonly string[];
  /** The named examples `Prefer: example=NAME` accepts, per operation (by its id: the operationId), in order. */
  readonly examples: Readonly<Record<string, readonly string[]>>;
}

const MAX_FLAKY_COUNTS = 2560;
const JSON_TYPE = 'application/json';

function waitFor(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** What the engine serves for one operation: its examples, statuses, scenarios and model. */
interface Served {
  operation: Operation;
  examples: NamedExample[];
  statuses: number[];
  success: number;
  context: ScenarioContext;
  model: OperationModel | undefined;
}

export function createScenarioEngine(options: ScenarioEngineOptions = {}): ScenarioEngine {
  const slowDelayMs = checkedNumber('slowDelayMs', options.slowDelayMs, 2000, SCENARIO_PARAMETERS.slow.max);
  const retryAfterSeconds = checkedNumber(
    'retryAfterSeconds',
    options.retryAfterSeconds,
    1,
    SCENARIO_PARAMETERS.rateLimited.max,
  );
  const flakyFailures = checkedNumber('flakyFailures', options.flakyFailures, 1, SCENARIO_PARAMETERS.flaky.max);
  const requireAuth = options.requireAuth ?? true;
  const seed = options.seed === undefined ? '' : String(options.seed);
  const spec = options.spec ?? contracts.targetGroups;
  const models = { ...BUILT_IN_MODELS, ...options.models };
  const operations = operationsOf(spec.document, spec.dereferenced).filter((operation) => operation.method === 'get');
  const served = new Map<Operation, Served>();
  for (const operation of operations) {
    const examples = operation.responses.filter((r) => /^\d{3}$/.test(r.status)).flatMap((r) => r.examples);
    const statuses = operation.responses.map((r) => Number(r.status)).filter(Number.isInteger);
    const model = operation.operationId
      ? models[operation.operationId]?.(operation, { seed, drifts: options.drifts ?? false })
      : undefined;
    const statusNames = operation.responses.flatMap((r) => statusScenarioName(r.status) ?? []);
    const scenarios = [...LEADING_SCENARIOS, ...(model?.scenarios ?? []), ...statusNames, ...TRAILING_SCENARIOS];
    const context = { engine: 'scenarios', scenarios, examples: examplesOf(operation), statuses } as const;
    served.set(operation, {
      operation,
      examples,
      statuses,
      success: statuses.find((s) => s >= 200 && s < 300) ?? 200,
      context,
      model,
    });
  }
  const first = served.get(operations[0]!);
  if (options.defaultScenario !== undefined && !first?.context.scenarios.includes(options.defaultScenario))
    throw new ScenarioOptionError(
      `defaultScenario must be one of ${first?.context.scenarios.join(', ')}, got ${JSON.stringify(options.defaultScenario)}`,
    );
  const vendor = createVendor(options.credentials);
  const flakyCalls = new Map<string, number>();
  const notFound =
    operations.flatMap((o) => o.responses).find((r) => r.status === '404')?.examples[0]?.value ??
    vendorEnvelope(404, 'Resource not found');

  const answer = (status: number, body: unknown, extra: Record<string, string> = {}, text?: string, type = JSON_TYPE) =>
    ({
      kind: 'answer',
      status,
      headers: { 'content-type': type, 'x-cap-requestid': globalThis.crypto.randomUUID(), ...extra },
      body: text ?? JSON.stringify(body),
    }) as const;
  const problem = (document: MockProblem) => ({
    kind: 'answer' as const,
    status: document.status,
    headers: {
      'content-type': 'application/problem+json',
      [MOCK_PROBLEM_HEADER]: document.type.slice('urn:target-groups-mock:'.length),
    },
    body: JSON.stringify(document),
  });
  /** A declared status: its first named example, else a body generated from its schema, else the vendor envelope. */
  const declared = (on: Served, status: number, seedText: string, extra?: Record<string, string>) => {
    const response = on.operation.responseFor(status);
    const example = on.examples.find((e) => Number(e.status) === status);
    const body = example
      ? example.value
      : response?.schema && on.statuses.includes(status)
        ? generateValue(response.schema, randomFor(`${seedText}|${status}`))
        : vendorEnvelope(status, status === 401 ? 'Invalid credentials' : 'Error');
    return answer(status, body, extra);
  };

  async function handle(request: ScenarioRequest): Promise<ScenarioAnswer> {
    const url = new URL(request.url, 'http://mock.invalid');
    const method = request.method.toUpperCase();
    if (method === 'POST' && url.pathname === TOKEN_PATH) {
      const token = await vendor.issueToken(request);
      return answer(token.status, token.body);
    }
    const match = method === 'GET' || method === 'HEAD' ? matchOperation(operations, 'get', url.pathname) : undefined;
    if (!match) return answer(404, notFound);
    const on = served.get(match.operation)!;
    const seedText = `${seed}|${url.pathname}?${[...url.searchParams].sort().join('&')}`;

    const preferences = readPreferences(request.header('prefer'), on.context);
    if ('type' in preferences) return problem(preferences);
    const named = preferences.example !== undefined || preferences.code !== undefined;
    let scenario = preferences.scenario ?? (named ? undefined : options.defaultScenario);
    const applied: Record<string, string> = {};
    if (scenario === 'reset') return { kind: 'reset' };
    if (scenario === 'slow') {
      await waitFor(preferences.delay ?? slowDelayMs, request.signal);
      applied['preference-applied'] = 'scenario=slow';
      scenario = named || options.defaultScenario === 'slow' ? undefined : options.defaultScenario;
    }

    const credential = vendor.credentialOf(request, on.operation);
    if (
      requireAuth &&
      on.operation.security.length > 0 &&
      !credential &&
      !on.operation.security.some((way) => way.schemes.length === 0)
    )
      return declared(on, 401, seedText, applied);

    const { values, fault } = readParameters(on.operation, match.params, url.searchParams, request.header);
    // The vendor's own answer for a bad path parameter is its declared 400; others are named in the same envelope.
    if (fault)
      return fault.in === 'path' && on.examples.some((e) => e.status === '400')
        ? declared(on, 400, seedText, applied)
        : answer(400, vendorEnvelope(400, fault.message), applied);

    if (preferences.example !== undefined) {
      const example = on.examples.find((e) => e.name === preferences.example)!;
      return answer(Number(example.status), example.value, {
        ...applied,
        'preference-applied': `example=${example.name}`,
      });
    }
    if (preferences.code !== undefined && preferences.code !== on.success)
      return declared(on, preferences.code, seedText, applied);
    const modelRequest = { operation: on.operation, parameters: values, seed };
    const success = (tag: Record<string, string>, modelScenario?: string) => {
      const given: ModelAnswer = on.model?.answer(modelRequest, modelScenario) ?? {
        body: generateValue(on.operation.responseFor(on.success)?.schema ?? {}, randomFor(seedText)),
      };
      const status = given.status ?? on.success;
      if (given.text !== undefined) return answer(status, undefined, tag, given.text, given.contentType);
      let body = given.body;
      if (scenario === 'forwardCompatible' && status === on.success && body !== null && typeof body === 'object') {
        const rnd = randomFor(`drift:${seedText}`);
        const schema = on.operation.responseFor(status)?.schema ?? {};
        body = on.model?.drift
          ? on.model.drift(body as Record<string, unknown>, modelRequest)
          : driftForward(body as Record<string, unknown>, schema, rnd);
      }
      return answer(status, body, tag, on.model?.serialize?.(body, modelRequest));
    };
    if (scenario === undefined) return success(applied);

    const tag = { 'preference-applied': `scenario=${scenario}` };
    if (scenario === 'forwardCompatible') return success(tag);
    if (scenario === 'rateLimited')
      return answer(429, vendorEnvelope(429, 'Too many requests'), {
        ...tag,
        'retry-after': String(preferences.retryAfter ?? retryAfterSeconds),
      });
    if (scenario === 'flaky') {
      const failures = preferences.failures ?? flakyFailures;
      const key = `${credential ?? ''}|${url.pathname}|${failures}`;
      const call = flakyCalls.get(key) ?? 0;
      flakyCalls.delete(key);
      flakyCalls.set(key, (call + 1) % (failures + 1));
      if (flakyCalls.size > MAX_FLAKY_COUNTS) flakyCalls.delete(flakyCalls.keys().next().value!);
      if (call < failures) return answer(503, vendorEnvelope(503, 'Service unavailable'), tag);
      return success(tag);
    }
    const status = on.statuses.find((s) => statusScenarioName(String(s)) === scenario);
    return status === undefined ? success(tag, scenario) : declared(on, status, seedText, tag);
  }

  return {
    handle,
    authenticated: (request) => {
      if (!requireAuth) return true;
      const match = matchOperation(operations, 'get', new URL(request.url, 'http://mock.invalid').pathname);
      const candidates = match ? [match.operation] : operations;
      return candidates.some((operation) => vendor.credentialOf(request, operation) !== undefined);
    },
    operations,
    scenarios: first?.context.scenarios ?? [],
    examples: Object.fromEntries([...served.values()].map((on) => [on.operation.id, on.context.examples])),
  };
}
