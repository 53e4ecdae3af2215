// `target-groups-mock`: the contract mock, the validating proxy or the scenario engine as a dev server. See the README.
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { PrismServer, SelectableExample } from './index.js';
import { watchLaunchers } from './launcherWatch.js';
import { builtInOperations, isScenarioName, scenarioNames } from './scenarios/names.js';

// Prism loads hundreds of modules: only its commands import it, so that `scenarios` starts without them.
const prism = () => Promise.all([import('./index.js'), import('./prism.js')]);

const USAGE = `usage: target-groups-mock [--spec FILE] [--dynamic]          the contract mock (Prism) on 127.0.0.1:$MOCK_PORT (default 4010)
       target-groups-mock proxy UPSTREAM [--spec FILE]     a validating proxy on 127.0.0.1:$MOCK_PROXY_PORT (default 4011)
       target-groups-mock scenarios [--drifts]             the scenario engine on $MOCK_HOST:$MOCK_PORT (default 127.0.0.1:4010)
A port of 0 is a free port. MOCK_SCENARIO: the scenario engine's default scenario.`;

/** Bad usage or settings; a port already in use; any other failure to start. */
const EXIT_USAGE = 2;
const EXIT_PORT_IN_USE = 3;
const EXIT_FAILED = 1;

class UsageError extends Error {}

/** The one reading of a port variable: decimal digits from 0 (a free port) to 65535. */
function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535)
    throw new UsageError(`${name} must be a port number from 0 to 65535 (0: a free port), got ${JSON.stringify(raw)}`);
  return Number(raw);
}

const log = (line: string) => {
  if (line.trim()) console.log(`prism: ${line}`);
};

// The spec's example till credentials (user `store.till`, the MD5 of `secret`): the mock only checks that a
// credential is sent.
const TRY_CREDENTIALS = 'store.till:5ebe2294ecd0e0f08eab7690d2a6ee69';

async function serveMock(spec: string | undefined, dynamic: boolean): Promise<PrismServer> {
  // Settings are read before Prism loads: a bad one is refused at once.
  const port = portFromEnv('MOCK_PORT', 4010);
  const [{ startMock }, { withoutUserInfo }] = await prism();
  const mock = await startMock({ spec, port, dynamic, onLog: log });
  const examples = mock.examples();
  const width = Math.max(0, ...examples.map((e) => e.name.length));
  // Relative to where the command was typed (pnpm runs package scripts in the package's folder).
  const shown = /^https?:/.test(mock.spec)
    ? withoutUserInfo(mock.spec)
    : relative(process.env.INIT_CWD || process.cwd(), mock.spec) || mock.spec;
  const lines = [
    `Contract mock (Prism) listening on ${mock.url}`,
    `  spec: ${shown}${spec === undefined ? ' (the contract built into this package)' : ' (reloaded when it changes)'}`,
    '',
    'Named examples, per operation (select one with the Prefer header on its path; without it, the first example',
    'of the first 2xx):',
    ...examples.flatMap((e, i) => [
      // An example belongs to its operation: on another operation's path its name is unknown.
      ...(i === 0 || examples[i - 1]!.path !== e.path ? [`  ${e.method} ${e.path}`] : []),
      `    ${e.status}  ${e.name.padEnd(width)}  Prefer: ${e.prefer}${e.summary ? `  (${e.summary})` : ''}`,
    ]),
    '',
  ];
  const sample = examples.find((e) => e.status === 200 && e !== examples[0]) ?? examples[0];
  const command = sample ? await tryCommand(mock.url, sample) : undefined;
  if (command) lines.push('Try:', `  ${command}`, '');
  const banner = lines.join('\n');
  console.log(banner);
  // Started by the root `pnpm start` (with an IPC channel): it prints the banner in its own ready block.
  process.send?.({ event: 'ready', url: mock.url, banner });
  return mock;
}

/**
 * A curl for `sample` that works as printed: the user in its path is the user its body is about, read from the
 * mock's own answer (user 1 when that answer names none).
 */
async function tryCommand(url: string, sample: SelectableExample): Promise<string> {
  const withUser = (userId: string) => sample.path.replace(/\{[^}]+\}/g, userId);
  let userId = '1';
  try {
    const answer = await fetch(`${url}${withUser(userId)}`, {
      headers: { prefer: sample.prefer, authorization: `Basic ${Buffer.from(TRY_CREDENTIALS).toString('base64')}` },
      signal: AbortSignal.timeout(5_000),
    });
    const body = (await answer.json()) as { data?: { userId?: unknown } } | null;
    if (/^\d+$/.test(String(body?.data?.userId))) userId = String(body?.data?.userId);
  } catch {
    // No user to read: the curl asks for user 1.
  }
  return `curl -s -u '${TRY_CREDENTIALS}' -H 'Prefer: ${sample.prefer}' '${url}${withUser(userId)}'`;
}

async function serveProxy(upstream: string, spec: string | undefined): Promise<PrismServer> {
  if (!/^https?:\/\/[^\s/]+/.test(upstream))
    throw new UsageError(`UPSTREAM must be an http(s) URL, got ${JSON.stringify(upstream)}`);
  const port = portFromEnv('MOCK_PROXY_PORT', 4011);
  const [{ startProxy }, { withoutUserInfo }] = await prism();
  const proxy = await startProxy(upstream.replace(/\/+$/, ''), { spec, port, errors: true, onLog: log });
  console.log(
    [
      `Validating proxy (Prism, --errors) listening on ${proxy.url}`,
      `  forwards to ${withoutUserInfo(upstream)}, checks every request and response against ${withoutUserInfo(proxy.spec)}`,
      '  a response that breaks the contract comes back as 500 with the violations in the sl-violations header',
      '',
    ].join('\n'),
  );
  return proxy;
}

async function serveScenarios(drifts: boolean): Promise<{ url: string; close(): Promise<void> }> {
  const defaultScenario = process.env.MOCK_SCENARIO || undefined;
  if (defaultScenario !== undefined && !isScenarioName(defaultScenario))
    throw new UsageError(
      `MOCK_SCENARIO must be one of ${scenarioNames.join(', ')}, got ${JSON.stringify(defaultScenario)}`,
    );
  const port = portFromEnv('MOCK_PORT', 4010);
  const { startScenarioServer } = await import('./scenarios/server.js');
  const server = await startScenarioServer({
    port,
    host: process.env.MOCK_HOST || '127.0.0.1',
    defaultScenario,
    drifts,
  });
  const served = builtInOperations.map((operation) => `GET ${operation.path}`).join(', ');
  console.log(
    [
      `Scenario mock of ${served} listening on ${server.url}${drifts ? ' (with the drifted bodies)' : ''}`,
      `  Prefer: scenario=NAME with NAME one of ${scenarioNames.join(', ')}`,
      '  Prefer: example=NAME for a named example of the contract',
      `  try: curl -u store.till:5ebe2294ecd0e0f08eab7690d2a6ee69 ${server.url}/v3/users/999/targetGroups`,
      '',
    ].join('\n'),
  );
  return server;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    allowPositionals: true,
    options: {
      spec: { type: 'string' },
      dynamic: { type: 'boolean' },
      drifts: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  // Before the mock starts: a signal, or the end of the command that started it, must end it even while it starts.
  let server: { close(): Promise<void> } | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // A request that never ends must not keep the port: leave after a second whatever close() is waiting for.
    setTimeout(() => process.exit(code), 1000).unref();
    await server?.close();
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0));
  watchLaunchers((pid) => {
    console.error(`target-groups-mock: the command that started it (pid ${pid}) ended; stopping`);
    void stop(0);
  });

  const [command, ...rest] = positionals;
  if (values.drifts && command !== 'scenarios') throw new UsageError('--drifts is an option of scenarios');
  if (command === undefined) server = await serveMock(values.spec, values.dynamic ?? false);
  else if (command === 'proxy' && rest.length === 1 && !values.dynamic)
    server = await serveProxy(rest[0]!, values.spec);
  else if (command === 'scenarios' && rest.length === 0 && !values.dynamic && values.spec === undefined)
    server = await serveScenarios(values.drifts ?? false);
  else if (command === 'proxy' || command === 'scenarios')
    throw new UsageError(command === 'proxy' ? 'proxy takes one UPSTREAM URL' : 'scenarios takes only --drifts');
  else throw new UsageError(`unknown command ${command}`);
}

main().catch((error: unknown) => {
  if (
    error instanceof UsageError ||
    (error instanceof TypeError && 'code' in error && /^ERR_PARSE_ARGS/.test(String(error.code)))
  ) {
    console.error(`target-groups-mock: ${error.message}\n${USAGE}`);
    process.exit(EXIT_USAGE);
  }
  // MockStartError (Prism), ScenarioServerError and ScenarioOptionError (the scenario engine) share their codes.
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (code.startsWith('ERR_MOCK_')) {
    console.error(`target-groups-mock: could not start: ${(error as Error).message}`);
    if (code === 'ERR_MOCK_PORT_IN_USE') process.exit(EXIT_PORT_IN_USE);
    process.exit(code === 'ERR_MOCK_SPEC_NOT_FOUND' || code === 'ERR_MOCK_BAD_OPTION' ? EXIT_USAGE : EXIT_FAILED);
  }
  console.error(`target-groups-mock: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(EXIT_FAILED);
});
