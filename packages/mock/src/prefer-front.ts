// Prism looks for `Prefer: example=NAME` only among the examples of the status it answers with (200 unless told), so
// on its own `example=resourceNotFound` finds nothing. This front sits before Prism and, for an example that lives
// under exactly one other status, adds that status as `code=NNN`; every other request passes through unchanged.
import { readFileSync, statSync } from 'node:fs';
import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Named examples that Prism finds only when told their status: example name → that status. A name under more than
 * one status (or under a range such as `4XX`, or under 200 itself) is left out, so Prism decides for it as before.
 */
export function exampleStatuses(document: unknown): Map<string, number> {
  const seen = new Map<string, Set<string>>();
  const paths = (document as { paths?: unknown } | null)?.paths;
  for (const item of Object.values(isObject(paths) ? paths : {})) {
    const pathItem = resolveRef(document, item);
    if (!isObject(pathItem)) continue;
    for (const method of HTTP_METHODS) {
      const operation = resolveRef(document, pathItem[method]);
      const responses = isObject(operation) ? resolveRef(document, operation.responses) : undefined;
      if (!isObject(responses)) continue;
      for (const [status, rawResponse] of Object.entries(responses)) {
        const content = (resolveRef(document, rawResponse) as { content?: unknown } | undefined)?.content;
        if (!isObject(content)) continue;
        for (const media of Object.values(content)) {
          const examples = (resolveRef(document, media) as { examples?: unknown } | undefined)?.examples;
          if (!isObject(examples)) continue;
          for (const name of Object.keys(examples)) {
            const statuses = seen.get(name) ?? new Set<string>();
            statuses.add(status);
            seen.set(name, statuses);
          }
        }
      }
    }
  }
  const result = new Map<string, number>();
  for (const [name, statuses] of seen) {
    const [only] = statuses;
    if (statuses.size === 1 && only !== undefined && /^[1-5]\d\d$/.test(only) && only !== '200')
      result.set(name, Number(only));
  }
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Local references only: an example in another file stays Prism's business (it is passed through).
function resolveRef(document: unknown, node: unknown): unknown {
  let current = node;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 20; hops++) {
    const ref = current.$ref;
    if (!ref.startsWith('#/')) return undefined;
    current = ref
      .slice(2)
      .split('/')
      .reduce<unknown>(
        (at, key) => (isObject(at) ? at[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined),
        document,
      );
  }
  return current;
}

/**
 * The examples of a spec file, re-read when the file changes (Prism reloads it too) and kept as they were while
 * the file does not parse. For a URL, read once.
 */
export async function exampleStatusesSource(spec: string): Promise<() => Map<string, number>> {
  const fromText = (text: string) => exampleStatuses(parse(text));
  if (/^https?:\/\//.test(spec)) {
    let statuses = new Map<string, number>();
    try {
      const res = await fetch(spec, { signal: AbortSignal.timeout(10_000) });
      if (res.ok) statuses = fromText(await res.text());
    } catch {
      // Prism fetches the document itself and reports why it cannot; without a map every request passes through.
    }
    return () => statuses;
  }
  let statuses = new Map<string, number>();
  let version = '';
  return () => {
    try {
      const stat = statSync(spec);
      const now = `${stat.mtimeMs}:${stat.size}`;
      if (now !== version) {
        version = now;
        statuses = fromText(readFileSync(spec, 'utf8'));
      }
    } catch {
      // Unreadable or mid-edit: keep the last good map; Prism reports the broken spec itself.
    }
    return statuses;
  };
}

/**
 * The `Prefer` value with `code=NNN` added when it names an example (`example=NAME`) of another status and no
 * status of its own; `undefined` when it should pass unchanged. Tokens are read the way Prism's parser reads them:
 * comma-separated preferences, the first one of a name wins, `;` starts parameters, double quotes group.
 */
export function preferWithCode(prefer: string, statuses: ReadonlyMap<string, number>): string | undefined {
  const tokens = new Map<string, string>();
  let start = 0;
  let quoted = false;
  for (let i = 0; i <= prefer.length; i++) {
    const char = i < prefer.length ? prefer[i] : ',';
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      const preference = prefer.slice(start, i);
      start = i + 1;
      const head = splitUnquoted(preference, ';')[0]!;
      const eq = head.indexOf('=');
      const token = (eq < 0 ? head : head.slice(0, eq)).trim().toLowerCase();
      let value = eq < 0 ? '' : head.slice(eq + 1).trim();
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      if (!tokens.has(token)) tokens.set(token, value);
    }
  }
  // An unbalanced quote would swallow whatever is appended.
  if (quoted) return undefined;
  if (tokens.has('code')) return undefined;
  const name = tokens.get('example');
  const status = name ? statuses.get(name) : undefined;
  return status === undefined ? undefined : `${prefer}, code=${status}`;
}

function splitUnquoted(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

// Per-connection headers: each side of the front has its own connection and Node writes these for it.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-authenticate',
  'proxy-authorization',
]);

function forwardedHeaders(raw: string[], prefer: string | undefined): string[] {
  const out: string[] = [];
  let preferWritten = false;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower)) continue;
    if (prefer !== undefined && lower === 'prefer') {
      // Several Prefer lines read as one list (as Prism reads them); the rewritten list replaces them all.
      if (!preferWritten) out.push(name, prefer);
      preferWritten = true;
      continue;
    }
    out.push(name, raw[i + 1]!);
  }
  return out;
}

export interface PreferFront {
  readonly server: Server;
  readonly port: number;
  /** Points the front at Prism once it answers; until then requests wait. */
  connect(upstreamPort: number): void;
  close(): Promise<void>;
}

/** Listens on `host:port`; resolves once bound, rejects with the listen error (such as EADDRINUSE). */
export function startPreferFront(
  host: string,
  port: number,
  statuses: () => ReadonlyMap<string, number>,
): Promise<PreferFront> {
  let connectUpstream!: (port: number) => void;
  const upstream = new Promise<number>((resolve) => (connectUpstream = resolve));
  const agent = new Agent({ keepAlive: true });

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const rawPrefer = req.headers.prefer;
    const prefer = Array.isArray(rawPrefer) ? rawPrefer.join(', ') : rawPrefer;
    const rewritten = prefer === undefined ? undefined : preferWithCode(prefer, statuses());
    void upstream.then((upstreamPort) => {
      const out = request(
        {
          host: '127.0.0.1',
          port: upstreamPort,
          method: req.method,
          path: req.url,
          headers: forwardedHeaders(req.rawHeaders, rewritten) as unknown as Record<string, string>,
          agent,
        },
        (answer) => {
          const headers: string[] = [];
          for (let i = 0; i + 1 < answer.rawHeaders.length; i += 2) {
            if (!HOP_BY_HOP.has(answer.rawHeaders[i]!.toLowerCase()))
              headers.push(answer.rawHeaders[i]!, answer.rawHeaders[i + 1]!);
          }
          res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
          answer.pipe(res);
          answer.on('error', () => res.destroy());
        },
      );
      out.on('error', (error: NodeJS.ErrnoException) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        // Prism restarts its server when the spec file changes; for that moment it does not accept connections.
        const body = JSON.stringify({
          type: 'https://stoplight.io/prism/errors#UPSTREAM_UNAVAILABLE',
          title: 'The mock is not answering',
          status: 502,
          detail: `Prism did not answer (${error.code ?? error.message}); it restarts for a moment when the spec file changes.`,
        });
        res.writeHead(502, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
      req.pipe(out);
      req.on('error', () => out.destroy());
      res.on('close', () => {
        if (!res.writableFinished) out.destroy();
      });
    });
  };

  const server = createServer(handle);
  return new Promise<PreferFront>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      let closing: Promise<void> | undefined;
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        connect: connectUpstream,
        close: () =>
          (closing ??= new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
            agent.destroy();
          })),
      });
    });
  });
}
