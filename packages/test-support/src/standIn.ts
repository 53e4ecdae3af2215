/**
 * The one local stand-in for the vendor's API, for tests: serves the seed's real bodies by userId, drifted copies of
 * them and the vendor's error answers, behind the vendor's authentication (HTTP Basic with the MD5 of the password,
 * or an OAuth token from `POST /v3/oauth/token/generate`). A test can replace the answers with its own handler, or
 * make the stand-in redirect to another server. Listens on 127.0.0.1 on a free port and records every request,
 * headers and body included, so that a test can prove which credentials reached which server.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { seedFixtures } from '@target-groups/spec';

export interface StandInCredentials {
  username: string;
  password: string;
  key: string;
  secret: string;
}

export interface CannedAnswer {
  status: number;
  /** A JSON value, or a string sent as is (for bodies that are not JSON). */
  body: unknown;
  contentType?: string;
}

export interface StandInOptions {
  credentials?: Partial<StandInCredentials>;
  /** Extra or replacement answers by userId. */
  answers?: Record<string, CannedAnswer>;
  /** Accept unauthenticated requests (e.g. behind a proxy that does not forward credentials). Default: false. */
  open?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Path and query, as received. */
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Whether the vendor's authentication accepted it. */
  authenticated: boolean;
}

/** A test's own answers: the request (with its body read) and the response to write. */
export type Handler = (req: IncomingMessage & { body: string }, res: ServerResponse) => unknown;

export type RedirectStatus = 301 | 302 | 303 | 307 | 308;

export interface Redirect {
  status: RedirectStatus;
  /** The origin to send the client to; the request's path and query are kept, as a moved API would do. */
  to: string;
  /** Which requests are redirected (default `all`): the API call, the OAuth token request, or both. */
  only?: 'api' | 'token';
}

export interface StandIn {
  url: string;
  credentials: StandInCredentials;
  /** Every request since the start, never reset. */
  requests: RecordedRequest[];
  /** The requests since the last `handle()` or `redirect()`. */
  received: RecordedRequest[];
  /** Answer with `handler` from now on; without one, answer as the vendor (the default). */
  handle(handler?: Handler): void;
  /** Redirect from now on; without an argument, stop redirecting. */
  redirect(redirect?: Redirect): void;
  close(): Promise<void>;
}

/** A drifted body: what changed, and where and how the contract check must report it. */
export interface Drift {
  userId: string;
  kind:
    | 'type-changed'
    | 'required-dropped'
    | 'undocumented-field'
    | 'new-enum-value'
    | 'legacy-timestamp-format'
    | 'unexpected-null';
  description: string;
  pointer: string;
  severity: 'error' | 'warning';
}

type Json = Record<string, unknown>;

export const TOKEN_PATH = '/v3/oauth/token/generate';

const seeds = seedFixtures().map((fixture) => fixture.value as Json);

function userIdOf(body: Json): string | undefined {
  const data = body.data as Json | null | undefined;
  return data && (typeof data.userId === 'number' || typeof data.userId === 'string') ? String(data.userId) : undefined;
}

/** userIds of the seed's real bodies, as served. */
export const SEED_USER_IDS: readonly string[] = seeds.map(userIdOf).filter((id): id is string => id !== undefined);

// The richest seed body (it has the ISO fields and the newer target fields) is the base of every drift.
const DRIFT_BASE = seeds.find((body) => userIdOf(body) === '566881933') ?? seeds[0];

interface DriftRecipe extends Drift {
  apply(body: Json): void;
}

function target0(body: Json): Json {
  const data = body.data as { targetGroups: { targets: Json[] }[] };
  return data.targetGroups[0]!.targets[0]!;
}

const DRIFT_RECIPES: DriftRecipe[] = [
  {
    userId: '900000001',
    kind: 'type-changed',
    description: 'targetValue sent as a string',
    pointer: '/data/targetGroups/0/targets/0/targetValue',
    severity: 'error',
    apply: (b) => {
      target0(b).targetValue = '10000.000';
    },
  },
  {
    userId: '900000002',
    kind: 'required-dropped',
    description: 'targetRuleId no longer sent',
    pointer: '/data/targetGroups/0/targets/0/targetRuleId',
    severity: 'error',
    apply: (b) => {
      delete target0(b).targetRuleId;
    },
  },
  {
    userId: '900000003',
    kind: 'undocumented-field',
    description: 'a new field rewardExpiryDate on the target',
    pointer: '/data/targetGroups/0/targets/0/rewardExpiryDate',
    severity: 'warning',
    apply: (b) => {
      target0(b).rewardExpiryDate = '2025-12-31';
    },
  },
  {
    userId: '900000004',
    kind: 'new-enum-value',
    description: 'targetEvaluationType ROLLING_WINDOW',
    pointer: '/data/targetGroups/0/targetEvaluationType',
    severity: 'warning',
    apply: (b) => {
      ((b.data as Json).targetGroups as Json[])[0]!.targetEvaluationType = 'ROLLING_WINDOW';
    },
  },
  {
    userId: '900000005',
    kind: 'legacy-timestamp-format',
    description: 'enrolledOn sent as RFC 3339 (colon in the offset, no milliseconds) instead of the legacy format',
    pointer: '/data/targetGroups/0/targets/0/enrolledOn',
    severity: 'error',
    apply: (b) => {
      target0(b).enrolledOn = '2025-11-12T09:51:10+00:00';
    },
  },
  {
    userId: '900000006',
    kind: 'unexpected-null',
    description: 'periodId sent as null',
    pointer: '/data/targetGroups/0/targets/0/periodId',
    severity: 'error',
    apply: (b) => {
      target0(b).periodId = null;
    },
  },
];

export const DRIFTS: readonly Drift[] = DRIFT_RECIPES.map(({ apply: _apply, ...drift }) => drift);

/** userIds answered with the vendor's failures. */
export const VENDOR_ERROR_USER_IDS = {
  /** HTTP 200, `data: null`, an errors list: how the vendor says "not found". */
  notFound: '900000404',
  /** HTTP 500 in the vendor's envelope. */
  serverError: '900000500',
  /** HTTP 502 with an HTML page, as a gateway in front of the vendor answers. */
  badGateway: '900000502',
} as const;

export function envelopeError(code: number, message: string): Json {
  return { data: null, errors: [{ code, message }], warnings: null };
}

/** Writes a whole answer: a JSON value, or a string as is, with its length. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'X-Cap-Requestid': randomUUID(),
    ...headers,
  });
  res.end(text);
}

function defaultAnswers(): Map<string, CannedAnswer> {
  const answers = new Map<string, CannedAnswer>();
  for (const body of seeds) {
    const id = userIdOf(body);
    if (id) answers.set(id, { status: 200, body });
  }
  if (DRIFT_BASE) {
    for (const recipe of DRIFT_RECIPES) {
      const body = structuredClone(DRIFT_BASE);
      (body.data as Json).userId = Number(recipe.userId);
      ((body.data as Json).customer as Json).id = Number(recipe.userId);
      recipe.apply(body);
      answers.set(recipe.userId, { status: 200, body });
    }
  }
  answers.set(VENDOR_ERROR_USER_IDS.notFound, {
    status: 200,
    body: envelopeError(8015, 'Customer not found for given identifiers'),
  });
  answers.set(VENDOR_ERROR_USER_IDS.serverError, { status: 500, body: envelopeError(500, 'Internal server error') });
  answers.set(VENDOR_ERROR_USER_IDS.badGateway, {
    status: 502,
    body: '<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>',
    contentType: 'text/html',
  });
  return answers;
}

const BOOLEAN = /^(true|false)$/;
const INTEGER = /^-?\d{1,19}$/;
const REQUEST_BODY_LIMIT = 64 * 1024;

/** `targetRuleId` narrows an answer to the target group, or the targets, with that id. */
function narrow(body: unknown, ruleId: string): unknown {
  const copy = structuredClone(body) as {
    data?: { targetGroups?: { id?: unknown; targets?: { targetRuleId?: unknown; targetId?: unknown }[] }[] } | null;
  };
  if (copy.data?.targetGroups) {
    copy.data.targetGroups = copy.data.targetGroups
      .map((group) =>
        String(group.id) === ruleId
          ? group
          : {
              ...group,
              targets: (group.targets ?? []).filter(
                (t) => String(t.targetRuleId) === ruleId || String(t.targetId) === ruleId,
              ),
            },
      )
      .filter((group) => String(group.id) === ruleId || (group.targets ?? []).length > 0);
  }
  return copy;
}

export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const credentials: StandInCredentials = {
    username: 'stand-in.till',
    password: 'stand-in-password',
    key: 'stand-in-key',
    secret: 'stand-in-secret',
    ...options.credentials,
  };
  const answers = defaultAnswers();
  for (const [id, answer] of Object.entries(options.answers ?? {})) answers.set(id, answer);
  const expectedBasic = `Basic ${Buffer.from(`${credentials.username}:${createHash('md5').update(credentials.password).digest('hex')}`).toString('base64')}`;
  const tokens = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const received: RecordedRequest[] = [];
  let handler: Handler | undefined;
  let redirect: Redirect | undefined;

  const authenticated = (req: IncomingMessage): boolean => {
    if (options.open) return true;
    if (req.headers.authorization === expectedBasic) return true;
    const token = req.headers['x-cap-api-oauth-token'];
    const expires = typeof token === 'string' ? tokens.get(token) : undefined;
    return expires !== undefined && expires > Date.now();
  };

  const vendor = (req: IncomingMessage & { body: string }, res: ServerResponse, auth: boolean) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === TOKEN_PATH) {
      if (req.method !== 'POST') return json(res, 405, envelopeError(405, 'Method not allowed'));
      let body: { key?: unknown; secret?: unknown } = {};
      try {
        body = JSON.parse(req.body) as typeof body;
      } catch {
        return json(res, 400, envelopeError(310145, 'Invalid key'));
      }
      if (body.key !== credentials.key || body.secret !== credentials.secret)
        return json(res, 401, envelopeError(310145, 'Invalid key'));
      const accessToken = randomUUID();
      tokens.set(accessToken, Date.now() + 300_000);
      return json(res, 200, { data: { accessToken, ttlSeconds: 300 }, errors: null });
    }

    const match = /^\/v3\/users\/([^/]+)\/targetGroups\/?$/.exec(url.pathname);
    if (!match) return json(res, 404, envelopeError(404, 'Resource not found'));
    if (req.method !== 'GET') return json(res, 405, envelopeError(405, 'Method not allowed'));
    if (!auth) return json(res, 401, envelopeError(401, 'Invalid credentials'));
    const userId = decodeURIComponent(match[1]!);
    if (!INTEGER.test(userId)) return json(res, 400, envelopeError(310011, 'Invalid userId'));
    for (const flag of ['includeInactive', 'includeInactiveTargets']) {
      const value = url.searchParams.get(flag);
      if (value !== null && !BOOLEAN.test(value))
        return json(res, 400, envelopeError(310011, `Invalid value for ${flag}`));
    }
    const ruleId = url.searchParams.get('targetRuleId');
    if (ruleId !== null && !INTEGER.test(ruleId)) return json(res, 400, envelopeError(310011, 'Invalid targetRuleId'));

    const answer = answers.get(userId) ?? {
      status: 200,
      body: envelopeError(8015, 'Customer not found for given identifiers'),
    };
    const narrowed =
      ruleId !== null && answer.status === 200 && typeof answer.body === 'object' && answer.body !== null;
    return json(
      res,
      answer.status,
      narrowed ? narrow(answer.body, ruleId) : answer.body,
      answer.contentType ? { 'Content-Type': answer.contentType } : {},
    );
  };

  const sockets = new Set<Socket>();
  const server = createServer(async (req, res) => {
    try {
      let body = '';
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > REQUEST_BODY_LIMIT) throw new Error('request body too large');
        body += chunk.toString('utf8');
      }
      const auth = authenticated(req);
      const entry = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, authenticated: auth };
      requests.push(entry);
      received.push(entry);
      const isToken = new URL(req.url ?? '/', 'http://127.0.0.1').pathname === TOKEN_PATH;
      if (redirect && (!redirect.only || (redirect.only === 'token') === isToken)) {
        res.writeHead(redirect.status, { Location: `${redirect.to}${req.url ?? '/'}`, 'Content-Length': '0' });
        return void res.end();
      }
      await (handler ? handler(Object.assign(req, { body }), res) : vendor(Object.assign(req, { body }), res, auth));
    } catch {
      res.destroy();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    credentials,
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
