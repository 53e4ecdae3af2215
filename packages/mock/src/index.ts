import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleStatusesSource, startPreferFront, type PreferFront } from './prefer-front.js';

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
  /** How long to wait for Prism's first answer before giving up. Default: 60000 (a loaded CI machine can take tens of seconds). */
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
  /** Settles when the Prism process has ended, for whatever reason, with its exit code (`null` when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** Ends the Prism process this call started (and anything it forked), and the front of `startMock`, and resolves once they are gone. Safe to call twice. */
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

/**
 * Starts `prism mock` behind a small front that lets `Prefer: example=NAME` reach examples of any status, and
 * resolves once it answers HTTP. The URL and port are the front's; `pid` is Prism's.
 */
export async function startMock(options: StartMockOptions = {}): Promise<PrismServer> {
  const extra: string[] = [];
  if (options.dynamic) extra.push('--dynamic');
  if (options.seed !== undefined) {
    if (!/^[\w.-]+$/.test(String(options.seed)))
      throw new MockStartError(
        'ERR_MOCK_BAD_OPTION',
        `seed must be a number or a word, got ${JSON.stringify(options.seed)}`,
      );
    extra.push('--seed', String(options.seed));
  }
  const host = options.host ?? '127.0.0.1';
  const port = checkedPort(options.port);
  const spec = resolveSpec(options.spec);
  const statuses = await exampleStatusesSource(spec);

  let front: PreferFront;
  try {
    front = await startPreferFront(host, port, statuses);
  } catch (error) {
    // Same code as when Prism itself cannot bind: callers already handle a taken port through it.
    throw new MockStartError('ERR_MOCK_EXITED', `could not listen on ${host}:${port}: ${(error as Error).message}`);
  }
  let prism: PrismServer;
  try {
    prism = await startPrism('mock', undefined, { ...options, spec, host: '127.0.0.1', port: 0 }, extra);
  } catch (error) {
    await front.close();
    throw error;
  }
  front.connect(prism.port);
  // Without Prism the front has nothing to offer: refuse connections as a stopped mock would.
  void prism.exited.then(() => front.close());
  const url = `http://${urlHost(host)}:${front.port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    host,
    port: front.port,
    pid: prism.pid,
    spec,
    output: prism.output,
    exited: prism.exited,
    close: () => (closing ??= Promise.all([front.close(), prism.close()]).then(() => undefined)),
  };
}

/** Starts `prism proxy` in front of `upstream`, validating the traffic against the spec, and resolves once it answers HTTP. */
export function startProxy(upstream: string, options: StartPrismOptions = {}): Promise<PrismServer> {
  if (!/^https?:\/\/[^\s]+$/.test(upstream))
    return Promise.reject(
      new MockStartError('ERR_MOCK_BAD_OPTION', `upstream must be an http(s) URL, got ${JSON.stringify(upstream)}`),
    );
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

async function startPrism(
  command: 'mock' | 'proxy',
  upstream: string | undefined,
  options: StartPrismOptions,
  extra: string[],
): Promise<PrismServer> {
  const host = options.host ?? '127.0.0.1';
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const logLevel = options.logLevel ?? 'error';
  const port = checkedPort(options.port);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new MockStartError('ERR_MOCK_BAD_OPTION', `startTimeoutMs must be a positive number, got ${timeoutMs}`);

  const spec = resolveSpec(options.spec);
  // Port 0: the OS picks a free port as Prism binds, and the preload reports which one.
  const args = [
    '--require',
    parentWatchPath,
    prismBinPath(),
    command,
    spec,
    ...(upstream ? [upstream] : []),
    '--host',
    host,
    '--port',
    String(port),
    '--verboseLevel',
    logLevel,
    ...(options.errors ? ['--errors'] : []),
    ...extra,
  ];
  return launch(args, host, spec, Date.now() + timeoutMs, options.onOutput);
}

function checkedPort(option: number | undefined): number {
  const port = option ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new MockStartError('ERR_MOCK_BAD_OPTION', `port must be an integer from 0 to 65535, got ${option}`);
  return port;
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
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the colour codes this strips.
const ANSI = /\u001b\[[0-9;]*m/g;

function launch(
  args: string[],
  host: string,
  spec: string,
  deadline: number,
  onOutput: ((line: string) => void) | undefined,
): Promise<PrismServer> {
  if (!existsSync(parentWatchPath))
    throw new MockStartError('ERR_MOCK_NOT_BUILT', `missing ${parentWatchPath} (was @target-groups/mock built?)`);

  const child = spawn(process.execPath, args, {
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    detached: true,
    windowsHide: true,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', TARGET_GROUPS_MOCK_REPORT_FD: '3' },
  });
  live.add(child);
  installExitHook();
  const stdin = child.stdin!;
  const report = child.stdio[3] as NodeJS.ReadableStream & { destroy(): void };
  // The stdin pipe exists so that the child sees EOF when this process dies; nothing is ever written to it.
  stdin.on('error', () => {});
  report.on('error', () => {});

  const lines: string[] = [];
  const streams = { stdout: '', stderr: '' };
  const keep = (name: 'stdout' | 'stderr', line: string) => {
    // Prism logs the readiness probe's unknown path as an error; it is ours, not the caller's.
    if (line.includes(READINESS_PATH)) return;
    lines.push(line);
    if (lines.length > OUTPUT_LINES_KEPT) lines.shift();
    if (streams[name].length < 64_000) streams[name] += `${line}\n`;
    onOutput?.(line);
  };
  const drained = (['stdout', 'stderr'] as const).map(
    (name) =>
      new Promise<void>((resolve) => {
        const stream = child[name]!;
        let partial = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => {
          const parts = (partial + chunk).split('\n');
          partial = parts.pop() ?? '';
          for (const line of parts) keep(name, line.replace(ANSI, ''));
        });
        stream.on('close', () => {
          if (partial) keep(name, partial.replace(ANSI, ''));
          resolve();
        });
      }),
  );

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      // Nothing of ours may keep this process alive once Prism is gone.
      stdin.destroy();
      report.destroy();
      resolve({ code, signal });
    });
  });

  let bound: number | undefined;
  const boundPort = new Promise<number>((resolve) => {
    let text = '';
    report.setEncoding?.('utf8');
    report.on('data', (chunk: string | Buffer) => {
      text += String(chunk);
      const newline = text.indexOf('\n');
      if (newline < 0 || bound !== undefined) return;
      try {
        bound = (JSON.parse(text.slice(0, newline)) as { port: number }).port;
        resolve(bound);
      } catch {
        // Not a report; keep waiting for Prism to answer or exit.
      }
    });
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        killGroup(child, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
      await Promise.all(drained);
    })();
    return closing;
  };

  return new Promise<PrismServer>((resolve, reject) => {
    let settled = false;
    const fail = (error: MockStartError) => {
      if (settled) return;
      settled = true;
      void close().then(() => reject(error));
    };

    child.once('error', (error) =>
      fail(new MockStartError('ERR_MOCK_EXITED', `could not start Prism: ${error.message}`)),
    );

    void exited.then(async ({ code, signal }) => {
      if (settled) return;
      await Promise.all(drained);
      const output = `${streams.stdout}${streams.stderr}`;
      const why = summarizeFailure(streams.stdout, streams.stderr) || (signal ? `killed by ${signal}` : 'no output');
      fail(
        new MockStartError(
          'ERR_MOCK_EXITED',
          `Prism exited (${signal ?? `code ${code}`}) before answering: ${why}`,
          output,
          code,
        ),
      );
    });

    const timer = setTimeout(
      () => {
        const where = bound === undefined ? 'bind its port' : `answer on port ${bound}`;
        fail(
          new MockStartError(
            'ERR_MOCK_TIMEOUT',
            `Prism did not ${where} within the start timeout` +
              (lines.length ? `; last output: ${lines.slice(-3).join(' | ').trim()}` : ''),
            lines.join('\n'),
          ),
        );
      },
      Math.max(0, deadline - Date.now()),
    );
    timer.unref();

    void boundPort.then(async (port) => {
      const url = `http://${urlHost(host)}:${port}`;
      // Bound is not yet serving: wait for the first HTTP answer.
      while (!settled) {
        if (await answers(url)) {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({
            url,
            host,
            port,
            pid: child.pid ?? -1,
            spec,
            output: () => lines.join('\n'),
            exited: exited.then(({ code }) => code),
            close,
          });
          return;
        }
        await sleep(25);
      }
    });
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

const READINESS_PATH = '/__target-groups-mock-readiness';

// Any path outside the spec will do: Prism answers it itself, which proves the server loop is running.
function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${url}${READINESS_PATH}`, { method: 'GET', agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
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
function summarizeFailure(stdout: string, stderr: string): string {
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
  // Prism's YAML parser repeats its own prefix ("Error parsing F: Error parsing F: ...").
  const text = parts
    .join(' ')
    .replace(/\s+/g, ' ')
    .replace(/(Error parsing [^:]+: )\1+/g, '$1')
    .trim();
  return text.length > 600 ? `${text.slice(0, 597)}...` : text;
}
