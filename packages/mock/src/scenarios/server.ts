// The HTTP face: plain node:http over the scenario engine, for consumers that need a port (other processes, curl).
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ScenarioEngineOptions, createScenarioEngine } from './engine.js';
import { ScenarioOptionError } from './names.js';

export interface ScenarioServerOptions extends ScenarioEngineOptions {
  /** Port to listen on (default 0: the OS picks a free one). */
  port?: number;
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
}

export interface ScenarioServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:43817`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Stops listening, ends open connections and resolves once the port is free. Safe to call twice. */
  close(): Promise<void>;
}

/** A port the OS cannot bind, or already taken, as one line. */
export class ScenarioServerError extends Error {
  override readonly name = 'ScenarioServerError';
  constructor(
    readonly code: 'ERR_MOCK_PORT_IN_USE' | 'ERR_MOCK_LISTEN',
    message: string,
  ) {
    super(message);
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // The only body the engine reads is the small OAuth token request.
      if (size > 65_536) request.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export async function startScenarioServer(options: ScenarioServerOptions = {}): Promise<ScenarioServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new ScenarioOptionError(`port must be an integer from 0 to 65535, got ${JSON.stringify(options.port)}`);
  const engine = createScenarioEngine(options);

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const aborted = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) aborted.abort(new Error('client went away'));
    });
    engine
      .handle({
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        header: (name) => {
          const value = request.headers[name.toLowerCase()];
          return Array.isArray(value) ? value.join(', ') : value;
        },
        text: () => readBody(request),
        signal: aborted.signal,
      })
      .then(
        (answer) => {
          if (answer.kind === 'reset') {
            request.socket.destroy();
            return;
          }
          response.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
          response.end(answer.body);
        },
        () => {
          // Only an aborted `slow` wait rejects: the client is gone, nothing to answer.
          if (!response.headersSent) request.socket.destroy();
        },
      );
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new ScenarioServerError('ERR_MOCK_PORT_IN_USE', `port ${port} on ${host} is already in use`)
          : new ScenarioServerError('ERR_MOCK_LISTEN', `could not listen on ${host}:${port}: ${error.message}`),
      );
    });
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${bound}`,
    host,
    port: bound,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
