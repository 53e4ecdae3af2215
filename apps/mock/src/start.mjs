#!/usr/bin/env node
// @ts-check
// `pnpm mock`: the contract mock on 127.0.0.1:$MOCK_PORT (default 4010), serving spec/targetGroups.yaml.
import { relative } from 'node:path';
import { MockStartError, startMock } from '@target-groups/mock';
import {
  MOCK_BASIC_PASSWORD_MD5,
  MOCK_BASIC_USER,
  loadCatalog,
  pathFor,
  preferHeader,
  userIdFor,
  workspaceSpecPath,
} from './catalog.mjs';
import { UsageError, portFromEnv, serveUntilStopped } from './env.mjs';

try {
  const port = portFromEnv('MOCK_PORT', 4010);
  const catalog = loadCatalog(workspaceSpecPath);
  const mock = await startMock({
    spec: workspaceSpecPath,
    port,
    logLevel: 'error',
    // Quiet: only what Prism reports as an error (such as a request that breaks the contract) reaches the terminal.
    onOutput: (line) => line.trim() && !line.includes('Starting Prism') && console.log(`prism: ${line}`),
  });

  const width = Math.max(...catalog.examples.map((e) => e.name.length));
  const lines = [
    `Contract mock (Prism) listening on ${mock.url}`,
    `  spec: ${relative(process.cwd(), workspaceSpecPath) || workspaceSpecPath}`,
    `  ${catalog.pathTemplate}; statuses ${catalog.statuses.join(', ')}`,
    '',
    `Named examples (select with the Prefer header; the first one of a status is served without it):`,
    ...catalog.examples.map(
      (e) => `  ${e.status}  ${e.name.padEnd(width)}  Prefer: ${preferHeader(e)}${e.summary ? `  (${e.summary})` : ''}`,
    ),
    '',
  ];
  const sample = catalog.examples.find((e) => e.status === 200 && !e.first) ?? catalog.examples[0];
  if (sample) {
    lines.push(
      'Try:',
      `  curl -s -u '${MOCK_BASIC_USER}:${MOCK_BASIC_PASSWORD_MD5}' -H 'Prefer: ${preferHeader(sample)}' '${mock.url}${pathFor(catalog, userIdFor(sample))}'`,
      '',
    );
  }
  console.log(lines.join('\n'));
  serveUntilStopped(mock, 'the contract mock');
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`mock: ${error.message}`);
    process.exit(2);
  }
  if (error instanceof MockStartError) {
    console.error(`mock: could not start Prism: ${error.message}`);
    process.exit(error.code === 'ERR_MOCK_SPEC_NOT_FOUND' || error.code === 'ERR_MOCK_BAD_OPTION' ? 2 : 1);
  }
  console.error(`mock: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
