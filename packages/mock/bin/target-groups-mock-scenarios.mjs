#!/usr/bin/env node
// Serves the scenario engine over HTTP: MOCK_PORT (default 4010), MOCK_HOST (default 127.0.0.1) and
// MOCK_SCENARIO (a default scenario, e.g. forwardCompatible). Stops on Ctrl-C / SIGTERM.
import { ScenarioOptionError, ScenarioServerError, scenarioNames, startScenarioServer } from '../dist/scenarios.js';

const EXIT_BAD_OPTION = 2;
const EXIT_PORT = 3;

const rawPort = process.env.MOCK_PORT ?? '4010';
if (!/^\d{1,5}$/.test(rawPort) || Number(rawPort) > 65_535) {
  process.stderr.write(`target-groups-mock-scenarios: MOCK_PORT must be a port number (0-65535), got "${rawPort}"\n`);
  process.exit(EXIT_BAD_OPTION);
}
let server;
try {
  server = await startScenarioServer({
    port: Number(rawPort),
    host: process.env.MOCK_HOST || '127.0.0.1',
    defaultScenario: process.env.MOCK_SCENARIO || undefined,
  });
} catch (error) {
  const known = error instanceof ScenarioOptionError || error instanceof ScenarioServerError;
  process.stderr.write(`target-groups-mock-scenarios: ${known ? error.message : String(error)}\n`);
  process.exit(error instanceof ScenarioServerError ? EXIT_PORT : EXIT_BAD_OPTION);
}
process.stdout.write(
  `Scenario mock of GET /v3/users/{userId}/targetGroups on ${server.url}\n` +
    `  Prefer: scenario=NAME with NAME one of ${scenarioNames.join(', ')}\n` +
    `  Prefer: example=NAME for a named example of the contract\n` +
    `  try: curl -u store.till:5ebe2294ecd0e0f08eab7690d2a6ee69 ${server.url}/v3/users/999/targetGroups\n`,
);
const stop = () => server.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
