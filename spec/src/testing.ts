/**
 * `@target-groups/spec/testing`, for tests only: specs that every tool must refuse, a server that proves what a tool
 * fetched, and the helpers of every package's tests that start programs (a free port, a freed port, a CLI run to its
 * end). (The package is private; nothing here ships.)
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { type AddressInfo, connect, createServer as createNetServer } from 'node:net';

/**
 * A spec whose component schemas nest eight levels of nine aliases each: a few hundred bytes that every walker of
 * schemas (Redocly's resolver, a validator, a diff) expands to 9^8 property schemas. Its first alias is on line 7.
 */
export function aliasBombText(): string {
  const properties = (value: string) => `{ ${Array.from({ length: 9 }, (_, i) => `p${i}: ${value}`).join(', ')} }`;
  const lines = ['openapi: 3.1.0', "info: { title: bomb, version: '1' }", 'paths: {}', 'components:', '  schemas:'];
  lines.push(`    L0: &l0 { type: object, properties: ${properties('{ type: string }')} }`);
  for (let level = 1; level < 8; level++)
    lines.push(`    L${level}: &l${level} { type: object, properties: ${properties(`*l${level - 1}`)} }`);
  return `${lines.join('\n')}\n`;
}

/** A 127.0.0.1 server on a free port that records every request and answers it with a small YAML document. */
export interface RecordingServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** `METHOD /path` of every request received, in order. */
  requests: string[];
  /** What to answer for a path (`/spec.json`); any other path gets `type: string`. */
  bodies: Map<string, string>;
  close(): Promise<void>;
}

export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: string[] = [];
  const bodies = new Map<string, string>();
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.setHeader('content-type', 'application/yaml');
    res.end(bodies.get(req.url ?? '') ?? 'type: string\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    bodies,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A port that was free a moment ago, for programs that take their port from an argument or the environment. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts connections on 127.0.0.1:`port`. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Whether the port stops accepting connections within `ms`. */
export async function freedWithin(port: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!(await listening(port))) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !(await listening(port));
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  input?: string | Buffer;
  /** The whole environment besides PATH: nothing (no credential) leaks in from the shell that runs the tests. */
  env?: Record<string, string>;
  cwd?: string;
  /** Node's own flags, before the script (`--max-old-space-size=64`). */
  nodeOptions?: string[];
}

/** Runs a Node script (a built CLI) to its end and collects its exit code and output. */
export function runCli(script: string, args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeOptions ?? []), script, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
