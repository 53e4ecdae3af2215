// `target-groups-mock-scenarios` (`pnpm mock:scenarios`): the scenario engine over HTTP as a dev server.
// MOCK_PORT (default 4010; 0: a free port), MOCK_HOST (default 127.0.0.1) and MOCK_SCENARIO (a default scenario,
// e.g. forwardCompatible). Stops on a signal, and when the command that started it ends (see launcherWatch.ts).
import { watchLaunchers } from './launcherWatch.js';
import {
  type ScenarioServer,
  ScenarioOptionError,
  ScenarioServerError,
  isScenarioName,
  scenarioNames,
  startScenarioServer,
} from './scenarios/index.js';

const NAME = 'target-groups-mock-scenarios';
const EXIT_BAD_OPTION = 2;
const EXIT_PORT = 3;

function fail(message: string, code: number): never {
  process.stderr.write(`${NAME}: ${message}\n`);
  process.exit(code);
}

const rawPort = process.env.MOCK_PORT ?? '4010';
if (!/^\d{1,5}$/.test(rawPort) || Number(rawPort) > 65_535)
  fail(`MOCK_PORT must be a port number (0-65535), got "${rawPort}"`, EXIT_BAD_OPTION);

let server: ScenarioServer | undefined;
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  // A request that never ends must not keep the port: leave after a second whatever close() is waiting for.
  setTimeout(() => process.exit(0), 1000).unref();
  await server?.close();
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop());
watchLaunchers((pid) => {
  process.stderr.write(`${NAME}: the command that started it (pid ${pid}) ended; stopping\n`);
  void stop();
});

const defaultScenario = process.env.MOCK_SCENARIO || undefined;
if (defaultScenario !== undefined && !isScenarioName(defaultScenario))
  fail(`MOCK_SCENARIO must be one of ${scenarioNames.join(', ')}, got "${defaultScenario}"`, EXIT_BAD_OPTION);

try {
  server = await startScenarioServer({
    port: Number(rawPort),
    host: process.env.MOCK_HOST || '127.0.0.1',
    defaultScenario,
  });
} catch (error) {
  if (error instanceof ScenarioServerError) fail(error.message, EXIT_PORT);
  if (error instanceof ScenarioOptionError) fail(error.message, EXIT_BAD_OPTION);
  fail(error instanceof Error ? error.message : String(error), 1);
}
process.stdout.write(
  `Scenario mock of GET /v3/users/{userId}/targetGroups on ${server.url}\n` +
    `  Prefer: scenario=NAME with NAME one of ${scenarioNames.join(', ')}\n` +
    `  Prefer: example=NAME for a named example of the contract\n` +
    `  try: curl -u store.till:5ebe2294ecd0e0f08eab7690d2a6ee69 ${server.url}/v3/users/999/targetGroups\n`,
);
