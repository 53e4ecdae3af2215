#!/usr/bin/env node
// The bench's peer: Prism's own packages in a process of their own, started as `prism mock SPEC` starts them
// (getHttpOperationsFromSpec, then prism-http-server's createServer with the default mocker), without any of
// startMock's additions. Prints `listening on http://HOST:PORT`, as Prism's CLI does. Usage: prismChild.mjs SPEC
import { createLogger } from '@stoplight/prism-core';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';

const operations = await getHttpOperationsFromSpec(process.argv[2]);
const logger = createLogger('PRISM', { level: 'silent' });
const server = createServer(operations, {
  cors: true,
  config: {
    isProxy: false,
    mock: { dynamic: false },
    upstreamProxy: undefined,
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: false,
  },
  components: { logger },
});
process.stdout.write(`listening on ${await server.listen(0, '127.0.0.1')}\n`);
process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
