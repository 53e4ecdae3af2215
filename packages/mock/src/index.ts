import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';

export type PrismLogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

export interface StartPrismOptions {
  /** OpenAPI document: a file path (relative to the working directory) or an http(s) URL. Default: the spec shipped with this package. */
  spec?: string;
  /** Port to listen on. Default: a free port chosen at start. */
  port?: number;
  /** Interface to listen on. Default: `127.0.0.1`. */
  host?: string;
  /** `--errors`: answer request and response violations with an error response instead of only reporting them. */
  errors?: boolean;
  /** Prism's `--verboseLevel`. Default: `error`. */
  logLevel?: PrismLogLevel;
  /** How long to wait for Prism's first answer before giving up. Default: 30000. */
  startTimeoutMs?: number;
  /** Called with every line Prism writes (stdout and stderr), for callers that want to show or keep its log. */
  onOutput?: (line: string) => void;
}

export interface StartMockOptions extends StartPrismOptions {
  /** `--dynamic`: generate bodies from the schemas instead of serving the named examples. */
  dynamic?: boolean;
  /** `--seed`: makes dynamic bodies deterministic. Only meaningful with `dynamic`. */
  seed?: string | number;
}

export interface PrismServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:43817`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Process id of the Prism process this call started. */
  readonly pid: number;
  /** The OpenAPI document Prism serves. */
  readonly spec: string;
  /** The last lines Prism wrote, for diagnostics. */
  output(): string;
  /** Ends the Prism process this call started (and anything it forked) and resolves once it is gone. Safe to call twice. */
  close(): Promise<void>;
}

export type MockStartErrorCode =
  | 'ERR_MOCK_BAD_OPTION'
  | 'ERR_MOCK_NOT_BUILT'
  | 'ERR_MOCK_SPEC_NOT_FOUND'
  | 'ERR_MOCK_EXITED'
  | 'ERR_MOCK_TIMEOUT';

/** Prism could not be started. `message` is a one-paragraph summary of why; `output` holds what Prism printed. */
export class MockStartError extends Error {
  override readonly name = 'MockStartError';
  constructor(
    readonly code: MockStartErrorCode,
    message: string,
    readonly output = '',
    readonly exitCode: number | null = null,
  ) {
    super(message);
  }
}

const moduleDir = dirname(fileURLToPath(import.meta.url));

/** The spec this package version was built from (`dist/targetGroups.yaml`). */
export const bundledSpecPath: string = join(moduleDir, 'targetGroups.yaml');

const parentWatchPath = join(moduleDir, 'parent-watch.cjs');

/** Starts `prism mock` and resolves once it answers HTTP. */
export function startMock(options: StartMockOptions = {}): Promise<PrismServer> {
  const extra: string[] = [];
  if (options.dynamic) extra.push('--dynamic');
  if (options.seed !== undefined) {
    if (!/^[\w.-]+$/.test(String(options.seed)))
      return Promise.reject(new MockStartError('ERR_MOCK_BAD_OPTION', `seed must be a number or a word, got ${JSON.stringify(options.seed)}`));
    extra.push('--seed', String(options.seed));
  }
  return startPrism('mock', undefined, options, extra);
}

/** Starts `prism proxy` in front of `upstream`, validating the traffic against the spec, and resolves once it answers HTTP. */
export function startProxy(upstream: string, options: StartPrismOptions = {}): Promise<PrismServer> {
  if (!/^https?:\/\/[^\s]+$/.test(upstream))
    return Promise.reject(new MockStartError('ERR_MOCK_BAD_OPTION', `upstream must be an http(s) URL, got ${JSON.stringify(upstream)}`));
  return startPrism('proxy', upstream, options, []);
}

let prismBinCache: string | undefined;

/** Path of the installed Prism CLI's entry script. */
export function prismBinPath(): string {
  if (prismBinCache) return prismBinCache;
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('@stoplight/prism-cli/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.prism;
  if (!bin) throw new Error(`@stoplight/prism-cli at ${dirname(pkgPath)} declares no prism binary`);
  prismBinCache = join(dirname(pkgPath), bin);
  return prismBinCache;
}

const ADDRESS_IN_USE = /EADDRINUSE/;
const AUTO_PORT_ATTEMPTS = 3;

async function startPrism(
  command: 'mock' | 'proxy',
  upstream: string | undefined,
  options: StartPrismOptions,
  extra: string[],
): Promise<PrismServer> {
  const host = options.host ?? '127.0.0.1';
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const logLevel = options.logLevel ?? 'error';
  const fixedPort = options.port;
  if (fixedPort !== undefined && (!Number.isInteger(fixedPort) || fixedPort < 0 || fixedPort > 65535))
    throw new MockStartError('ERR_MOCK_BAD_OPTION', `port must be an integer from 0 to 65535, got ${fixedPort}`);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new MockStartError('ERR_MOCK_BAD_OPTION', `startTimeoutMs must be a positive number, got ${timeoutMs}`);

  const spec = resolveSpec(options.spec);
  const deadline = Date.now() + timeoutMs;

  // A port found free can be taken before Prism binds it; when we chose the port, choose again.
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ? fixedPort : await freePort(host);
    const args = [
      '--require', parentWatchPath,
      prismBinPath(), command, spec, ...(upstream ? [upstream] : []),
      '--host', host, '--port', String(port), '--verboseLevel', logLevel,
      ...(options.errors ? ['--errors'] : []),
      ...extra,
    ];
    try {
      return await launch(args, host, port, spec, deadline, options.onOutput);
    } catch (error) {
      const retry = !fixedPort && attempt < AUTO_PORT_ATTEMPTS && error instanceof MockStartError &&
        error.code === 'ERR_MOCK_EXITED' && ADDRESS_IN_USE.test(error.output);
      if (!retry) throw error;
    }
  }
}

function resolveSpec(spec: string | undefined): string {
  if (spec !== undefined && /^https?:\/\//.test(spec)) return spec;
  const path = spec === undefined ? bundledSpecPath : resolvePath(spec);
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) {
    const what = spec === undefined ? 'the spec bundled with @target-groups/mock (was the package built?)' : 'spec';
    throw new MockStartError('ERR_MOCK_SPEC_NOT_FOUND', `${what} not found: ${path}`);
  }
  return path;
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

// Prism processes still running, so that they end with this process even when nobody calls close().
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) killGroup(child, 'SIGTERM');
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // The child leads its own process group (detached), so this reaches Prism and whatever it forked, nothing else.
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}

const OUTPUT_LINES_KEPT = 200;
const ANSI = /\u001b\[[0-9;]*m/g;

function launch(
  args: string[],
  host: string,
  port: number,
  spec: string,
  deadline: number,
  onOutput: ((line: string) => void) | undefined,
): Promise<PrismServer> {
  if (!existsSync(parentWatchPath))
    throw new MockStartError('ERR_MOCK_NOT_BUILT', `missing ${parentWatchPath} (was @target-groups/mock built?)`);

  const child = spawn(process.execPath, args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
    windowsHide: true,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  live.add(child);
  installExitHook();

  const lines: string[] = [];
  const streams = { stdout: '', stderr: '' };
  const collect = (name: 'stdout' | 'stderr') => {
    let partial = '';
    child[name]!.setEncoding('utf8');
    child[name]!.on('data', (chunk: string) => {
      const text = (partial + chunk).replace(ANSI, '');
      const parts = text.split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > OUTPUT_LINES_KEPT) lines.shift();
        if (streams[name].length < 64_000) streams[name] += line + '\n';
        onOutput?.(line);
      }
    });
    child[name]!.on('end', () => {
      if (partial) {
        lines.push(partial);
        if (streams[name].length < 64_000) streams[name] += partial;
        onOutput?.(partial);
      }
    });
  };
  collect('stdout');
  collect('stderr');
  // The pipe exists so that the child sees EOF when this process dies; nothing is ever written to it.
  child.stdin!.on('error', () => {});

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });
  // Output arrives after 'exit' in some cases; 'close' waits for the streams.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));

  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  const server: PrismServer = {
    url,
    host,
    port,
    pid: child.pid ?? -1,
    spec,
    output: () => lines.join('\n'),
    close() {
      closing ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          killGroup(child, 'SIGTERM');
          const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
          await exited;
          clearTimeout(timer);
        }
        child.stdin?.destroy();
        await closed;
      })();
      return closing;
    },
  };

  return new Promise<PrismServer>((resolve, reject) => {
    let settled = false;
    const fail = (error: MockStartError) => {
      if (settled) return;
      settled = true;
      void server.close().then(() => reject(error));
    };

    child.once('error', (error) => fail(new MockStartError('ERR_MOCK_EXITED', `could not start Prism: ${error.message}`)));

    void exited.then(async ({ code, signal }) => {
      if (settled) return;
      await closed;
      const output = `${streams.stdout}${streams.stderr}`;
      const why = summarizeFailure(streams.stdout, streams.stderr) || (signal ? `killed by ${signal}` : 'no output');
      fail(new MockStartError('ERR_MOCK_EXITED', `Prism exited (code ${code ?? signal}) before answering: ${why}`, output, code));
    });

    const poll = async () => {
      while (!settled) {
        if (Date.now() > deadline) {
          fail(new MockStartError(
            'ERR_MOCK_TIMEOUT',
            `Prism did not answer on ${url} within the start timeout` +
              (lines.length ? `; last output: ${lines.slice(-3).join(' | ').trim()}` : ''),
            lines.join('\n'),
          ));
          return;
        }
        const answer = await probe(url);
        if (settled) return;
        if (answer === 'prism') {
          settled = true;
          resolve(server);
          return;
        }
        // 'other' means someone else holds the port: Prism will exit with EADDRINUSE, which the exit handler reports.
        await sleep(answer === 'none' ? 40 : 100);
      }
    };
    void poll();
  });
}

type ProbeAnswer = 'prism' | 'other' | 'none';

// Any path outside the spec: Prism answers it itself (404 problem document in mock mode), and its CORS
// headers, which it adds to every answer, tell it apart from another server that grabbed the port.
function probe(url: string): Promise<ProbeAnswer> {
  return new Promise((resolve) => {
    const req = request(`${url}/__target-groups-mock-readiness`, { method: 'GET', agent: false, timeout: 1000 }, (res) => {
      res.resume();
      const prism = res.headers['access-control-expose-headers'] !== undefined ||
        String(res.headers['content-type'] ?? '').includes('problem+json');
      resolve(prism ? 'prism' : 'other');
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve('none'));
    req.end();
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const LOG_LINE = /^\[[^\]]*\]\s+›\s+/;
const FATAL = /^\[[^\]]*\]\s+›\s+\[[^\]]*\]\s+\S+\s+fatal\s+(.*)$/;
const HELP_LINES = /^(prism (mock|proxy) <document>.*|Start a (mock|proxy) server.*|Positionals:|Options:)$/;

/** One line saying why Prism stopped, from its fatal log line or the last message on stderr; never a stack trace. */
export function summarizeFailure(stdout: string, stderr: string): string {
  const out = stdout.split('\n');
  const parts: string[] = [];
  for (let i = 0; i < out.length; i++) {
    const match = FATAL.exec(out[i]!);
    if (!match) continue;
    if (match[1]!.trim()) parts.push(match[1]!.trim());
    for (let j = i + 1; j < out.length && !LOG_LINE.test(out[j]!); j++) {
      const line = out[j]!.trim();
      if (line && !line.startsWith('at ')) parts.push(line);
    }
  }
  const errLines = stderr
    .split('\n')
    .filter((line) => line.trim() && !/^\s/.test(line) && !/^[{}]/.test(line) && !HELP_LINES.test(line.trim()));
  const lastErr = errLines.at(-1)?.trim();
  if (lastErr && !parts.some((p) => p.includes(lastErr) || lastErr.includes(p))) parts.push(lastErr);
  const text = parts.join(' ').replace(/\s+/g, ' ').trim();
  return text.length > 600 ? `${text.slice(0, 597)}...` : text;
}
