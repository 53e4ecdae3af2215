// The HTTP face: plain node:http over the scenario engine, for consumers that need a port (other processes, curl),
// and the fake vendor of this repository's own tests: it records every request (headers and body, and whether the
// vendor's authentication accepted it), can redirect to another origin, and can answer with a test's own handler.
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createScenarioEngine, type ScenarioEngineOptions, type ScenarioRequest } from './engine.js';
import { ScenarioOptionError } from './names.js';
import { TOKEN_PATH, type VendorCredentials } from './vendor.js';

export interface ScenarioServerOptions extends Omit<ScenarioEngineOptions, 'credentials'> {
  /** Port to listen on (default 0: the OS picks a free one). */
  port?: number;
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /**
   * The one account accepted: Basic `username` with the MD5 of `password` (or `passwordMd5`, as the vendor receives
   * it), and the OAuth `key` and `secret` of the token request. Default: any credential of the right form.
   */
  credentials?: VendorCredentials | (Omit<VendorCredentials, 'passwordMd5'> & { password: string });
}

export interface RecordedRequest {
  method: string;
  /** Path and query, as received. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Whether the vendor's authentication accepted it. */
  authenticated: boolean;
}

/** A test's own answers: the request (with its body read) and the response to write. */
export type ScenarioServerHandler = (request: IncomingMessage & { body: string }, response: ServerResponse) => unknown;

export interface ScenarioRedirect {
  status: 301 | 302 | 303 | 307 | 308;
  /** The origin to send the client to; the request's path and query are kept, as a moved API does. */
  to: string;
  /** Which requests are redirected (default: all): the API calls, or the OAuth token request. */
  only?: 'api' | 'token';
}

export interface ScenarioServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:43817`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Every request since the start. */
  readonly requests: RecordedRequest[];
  /** The requests since the last `handle()` or `redirect()`. */
  readonly received: RecordedRequest[];
  /** Answer with `handler` from now on; without one, with the engine again. */
  handle(handler?: ScenarioServerHandler): void;
  /** Redirect from now on; without an argument, stop redirecting. */
  redirect(redirect?: ScenarioRedirect): void;
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

/** The only bodies the engine reads are small OAuth token requests. */
const BODY_LIMIT = 65_536;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startScenarioServer(options: ScenarioServerOptions = {}): Promise<ScenarioServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new ScenarioOptionError(`port must be an integer from 0 to 65535, got ${JSON.stringify(options.port)}`);
  const { credentials, ...engineOptions } = options;
  const engine = createScenarioEngine({
    ...engineOptions,
    credentials:
      credentials && 'password' in credentials
        ? {
            username: credentials.username,
            passwordMd5: createHash('md5').update(credentials.password).digest('hex'),
            key: credentials.key,
            secret: credentials.secret,
          }
        : credentials,
  });
  const requests: RecordedRequest[] = [];
  const received: RecordedRequest[] = [];
  let handler: ScenarioServerHandler | undefined;
  let redirect: ScenarioRedirect | undefined;

  async function serve(request: IncomingMessage, response: ServerResponse, aborted: AbortSignal): Promise<void> {
    const body = await readBody(request);
    const asked: ScenarioRequest = {
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      header: (name) => {
        const value = request.headers[name.toLowerCase()];
        return Array.isArray(value) ? value.join(', ') : value;
      },
      text: async () => body,
      signal: aborted,
    };
    const recorded: RecordedRequest = {
      method: asked.method,
      path: asked.url,
      headers: request.headers,
      body,
      authenticated: engine.authenticated(asked),
    };
    requests.push(recorded);
    received.push(recorded);
    const isToken = new URL(asked.url, 'http://mock.invalid').pathname === TOKEN_PATH;
    if (redirect && (!redirect.only || (redirect.only === 'token') === isToken)) {
      response.writeHead(redirect.status, { location: `${redirect.to}${asked.url}`, 'content-length': '0' });
      return void response.end();
    }
    if (handler) return void (await handler(Object.assign(request, { body }), response));
    const answer = await engine.handle(asked);
    if (answer.kind === 'reset') return void request.socket.destroy();
    response.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
    response.end(answer.body);
  }

  const server = createServer((request, response) => {
    const aborted = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) aborted.abort(new Error('client went away'));
    });
    // Rejects on an aborted `slow` wait (the client is gone), a body over the limit or a test handler's throw.
    serve(request, response, aborted.signal).catch(() => {
      if (!response.headersSent) request.socket.destroy();
    });
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
    requests,
    received,
    handle(next) {
      handler = next;
      received.length = 0;
    },
    redirect(next) {
      redirect = next;
      received.length = 0;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
