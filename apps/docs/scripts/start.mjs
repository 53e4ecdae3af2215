#!/usr/bin/env node
// Serves the built docs (dist/) on 127.0.0.1, port DOCS_PORT (default 8080), and prints the URL once it listens;
// started with an IPC channel (as the root `pnpm start` starts it), it also reports the URL there and stops when
// that channel closes. Exit codes: 1 the port is taken; 2 bad DOCS_PORT or no build.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveDirectory } from './browser.mjs';

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));

/** @param {number} code @param {string} message @returns {never} */
function fail(code, message) {
  process.stderr.write(`docs: ${message}\n`);
  process.exit(code);
}

const rawPort = process.env.DOCS_PORT ?? '8080';
const port = Number(rawPort);
if (!/^\d+$/.test(rawPort) || port < 1 || port > 65535) {
  fail(2, `DOCS_PORT must be a port number (1-65535), got "${rawPort}"`);
}
if (!existsSync(`${distDir}index.html`)) {
  fail(2, `no ${distDir}index.html; build it first: pnpm --filter @target-groups/docs build`);
}

let server;
try {
  server = await serveDirectory(distDir, port);
} catch (error) {
  const { code, message } = /** @type {NodeJS.ErrnoException} */ (error);
  fail(1, code === 'EADDRINUSE' ? `port ${port} on 127.0.0.1 is in use; set DOCS_PORT to a free port` : message);
}
const stop = () => server.close().then(() => process.exit(0));
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, stop);
process.stdout.write(`Docs: ${server.url}\n`);
// Started by the root `pnpm start`: tell it, and stop with it.
if (process.send) {
  process.send({ event: 'ready', url: server.url });
  process.on('disconnect', stop);
}
