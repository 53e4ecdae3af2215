#!/usr/bin/env node
// Serves the built docs (dist/) on 127.0.0.1 with sirv-cli, port DOCS_PORT (default 8080), and prints the URL
// once the page actually answers; started with an IPC channel (as the root `pnpm start` starts it), it also
// reports the URL there and stops when that channel closes. Exit codes: 1 the port is taken or the server
// stopped; 2 bad DOCS_PORT or no build.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const distDir = join(appDir, 'dist');
const HOST = '127.0.0.1';

/** @param {number} code @param {string} message @returns {never} */
function fail(code, message) {
  process.stderr.write(`docs: ${message}\n`);
  process.exit(code);
}

const rawPort = process.env.DOCS_PORT ?? '8080';
const port = Number(rawPort);
if (!/^\d+$/.test(rawPort) || port < 1 || port > 65535)
  fail(2, `DOCS_PORT must be a port number (1-65535), got "${rawPort}"`);
if (!existsSync(join(distDir, 'index.html'))) {
  fail(2, `no ${join(distDir, 'index.html')}; build it first: pnpm --filter @target-groups/docs build`);
}

// sirv-cli quietly moves to another port when the asked one is taken; the printed URL would then be wrong.
await new Promise((resolve) => {
  const probe = createServer();
  probe.once('error', (/** @type {NodeJS.ErrnoException} */ error) =>
    fail(
      1,
      error.code === 'EADDRINUSE' ? `port ${port} on ${HOST} is in use; set DOCS_PORT to a free port` : error.message,
    ),
  );
  probe.listen(port, HOST, () => probe.close(() => resolve(undefined)));
});

const require = createRequire(import.meta.url);
const sirvBin = join(dirname(require.resolve('sirv-cli/package.json')), 'bin.js');
const server = spawn(process.execPath, [sirvBin, distDir, '--host', HOST, '--port', String(port), '--quiet'], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => {
  if (signal === 'SIGINT' || signal === 'SIGTERM') process.exit(0);
  fail(1, `the static server stopped (${signal ?? `exit code ${code}`})`);
});

const url = `http://${HOST}:${port}/`;
for (let attempt = 0; ; attempt++) {
  try {
    const response = await fetch(url);
    if (response.ok) break;
  } catch {
    // not listening yet
  }
  if (attempt === 100) {
    server.kill();
    fail(1, `${url} did not answer within 10 seconds`);
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}
process.stdout.write(`Docs: ${url}\n`);
// Started by the root `pnpm start`: tell it, and stop with it.
if (process.send) {
  process.send({ event: 'ready', url });
  process.on('disconnect', () => server.kill('SIGTERM'));
}
