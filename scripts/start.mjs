#!/usr/bin/env node
// `pnpm start`: builds what the docs and the contract mock need (and lints the spec), starts both on 127.0.0.1,
// and ends with one ready block: both URLs, the mock's named examples and a curl that works as printed.
//
//   pnpm start [--verbose]        DOCS_PORT (default 8080), MOCK_PORT (default 4010)
//
// The build's output is shown only when it fails (--verbose shows it as it runs). Each server tells this script
// that it is ready over an IPC channel; what a server prints before that is shown only if it fails to start.
// Ctrl-C (or SIGTERM) stops both and waits until both ports are free.
//
// Exit codes: 0 stopped by a signal; 1 the build (or the spec's lint) failed; 2 bad invocation or a bad or taken
// port; 3 a server did not start, or stopped on its own.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 60_000;
const EXIT = { BUILD: 1, USAGE: 2, SERVER: 3 };

/** @param {number} code @param {string} message @returns {never} */
function fail(code, message) {
  process.stderr.write(`start: ${message}\n`);
  process.exit(code);
}

const args = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = args.filter((arg) => arg !== '--verbose');
if (unknown.length > 0) fail(EXIT.USAGE, `unknown argument ${unknown[0]}\nusage: pnpm start [--verbose]`);
const verbose = args.includes('--verbose');

/** @param {string} name @param {number} fallback */
function portSetting(name, fallback) {
  const raw = process.env[name] ?? '';
  if (raw === '') return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    fail(EXIT.USAGE, `${name} must be a port number from 1 to 65535, got ${JSON.stringify(raw)}`);
  }
  return port;
}
const servers = [
  { name: 'docs', setting: 'DOCS_PORT', port: portSetting('DOCS_PORT', 8080), script: 'apps/docs/scripts/start.mjs' },
  {
    name: 'mock',
    setting: 'MOCK_PORT',
    port: portSetting('MOCK_PORT', 4010),
    script: 'packages/mock/bin/target-groups-mock.mjs',
  },
];
if (servers[0]?.port === servers[1]?.port) fail(EXIT.USAGE, 'DOCS_PORT and MOCK_PORT must differ');

// Before a build of a minute: a port that is taken now would only fail at the end.
for (const server of servers) {
  await new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (/** @type {NodeJS.ErrnoException} */ error) =>
      fail(
        EXIT.USAGE,
        error.code === 'EADDRINUSE'
          ? `port ${server.port} on ${HOST} is in use; set ${server.setting} to a free port`
          : `cannot listen on ${HOST}:${server.port} (${server.setting}): ${error.message}`,
      ),
    );
    probe.listen(server.port, HOST, () => probe.close(() => resolve(undefined)));
  });
}

// 1. The build, as turbo caches it: what the docs and the mock need, and the spec's lint gate.
const started = Date.now();
process.stdout.write(
  `Building the spec, types, client, docs and mock${verbose ? '' : ' (output only on failure; pnpm start --verbose shows it)'}...\n`,
);
const build = spawn(
  join(root, 'node_modules/.bin/turbo'),
  [
    'run',
    'build',
    '@target-groups/spec#lint',
    '--filter=@target-groups/docs',
    '--filter=@target-groups/mock',
    `--output-logs=${verbose ? 'full' : 'errors-only'}`,
  ],
  { cwd: root, env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
);
let buildOutput = '';
for (const stream of [build.stdout, build.stderr]) {
  stream.on('data', (chunk) => {
    if (verbose) process.stdout.write(chunk);
    else buildOutput += chunk;
  });
}
/** @type {Array<{ name: string, child: import('node:child_process').ChildProcess, ready?: { url: string, banner?: string }, output: string }>} */
const running = [];
let stopping = false;

/** Stops the build or both servers, waits for them to end (the servers' ports free), and exits. @param {number} code */
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    [build, ...running.map((entry) => entry.child)].map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve(undefined);
          const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve(undefined);
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  process.exit(code);
}
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.on(signal, () => void stopAll(0));
}

const buildCode = await new Promise((resolve) => {
  build.on('error', (error) => fail(EXIT.BUILD, `could not run turbo: ${error.message}`));
  build.on('close', (code) => resolve(code ?? 1));
});
// Stopped by a signal during the build: stopAll exits once turbo has ended.
if (stopping) await new Promise(() => {});
if (buildCode !== 0) {
  process.stderr.write(buildOutput);
  fail(EXIT.BUILD, `the build failed (turbo exit code ${buildCode}); nothing was started.`);
}
process.stdout.write(
  `Built in ${((Date.now() - started) / 1000).toFixed(1)} s; starting the docs and the contract mock...\n`,
);

// 2. Both servers, each reporting readiness (and the mock its banner) over IPC.
const allReady = Promise.all(
  servers.map(
    (server) =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [join(root, server.script)], {
          cwd: root,
          env: { ...process.env, [server.setting]: String(server.port) },
          stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        });
        const entry = { name: server.name, child, ready: undefined, output: '' };
        running.push(entry);
        for (const [stream, sink] of /** @type {const} */ ([
          [child.stdout, process.stdout],
          [child.stderr, process.stderr],
        ])) {
          stream?.on('data', (chunk) => {
            // After the ready block, what a server prints (its request log, a warning) is shown as it comes.
            if (entry.ready && !stopping) sink.write(chunk);
            else entry.output += chunk;
          });
        }
        child.on('message', (/** @type {{ event?: string, url?: string, banner?: string }} */ message) => {
          if (message?.event !== 'ready' || typeof message.url !== 'string' || entry.ready) return;
          entry.ready = { url: message.url, banner: message.banner };
          resolve(undefined);
        });
        child.on('exit', (code, signal) => {
          if (stopping) return;
          process.stderr.write(entry.output);
          process.stderr.write(
            `start: the ${server.name} server ${entry.ready ? 'stopped' : 'did not start'} (${signal ?? `exit code ${code}`}); stopping.\n`,
          );
          void stopAll(EXIT.SERVER);
        });
      }),
  ),
);
const timeout = setTimeout(() => {
  const late = running.filter((entry) => !entry.ready).map((entry) => entry.name);
  for (const entry of running) if (!entry.ready) process.stderr.write(entry.output);
  process.stderr.write(`start: the ${late.join(' and ')} server did not report ready within 60 s; stopping.\n`);
  void stopAll(EXIT.SERVER);
}, READY_TIMEOUT_MS);
await allReady;
clearTimeout(timeout);

// 3. One ready block: both URLs, then the mock's banner (named examples and a curl for one of them).
const [docs, mock] = running;
process.stdout.write(
  [
    '',
    'Ready: the docs and the contract mock are serving (Ctrl-C stops both).',
    '',
    `Docs: ${docs?.ready?.url} (the same reference as Markdown: ${docs?.ready?.url}index.md)`,
    '',
    (mock?.ready?.banner ?? `Contract mock: ${mock?.ready?.url}`).trimEnd(),
    '',
  ].join('\n'),
);
