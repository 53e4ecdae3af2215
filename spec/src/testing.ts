/**
 * `@target-groups/spec/testing`, for tests only: specs that every tool must refuse, and a server that proves what
 * a tool fetched. (The package is private; nothing here ships.)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

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
