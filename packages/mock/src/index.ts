import { statSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IHttpConfig } from '@stoplight/prism-http';
import {
  ListenError,
  type PrismLogLevel,
  runPrism,
  SpecLoadError,
  StartTimeoutError,
  withoutUserInfo,
} from './prism.js';

export type { PrismLogLevel } from './prism.js';
export { allowsCredentials } from './cors.js';
export { INT64_DECIMAL } from './int64.js';
import { selectableExamples, type SelectableExample } from './prismPrefer.js';
import {
  type ContractName,
  contracts,
  isMockContract,
  type MockContract,
  type MockSpec,
} from './scenarios/contracts.js';
import {
  type ScenarioEngineOptions,
  ScenarioOptionError,
  ScenarioServerError,
  startScenarioServer,
} from './scenarios/index.js';

export { type ContractName, contracts, type MockContract, type MockSpec } from './scenarios/contracts.js';

export { exampleStatus, selectableExamples, type SelectableExample } from './prismPrefer.js';
export type { MockEngineName, MockProblem, MockProblemKind } from './preferences.js';

/**
 * What answers the requests. `'prism'`: Prism serving the spec's examples (the reference contract mock).
 * `'scenarios'`: the scenario engine (any user, scenarios by `Prefer`, forward-compatible drift; see the README).
 */
export type MockEngine = 'prism' | 'scenarios';

export interface StartPrismOptions {
  /**
   * The spec served: a shipped contract (`contracts.promotions`), or an OpenAPI document's file path (relative to
   * the working directory) or http(s) URL. Default: `contracts.targetGroups`.
   */
  spec?: string | MockContract;
  /** Port to listen on. Default: `0`, a free port the OS picks as the server binds. */
  port?: number;
  /** Interface to listen on. Default: `127.0.0.1`. */
  host?: string;
  /** Prism's `--errors`: answer a response that breaks the spec with a 500 problem document instead of only reporting it. */
  errors?: boolean;
  /** `false`: no CORS headers at all. Default `true`: see {@link StartPrismOptions.credentialedOrigins}. */
  cors?: boolean;
  /**
   * Browser origins (`https://app.test:8443`) that may call the mock with credentials, besides loopback origins,
   * which always may. Other origins get CORS headers without `Access-Control-Allow-Credentials`.
   */
  credentialedOrigins?: readonly string[];
  /** Which of Prism's log records reach `onLog`. Default: `error`. */
  logLevel?: PrismLogLevel;
  /** Called with each of Prism's log records as one line (`error [VALIDATOR] ...`). Without it nothing is logged. */
  onLog?: (line: string) => void;
  /** Re-read the spec file when it changes, on the same port. Default: `true` for a `spec` file path given here. */
  watch?: boolean;
  /** How long reading the spec (a URL, say) may take. Default: 60000. */
  startTimeoutMs?: number;
}

export interface StartMockOptions extends Omit<StartPrismOptions, 'spec'> {
  /**
   * The spec served, by either engine: a shipped contract (`contracts.promotions`), or a spec file's path or
   * http(s) URL (Prism only: the scenario engine takes one of the shipped contracts' files, or the `{ document,
   * dereferenced }` that `loadSpec()` returns). Default: `contracts.targetGroups`.
   */
  spec?: string | MockSpec;
  /** Default: `'prism'`. */
  engine?: MockEngine;
  /** Prism's `--dynamic`: generate bodies from the schemas instead of serving the named examples. */
  dynamic?: boolean;
  /** Prism's `--seed`: makes dynamic bodies deterministic. Only meaningful with `dynamic`. */
  seed?: string | number;
  /** With `engine: 'scenarios'`: the engine's options (default scenario, delays, auth, seed). */
  scenarios?: ScenarioEngineOptions;
}

export interface MockServer {
  readonly engine: MockEngine;
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:43817`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Stops listening and resolves once the port is free. Safe to call twice. */
  close(): Promise<void>;
}

export interface PrismServer extends MockServer {
  readonly engine: 'prism';
  /** The OpenAPI document served: an absolute path, or a URL without its user name and password. */
  readonly spec: string;
  /** The named examples the spec has now, each with the `Prefer` value that selects it. */
  examples(): SelectableExample[];
}

export type MockStartErrorCode =
  | 'ERR_MOCK_BAD_OPTION'
  | 'ERR_MOCK_NOT_BUILT'
  | 'ERR_MOCK_SPEC_NOT_FOUND'
  | 'ERR_MOCK_SPEC_UNSUPPORTED'
  | 'ERR_MOCK_BAD_SPEC'
  | 'ERR_MOCK_LISTEN'
  | 'ERR_MOCK_PORT_IN_USE'
  | 'ERR_MOCK_TIMEOUT';

/** The mock could not be started. `message` is one line saying why, never a stack trace. */
export class MockStartError extends Error {
  override readonly name = 'MockStartError';
  constructor(
    readonly code: MockStartErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Where a shipped contract's bundled document is (`dist/<name>.json`, `@target-groups/mock/<name>.json`). */
export const contractPath = (name: ContractName): string =>
  join(dirname(fileURLToPath(import.meta.url)), `${name}.json`);

/** The spec this package version was built from, bundled by the spec reader (`dist/targetGroups.json`). */
export const bundledSpecPath: string = contractPath('targetGroups');

const ENGINES: readonly MockEngine[] = ['prism', 'scenarios'];

/** The options only Prism reads; the scenario engine takes its own under `scenarios`. */
const PRISM_ONLY = [
  'errors',
  'cors',
  'credentialedOrigins',
  'logLevel',
  'onLog',
  'watch',
  'startTimeoutMs',
  'dynamic',
  'seed',
] as const satisfies readonly (keyof StartMockOptions)[];

/** An option the chosen engine would not read is refused, as a preference it does not understand is. */
function checkEngineOptions(engine: MockEngine, options: StartMockOptions): void {
  if (engine === 'scenarios' && options.spec !== undefined && options.scenarios?.spec !== undefined)
    throw new MockStartError('ERR_MOCK_BAD_OPTION', 'spec and scenarios.spec: give the spec once');
  const foreign =
    engine === 'scenarios'
      ? PRISM_ONLY.filter((key) => options[key] !== undefined)
      : options.scenarios !== undefined
        ? ['scenarios']
        : [];
  if (foreign.length === 0) return;
  throw new MockStartError(
    'ERR_MOCK_BAD_OPTION',
    engine === 'scenarios'
      ? `${foreign.join(', ')}: Prism's option${foreign.length > 1 ? 's' : ''}, not read by the scenario engine (its options go in scenarios: { ... })`
      : "scenarios: the scenario engine's options, not read by Prism (add engine: 'scenarios')",
  );
}

/**
 * Starts the contract mock in this process and resolves once it listens. Prism answers any request that fits the
 * spec with a named example, and `Prefer: example=NAME` selects an example of any status (see the README).
 */
export function startMock(options?: StartMockOptions & { engine?: 'prism' }): Promise<PrismServer>;
export function startMock(options?: StartMockOptions): Promise<MockServer>;
export async function startMock(options: StartMockOptions = {}): Promise<MockServer> {
  const engine = options.engine ?? 'prism';
  if (!ENGINES.includes(engine))
    throw new MockStartError(
      'ERR_MOCK_BAD_OPTION',
      `engine must be one of ${ENGINES.join(', ')}, got ${JSON.stringify(engine)}`,
    );
  checkEngineOptions(engine, options);
  if (engine === 'scenarios') return startScenarios(options);
  if (options.seed !== undefined && !/^[\w.-]+$/.test(String(options.seed)))
    throw new MockStartError(
      'ERR_MOCK_BAD_OPTION',
      `seed must be a number or a word, got ${JSON.stringify(options.seed)}`,
    );
  return startPrism(options as StartPrismOptions, {
    isProxy: false,
    upstreamProxy: undefined,
    mock: { dynamic: options.dynamic ?? false, seed: options.seed === undefined ? undefined : String(options.seed) },
  });
}

/** Runs Prism as a proxy in front of `upstream`, validating every request and response against the spec. */
export async function startProxy(upstream: string, options: StartPrismOptions = {}): Promise<PrismServer> {
  if (!/^https?:\/\/[^\s]+$/.test(upstream) || !URL.canParse(upstream))
    throw new MockStartError('ERR_MOCK_BAD_OPTION', `upstream must be an http(s) URL, got ${JSON.stringify(upstream)}`);
  return startPrism(options, {
    isProxy: true,
    upstream: new URL(upstream),
    upstreamProxy: undefined,
    mock: { dynamic: false },
  });
}

type ModeConfig = Pick<IHttpConfig, 'mock' | 'upstreamProxy'> & ({ isProxy: false } | { isProxy: true; upstream: URL });

async function startPrism(options: StartPrismOptions, mode: ModeConfig): Promise<PrismServer> {
  if (options.spec !== undefined && typeof options.spec !== 'string' && !isMockContract(options.spec))
    throw new MockStartError(
      'ERR_MOCK_BAD_OPTION',
      `spec: Prism reads a spec from a file or a URL: give its path, its URL or a shipped contract (${CONTRACT_LIST}); a { document, dereferenced } spec is the scenario engine's (engine: 'scenarios')`,
    );
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new MockStartError('ERR_MOCK_BAD_OPTION', `port must be an integer from 0 to 65535, got ${options.port}`);
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new MockStartError('ERR_MOCK_BAD_OPTION', `startTimeoutMs must be a positive number, got ${timeoutMs}`);
  const spec = resolveSpec(options.spec);
  const isUrl = /^https?:\/\//.test(spec);
  const isOwnFile = typeof options.spec === 'string' && !isUrl;
  try {
    const prism = await runPrism({
      spec,
      host,
      port,
      // What Prism's CLI sets for `prism mock` and `prism proxy`.
      config: {
        ...mode,
        validateRequest: true,
        validateResponse: true,
        checkSecurity: true,
        errors: options.errors ?? false,
      },
      cors: options.cors === false ? false : { credentialedOrigins: options.credentialedOrigins ?? [] },
      logLevel: options.logLevel ?? 'error',
      onLog: options.onLog,
      watch: options.watch ?? isOwnFile,
      deadline: Date.now() + timeoutMs,
    });
    return {
      engine: 'prism',
      url: `http://${host.includes(':') ? `[${host}]` : host}:${prism.address.port}`,
      host,
      port: prism.address.port,
      spec: withoutUserInfo(spec),
      examples: () => selectableExamples(prism.operations),
      close: prism.close,
    };
  } catch (error) {
    if (error instanceof SpecLoadError) throw new MockStartError('ERR_MOCK_BAD_SPEC', error.message);
    if (error instanceof ListenError)
      throw new MockStartError(
        /EADDRINUSE/.test(error.message) ? 'ERR_MOCK_PORT_IN_USE' : 'ERR_MOCK_LISTEN',
        error.message,
      );
    if (error instanceof StartTimeoutError) throw new MockStartError('ERR_MOCK_TIMEOUT', error.message);
    throw error;
  }
}

const CONTRACT_LIST = Object.keys(contracts)
  .map((name) => `contracts.${name}`)
  .join(', ');

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

function resolveSpec(given: string | MockContract | undefined): string {
  if (typeof given === 'string' && /^https?:\/\//.test(given)) return given;
  const path =
    given === undefined ? bundledSpecPath : typeof given === 'string' ? resolvePath(given) : contractPath(given.name);
  if (isFile(path)) return path;
  if (typeof given !== 'string')
    throw new MockStartError(
      'ERR_MOCK_NOT_BUILT',
      `the spec bundled with @target-groups/mock is missing: ${path} (was the package built?)`,
    );
  throw new MockStartError('ERR_MOCK_SPEC_NOT_FOUND', `spec not found: ${path}`);
}

const unreadable = (spec: string) =>
  `spec ${spec}: the scenario engine reads no spec file or URL at run time; give it a shipped contract (${CONTRACT_LIST}, or its file) or the { document, dereferenced } that loadSpec() of @target-groups/spec returns (Prism, engine: 'prism', serves a spec file or URL)`;

/**
 * The scenario engine's spec for `spec`: it answers from a dereferenced document, which only the spec reader (a
 * private package, with a bundler) can make of a file, so a path is accepted only when it is a shipped contract's.
 */
function scenarioSpec(spec: string | MockSpec): MockSpec {
  if (typeof spec !== 'string') return spec;
  if (/^https?:\/\//i.test(spec))
    throw new MockStartError('ERR_MOCK_SPEC_UNSUPPORTED', unreadable(withoutUserInfo(spec)));
  const path = resolvePath(spec);
  const shipped = (Object.keys(contracts) as ContractName[]).find((name) => contractPath(name) === path);
  if (shipped !== undefined) {
    if (!isFile(path))
      throw new MockStartError(
        'ERR_MOCK_NOT_BUILT',
        `the spec bundled with @target-groups/mock is missing: ${path} (was the package built?)`,
      );
    return contracts[shipped];
  }
  if (!isFile(path)) throw new MockStartError('ERR_MOCK_SPEC_NOT_FOUND', `spec not found: ${path}`);
  throw new MockStartError('ERR_MOCK_SPEC_UNSUPPORTED', unreadable(path));
}

async function startScenarios(options: StartMockOptions): Promise<MockServer> {
  const spec = options.spec === undefined ? options.scenarios?.spec : scenarioSpec(options.spec);
  try {
    const server = await startScenarioServer({ ...options.scenarios, spec, port: options.port, host: options.host });
    return { engine: 'scenarios', url: server.url, host: server.host, port: server.port, close: server.close };
  } catch (error) {
    if (error instanceof ScenarioOptionError) throw new MockStartError('ERR_MOCK_BAD_OPTION', error.message);
    if (error instanceof ScenarioServerError) throw new MockStartError(error.code, error.message);
    throw error;
  }
}
