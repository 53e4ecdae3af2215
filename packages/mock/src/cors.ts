/**
 * The mock's CORS policy. Prism's server (with `cors` on) answers preflights itself and reflects any `Origin` with
 * `Access-Control-Allow-Credentials: true`, so that any web page a developer opens could read, with the browser's
 * credentials, what the mock or the validating proxy (which forwards to the real API) answers. Here credentials are
 * allowed only for loopback origins (`http://localhost:*`, `http://127.0.0.1:*`, `http://[::1]:*`, any port) and
 * the origins a caller lists; other origins still get `Access-Control-Allow-Origin` (the mock's answers are the
 * spec's own examples), without credentials.
 *
 * Prism's `createServer` has no option for this and no hook before its handler, so the policy is applied to each
 * response of the mock's own listener through Node's `http.server.request.start` diagnostics channel, which is
 * published before the server's request handler runs.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export interface CorsPolicy {
  /** Origins allowed to send credentials besides loopback ones, exactly as browsers send them (`https://app.test`). */
  credentialedOrigins: readonly string[];
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a browser at `origin` may call the mock with credentials. */
export function allowsCredentials(origin: string, policy: CorsPolicy): boolean {
  if (policy.credentialedOrigins.includes(origin)) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

interface RequestStart {
  request: IncomingMessage;
  response: ServerResponse;
  server: Server;
}

const CHANNEL = 'http.server.request.start';
/** Policies by listening address (`host:port` as the server reports it). */
const policies = new Map<string, CorsPolicy>();
const servers = new WeakMap<Server, CorsPolicy | null>();

const addressKey = (address: string, port: number) => `${address}|${port}`;

function policyOf(server: Server): CorsPolicy | undefined {
  let policy = servers.get(server);
  if (policy === undefined) {
    const address = server.address();
    policy =
      (address && typeof address === 'object' && policies.get(addressKey(address.address, address.port))) || null;
    servers.set(server, policy);
  }
  return policy ?? undefined;
}

function onRequestStart(message: unknown): void {
  const { request, response, server } = message as RequestStart;
  const policy = policyOf(server);
  const origin = request.headers.origin;
  if (!policy || origin === undefined) return;
  response.setHeader('Vary', 'Origin');
  if (allowsCredentials(origin, policy)) return;
  const setHeader = response.setHeader;
  response.setHeader = function (this: ServerResponse, name: string, value: number | string | readonly string[]) {
    if (name.toLowerCase() === 'access-control-allow-credentials') return this;
    return setHeader.call(this, name, value);
  } as ServerResponse['setHeader'];
}

/** Applies `policy` to the server listening on `address:port`; returns the function that stops applying it. */
export function applyCorsPolicy(address: string, port: number, policy: CorsPolicy): () => void {
  if (policies.size === 0) subscribe(CHANNEL, onRequestStart);
  const key = addressKey(address, port);
  policies.set(key, policy);
  return () => {
    if (policies.get(key) !== policy) return;
    policies.delete(key);
    if (policies.size === 0) unsubscribe(CHANNEL, onRequestStart);
  };
}
