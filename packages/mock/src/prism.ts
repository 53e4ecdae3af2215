// Prism in this process, through its own packages, as its CLI runs it (packages/cli/src/util/createServer.ts in
// stoplightio/prism): the spec's operations from `getHttpOperationsFromSpec`, a server from `createServer`.
import { mkdtempSync, rmSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createLogger } from '@stoplight/prism-core';
import { getHttpOperationsFromSpec, type IHttpConfig } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';
import { readSpecFiles, SpecReadError } from '@target-groups/spec/guard';
import { applyCorsPolicy, type CorsPolicy } from './cors.js';
import { acceptEveryInt64 } from './int64.js';
import { preferringMock, type HttpOperation } from './prismPrefer.js';

export type PrismLogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

export interface PrismRun {
  /** A file path or an http(s) URL. */
  spec: string;
  host: string;
  port: number;
  config: IHttpConfig;
  cors: CorsPolicy | false;
  logLevel: PrismLogLevel;
  onLog: ((line: string) => void) | undefined;
  /** Re-read the spec file when it changes, serving the new operations on the same port. */
  watch: boolean;
  deadline: number;
}

export interface RunningPrism {
  operations: HttpOperation[];
  address: { host: string; port: number };
  close(): Promise<void>;
}

export class SpecLoadError extends Error {}
export class ListenError extends Error {}
export class StartTimeoutError extends Error {}

/** One line for a pino record of Prism's: `error [VALIDATOR] message`. */
function formatLog(record: string, labels: Record<number, string>): string {
  try {
    const { level, name, msg } = JSON.parse(record) as { level: number; name?: string; msg?: string };
    return `${labels[level] ?? level}${name ? ` [${name}]` : ''} ${msg ?? ''}`.trimEnd();
  } catch {
    return record.trimEnd();
  }
}

// Prism's reader reports a YAML error over several lines and with its own prefix repeated.
const oneLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error))
    .replace(/\s+/g, ' ')
    .replace(/(Error parsing [^:]+: )\1+/g, '$1')
    .trim();

/** A path or URL as it may be shown: a URL without the user name and password it may carry. */
export function withoutUserInfo(spec: string): string {
  if (!/^https?:\/\//.test(spec)) return spec;
  const url = new URL(spec);
  url.username = '';
  url.password = '';
  return url.href;
}

/**
 * A spec URL's text, fetched with the platform's own fetch. Prism's reference parser fetches with an AbortSignal of
 * its own, which Node 26's fetch refuses ("Expected signal ... to be an instance of AbortSignal"). A user name and
 * password in the URL go in an Authorization header, as a browser would send them, never in a message.
 */
async function downloadSpec(spec: string, signal: AbortSignal | undefined): Promise<string> {
  const url = new URL(spec);
  const headers: Record<string, string> = { accept: 'application/yaml, application/json;q=0.9, */*;q=0.5' };
  if (url.username || url.password) {
    const user = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers.authorization = `Basic ${Buffer.from(user).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  let response: Response;
  try {
    response = await fetch(url, { headers, signal, redirect: 'error' });
  } catch (error) {
    throw new SpecLoadError(
      `${withoutUserInfo(spec)}: Error downloading: ${oneLine(error).split(spec).join(url.href)}`,
    );
  }
  if (!response.ok) throw new SpecLoadError(`${withoutUserInfo(spec)}: Error downloading: HTTP ${response.status}`);
  return response.text();
}

export async function loadOperations(spec: string, signal?: AbortSignal): Promise<HttpOperation[]> {
  let operations: HttpOperation[];
  let scratch: string | undefined;
  try {
    let source = spec;
    // Prism resolves every `$ref`, one inside an example included, fetching URLs and reading any file: the spec
    // reader's guard refuses a remote or out-of-tree reference (and a YAML alias bomb) before Prism reads the spec.
    if (/^https?:\/\//i.test(spec)) {
      const text = await downloadSpec(spec, signal);
      readSpecFiles({ text, name: withoutUserInfo(spec) });
      scratch = mkdtempSync(join(tmpdir(), 'target-groups-mock-spec-'));
      source = join(scratch, /\.json$/i.test(new URL(spec).pathname) ? 'spec.json' : 'spec.yaml');
      writeFileSync(source, text);
    } else readSpecFiles(spec);
    operations = (await getHttpOperationsFromSpec(source)) as HttpOperation[];
  } catch (error) {
    if (error instanceof SpecLoadError) throw error;
    if (error instanceof SpecReadError) throw new SpecLoadError(error.message);
    const message = oneLine(error).split(spec).join(withoutUserInfo(spec));
    throw new SpecLoadError(`${withoutUserInfo(spec)}: ${message}`);
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
  if (operations.length === 0) throw new SpecLoadError(`${withoutUserInfo(spec)}: no operations found`);
  return acceptEveryInt64(operations);
}

function withDeadline<T>(promise: Promise<T>, deadline: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new StartTimeoutError(`${what} took longer than the start timeout`)),
      deadline - Date.now(),
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function runPrism(run: PrismRun): Promise<RunningPrism> {
  const reading = new AbortController();
  const operations = await withDeadline(
    loadOperations(run.spec, reading.signal),
    run.deadline,
    `reading ${withoutUserInfo(run.spec)}`,
  ).catch((error: unknown) => {
    reading.abort();
    throw error;
  });
  const onLog = run.onLog;
  const logger = createLogger(
    'PRISM',
    { level: onLog ? run.logLevel : 'silent' },
    { write: (record: string) => onLog?.(formatLog(record, logger.levels.labels)) },
  );
  const server = createServer(operations, {
    cors: run.cors !== false,
    config: run.config,
    components: { logger, mock: preferringMock },
  });
  let listening: string;
  try {
    listening = await server.listen(run.port, run.host);
  } catch (error) {
    // Prism rejects with the listen error's message alone (`listen EADDRINUSE: address already in use ...`).
    throw new ListenError(`could not listen on ${run.host}:${run.port}: ${oneLine(error)}`);
  }
  // `http://ADDRESS:PORT`, from the server's own address(): the port the OS gave when asked for port 0.
  const at = listening.lastIndexOf(':');
  const address = { host: listening.slice('http://'.length, at), port: Number(listening.slice(at + 1)) };
  const stopCors = run.cors === false ? () => {} : applyCorsPolicy(address.host, address.port, run.cors);

  let watcher: FSWatcher | undefined;
  if (run.watch) watcher = watchSpec(run.spec, operations, onLog);

  let closing: Promise<void> | undefined;
  return {
    operations,
    address,
    close: () =>
      (closing ??= (async () => {
        watcher?.close();
        await server.close();
        stopCors();
      })()),
  };
}

/**
 * Re-reads the spec when its file changes and swaps the operations the server answers from, in place: the server
 * looks them up on every request, so it stays on its port and in-flight requests finish on the old ones. A spec
 * that does not load is reported and the last good one stays.
 */
function watchSpec(spec: string, operations: HttpOperation[], onLog: ((line: string) => void) | undefined): FSWatcher {
  let timer: NodeJS.Timeout | undefined;
  let generation = 0;
  const reload = async () => {
    const mine = ++generation;
    try {
      const fresh = await loadOperations(spec);
      if (mine !== generation) return;
      operations.splice(0, operations.length, ...fresh);
      onLog?.(`info [SPEC] reloaded ${spec}`);
    } catch (error) {
      if (mine === generation) onLog?.(`error [SPEC] kept the last good spec: ${(error as Error).message}`);
    }
  };
  // The directory, not the file: editors save by writing a new file and renaming it over the old one.
  const watcher = watch(dirname(spec), (_event, file) => {
    if (file !== null && file !== basename(spec)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), 100);
  });
  watcher.on('close', () => clearTimeout(timer));
  watcher.unref();
  return watcher;
}
