/**
 * A local stand-in for the vendor's API, for tests: serves the seed's real bodies by userId, drifted copies of them,
 * and the vendor's error answers, behind the vendor's authentication (HTTP Basic with the MD5 of the password, or an
 * OAuth token from `POST /v3/oauth/token/generate`). Listens on 127.0.0.1 on a free port.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import seedBodies from './generated/seedBodies.json' with { type: 'json' };
import type { Severity } from './types.js';

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
  path: string;
  authenticated: boolean;
}

export interface StandIn {
  url: string;
  credentials: StandInCredentials;
  requests: RecordedRequest[];
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
  severity: Severity;
}

type Json = Record<string, unknown>;

const seeds = seedBodies as { name: string; body: Json }[];

function userIdOf(body: Json): string | undefined {
  const data = body.data as Json | null | undefined;
  return data && (typeof data.userId === 'number' || typeof data.userId === 'string') ? String(data.userId) : undefined;
}

/** userIds of the seed's real bodies, as served. */
export const SEED_USER_IDS: readonly string[] = seeds
  .map((s) => userIdOf(s.body))
  .filter((id): id is string => id !== undefined);

// The richest seed body (it has the ISO fields and the newer target fields) is the base of every drift.
const DRIFT_BASE = seeds.find((s) => userIdOf(s.body) === '566881933')?.body ?? seeds[0]?.body;

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

function envelopeError(code: number, message: string): Json {
  return { data: null, errors: [{ code, message }], warnings: null };
}

function defaultAnswers(): Map<string, CannedAnswer> {
  const answers = new Map<string, CannedAnswer>();
  for (const seed of seeds) {
    const id = userIdOf(seed.body);
    if (id) answers.set(id, { status: 200, body: seed.body });
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

function send(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': contentType === 'application/json' ? 'application/json;charset=UTF-8' : contentType,
    'content-length': Buffer.byteLength(text),
    'X-Cap-Requestid': randomUUID(),
  });
  res.end(text);
}

function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      parts.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

const BOOLEAN = /^(true|false)$/;
const INTEGER = /^-?\d{1,19}$/;

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

  const authenticated = (req: IncomingMessage): boolean => {
    if (options.open) return true;
    if (req.headers.authorization === expectedBasic) return true;
    const token = req.headers['x-cap-api-oauth-token'];
    const expires = typeof token === 'string' ? tokens.get(token) : undefined;
    return expires !== undefined && expires > Date.now();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const auth = authenticated(req);
    requests.push({ method: req.method ?? 'GET', path: `${url.pathname}${url.search}`, authenticated: auth });

    if (url.pathname === '/v3/oauth/token/generate') {
      if (req.method !== 'POST') return send(res, 405, envelopeError(405, 'Method not allowed'));
      let body: { key?: unknown; secret?: unknown } = {};
      try {
        body = JSON.parse(await readBody(req)) as typeof body;
      } catch {
        return send(res, 400, envelopeError(310145, 'Invalid key'));
      }
      if (body.key !== credentials.key || body.secret !== credentials.secret)
        return send(res, 401, envelopeError(310145, 'Invalid key'));
      const accessToken = randomUUID();
      tokens.set(accessToken, Date.now() + 300_000);
      return send(res, 200, { data: { accessToken, ttlSeconds: 300 }, errors: null });
    }

    const match = /^\/v3\/users\/([^/]+)\/targetGroups\/?$/.exec(url.pathname);
    if (!match) return send(res, 404, envelopeError(404, 'Resource not found'));
    if (req.method !== 'GET') return send(res, 405, envelopeError(405, 'Method not allowed'));
    if (!auth) return send(res, 401, envelopeError(401, 'Invalid credentials'));
    const userId = decodeURIComponent(match[1]!);
    if (!INTEGER.test(userId)) return send(res, 400, envelopeError(310011, 'Invalid userId'));
    for (const flag of ['includeInactive', 'includeInactiveTargets']) {
      const value = url.searchParams.get(flag);
      if (value !== null && !BOOLEAN.test(value))
        return send(res, 400, envelopeError(310011, `Invalid value for ${flag}`));
    }
    const ruleId = url.searchParams.get('targetRuleId');
    if (ruleId !== null && !INTEGER.test(ruleId)) return send(res, 400, envelopeError(310011, 'Invalid targetRuleId'));

    const answer = answers.get(userId) ?? {
      status: 200,
      body: envelopeError(8015, 'Customer not found for given identifiers'),
    };
    let body = answer.body;
    if (ruleId !== null && answer.status === 200 && typeof body === 'object' && body !== null) {
      // targetRuleId narrows the answer to the target group, or the targets, with that id.
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
      body = copy;
    }
    return send(res, answer.status, body, answer.contentType);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, envelopeError(500, 'Internal server error'));
      else res.destroy();
    });
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
