// A stand-in for the vendor API on 127.0.0.1 (free port): each test sets how it answers and reads what it received.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: IncomingMessage & { body: string }, res: ServerResponse) => unknown;

export interface StandIn {
  url: string;
  received: Received[];
  /** Every request since the start, never reset. */
  everything: Received[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startStandIn(): Promise<StandIn> {
  let handler: Handler = (_req, res) =>
    json(res, 500, { data: null, errors: [{ code: 1, message: 'no handler' }], warnings: null });
  const received: Received[] = [];
  const everything: Received[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
    received.push(entry);
    everything.push(entry);
    try {
      await handler(Object.assign(req, { body }), res);
    } catch {
      res.destroy();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    everything,
    handle(next) {
      handler = next;
      received.length = 0;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function envelopeError(code: number, message: string) {
  return { data: null, errors: [{ code, message }], warnings: null };
}
