import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A 127.0.0.1 server on a free port that answers every request with a small YAML document and records it. */
export interface RecordingServer {
  url: string;
  /** `METHOD /path` of every request received. */
  requests: string[];
  close(): Promise<void>;
}

export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.setHeader('content-type', 'application/yaml');
    res.end('type: string\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
