// The scenario engine: one request in, one answer out (or a dropped connection). No I/O of its own: the faces (fetch,
// MSW, HTTP) carry requests to it and its answers back, so each face behaves exactly alike.
import { MOCK_PROBLEM_HEADER, type MockProblem } from '../preferences.js';
import { BIG_ID, Recent, createUserBodies } from './bodies.js';
import { contract, exampleNamed, exampleOfStatus, type ContractParameter } from './contract.js';
import {
  SCENARIO_PARAMETERS,
  type ScenarioName,
  isExampleScenario,
  isScenarioName,
  scenarioNames,
  scenarioStatus,
} from './names.js';
import { ScenarioOptionError, checkedNumber } from './options.js';
import { exampleNames, readPreferences } from './preferences.js';
import type { UserQuery } from './users.js';

type Body = Record<string, unknown>;

export interface ScenarioEngineOptions {
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
  /** Another universe of generated users: the same seed gives the same users (default: none). */
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
  readonly scenarios: readonly ScenarioName[];
  readonly examples: readonly string[];
}

const OPERATION_PATH = new RegExp(
  `^${contract.pathTemplate.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '([^/]+)')}/?$`,
);
const TOKEN_PATH = '/v3/oauth/token/generate';
const TOKEN_TTL_SECONDS = 300;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const BIG_ID_JSON = JSON.stringify(BIG_ID);
const MAX_FLAKY_COUNTS = 2560;

const randomId = () => globalThis.crypto.randomUUID();

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

/** A Basic credential whose password part is an MD5 hex digest, as the contract describes, or an OAuth token. */
function credentialOf(request: ScenarioRequest): string | undefined {
  for (const scheme of contract.securitySchemes) {
    if (scheme.type === 'http' && scheme.scheme === 'basic') {
      const header = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.header('authorization') ?? '');
      if (!header) continue;
      let decoded: string;
      try {
        decoded = atob(header[1]!);
      } catch {
        continue;
      }
      const colon = decoded.indexOf(':');
      if (colon > 0 && /^[0-9a-f]{32}$/.test(decoded.slice(colon + 1))) return `basic:${header[1]}`;
    } else if (scheme.type === 'apiKey' && scheme.in === 'header' && scheme.headerName) {
      const token = request.header(scheme.headerName)?.trim();
      if (token) return `token:${token}`;
    }
  }
  return undefined;
}

const INT64 = /^-?\d{1,19}$/;
const isInt64 = (text: string) => INT64.test(text) && BigInt(text) >= INT64_MIN && BigInt(text) <= INT64_MAX;

/** Checks a parameter's text against its schema; the message names the parameter and what it must be. */
function parameterProblem(parameter: ContractParameter, text: string): string | undefined {
  const { type, format } = parameter.schema;
  if (type === 'boolean' && text !== 'true' && text !== 'false')
    return `Invalid ${parameter.name}: ${JSON.stringify(text)} is not a boolean (true or false)`;
  if (type === 'integer' && !(format === 'int64' ? isInt64(text) : /^-?\d{1,15}$/.test(text)))
    return `Invalid ${parameter.name}: ${JSON.stringify(text)} is not a ${format === 'int64' ? '64-bit ' : ''}integer`;
  return undefined;
}

export function createScenarioEngine(options: ScenarioEngineOptions = {}): ScenarioEngine {
  if (options.defaultScenario !== undefined && !isScenarioName(options.defaultScenario)) {
    throw new ScenarioOptionError(
      `defaultScenario must be one of ${scenarioNames.join(', ')}, got ${JSON.stringify(options.defaultScenario)}`,
    );
  }
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
  const bodies = createUserBodies(seed);
  const userData = bodies.data;
  const flakyCalls = new Recent<number>(MAX_FLAKY_COUNTS);

  const answer = (status: number, body: unknown, extra: Record<string, string> = {}, text?: string) =>
    ({
      kind: 'answer',
      status,
      headers: { 'content-type': 'application/json', 'x-cap-requestid': randomId(), ...extra },
      body: text ?? JSON.stringify(body),
    }) as const;
  const envelope = (status: number, code: number, message: string, extra?: Record<string, string>) =>
    answer(status, { data: null, errors: [{ code, message }], warnings: null }, extra);
  const declared = (status: number, extra?: Record<string, string>) =>
    answer(
      status,
      exampleOfStatus(status)?.value ?? { data: null, errors: [{ code: status, message: 'Error' }], warnings: null },
      extra,
    );
  const problem = (document: MockProblem) => ({
    kind: 'answer' as const,
    status: document.status,
    headers: {
      'content-type': 'application/problem+json',
      [MOCK_PROBLEM_HEADER]: document.type.slice('urn:target-groups-mock:'.length),
    },
    body: JSON.stringify(document),
  });

  const success = (userId: string, data: Body, extra?: Record<string, string>) => {
    const text = JSON.stringify({ data, errors: null, warnings: null });
    return answer(200, undefined, extra, text.includes(BIG_ID_JSON) ? text.replaceAll(BIG_ID_JSON, userId) : text);
  };

  async function issueToken(request: ScenarioRequest) {
    let body: { key?: unknown; secret?: unknown } | undefined;
    try {
      body = JSON.parse((await request.text?.()) ?? '');
    } catch {
      body = undefined;
    }
    if (typeof body?.key !== 'string' || !body.key || typeof body.secret !== 'string' || !body.secret)
      return declared(401);
    return answer(200, { data: { accessToken: `mock-${randomId()}`, ttlSeconds: TOKEN_TTL_SECONDS }, errors: null });
  }

  async function handle(request: ScenarioRequest): Promise<ScenarioAnswer> {
    const url = new URL(request.url, 'http://mock.invalid');
    const method = request.method.toUpperCase();
    if (method === 'POST' && url.pathname === TOKEN_PATH) return issueToken(request);
    const path = OPERATION_PATH.exec(url.pathname);
    if (!path || (method !== contract.method && method !== 'HEAD')) return declared(404);

    const preferences = readPreferences(request.header('prefer'));
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

    const credential = credentialOf(request);
    if (requireAuth && !credential) return declared(401, applied);

    let rawUserId: string;
    try {
      rawUserId = decodeURIComponent(path[1]!);
    } catch {
      rawUserId = path[1]!;
    }
    const query: UserQuery = { includeInactive: false, includeInactiveTargets: false, targetRuleId: undefined };
    for (const parameter of contract.parameters) {
      const text = parameter.in === 'path' ? rawUserId : url.searchParams.get(parameter.name);
      if (text === null) {
        if (parameter.name in query && typeof parameter.schema.default === 'boolean')
          (query as unknown as Record<string, unknown>)[parameter.name] = parameter.schema.default;
        continue;
      }
      const fault = parameterProblem(parameter, text);
      if (fault) {
        // The vendor's own answer for a bad userId; other parameters are named in a message of the same envelope.
        return parameter.in === 'path' ? declared(400, applied) : envelope(400, 400, fault, applied);
      }
      if (parameter.name === 'targetRuleId') query.targetRuleId = String(BigInt(text));
      else if (parameter.name === 'includeInactive' || parameter.name === 'includeInactiveTargets')
        query[parameter.name] = text === 'true';
    }
    const userId = String(BigInt(rawUserId));

    if (preferences.example !== undefined) {
      const example = exampleNamed(preferences.example)!;
      return answer(example.status, example.value, { ...applied, 'preference-applied': `example=${example.name}` });
    }
    if (preferences.code !== undefined && preferences.code !== 200) return declared(preferences.code, applied);
    if (scenario === undefined) return success(userId, userData(userId, query), applied);

    const tag = { 'preference-applied': `scenario=${scenario}` };
    switch (scenario) {
      case 'forwardCompatible':
        return success(userId, bodies.forwardCompatible(userId, query), tag);
      case 'noTargetGroups':
        return success(userId, { ...userData(userId, query), targetGroups: [] }, tag);
      case 'rateLimited':
        return envelope(429, 429, 'Too many requests', {
          ...tag,
          'retry-after': String(preferences.retryAfter ?? retryAfterSeconds),
        });
      case 'flaky': {
        const failures = preferences.failures ?? flakyFailures;
        const key = `${credential ?? ''}|${userId}|${failures}`;
        const call = flakyCalls.get(key) ?? 0;
        flakyCalls.set(key, (call + 1) % (failures + 1));
        if (call < failures) return envelope(503, 503, 'Service unavailable', tag);
        return success(userId, userData(userId, query), tag);
      }
      default: {
        if (isExampleScenario(scenario)) return answer(200, exampleNamed(scenario)!.value, tag);
        const status = scenarioStatus(scenario);
        return status === undefined ? success(userId, userData(userId, query)) : declared(status, tag);
      }
    }
  }

  return { handle, scenarios: scenarioNames, examples: exampleNames };
}
