import { seedFixtures } from '@target-groups/spec';
import {
  DRIFTS,
  exampleUserIds as SEED_USER_IDS,
  type ScenarioRedirect,
  type ScenarioServer,
  startScenarioServer,
  VENDOR_ERROR_USER_IDS,
} from '@target-groups/mock/scenarios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFetcher, EXIT_REDIRECT_REFUSED } from '../src/cli/live.js';
import { createValidator } from '@target-groups/validator';
import { jsonReport, runCli, STACK_TRACE } from './helpers.js';

/** The vendor's one account: the fake vendor (the scenario engine's HTTP face) accepts nothing else. */
const ACCOUNT = { username: 'live.till', password: 'live-Secret-pw', key: 'live-key', secret: 'live-Secret-s' };
const startVendor = () => startScenarioServer({ credentials: ACCOUNT, drifts: true });
let api: ScenarioServer;
/** Another origin, which a redirect points to: it must never see a credential. */
let foreign: ScenarioServer;
let basicEnv: Record<string, string>;
let oauthEnv: Record<string, string>;

beforeAll(async () => {
  [api, foreign] = await Promise.all([startVendor(), startVendor()]);
  basicEnv = { CAPILLARY_USERNAME: ACCOUNT.username, CAPILLARY_PASSWORD: ACCOUNT.password };
  oauthEnv = { CAPILLARY_OAUTH_KEY: ACCOUNT.key, CAPILLARY_OAUTH_SECRET: ACCOUNT.secret };
});
afterAll(async () => {
  await Promise.all([api.close(), foreign.close()]);
});

const live = (...args: string[]) => ['check', '--live', '--base-url', api.url, ...args];
const users = (ids: readonly string[]) => ids.flatMap((id) => ['--user-id', id]);
/** The variables --live reads credentials from, spelled out here rather than taken from the CLI under test. */
const CREDENTIAL_ENV = [
  'CAPILLARY_USERNAME',
  'CAPILLARY_PASSWORD',
  'CAPILLARY_OAUTH_KEY',
  'CAPILLARY_OAUTH_SECRET',
  'CAPILLARY_TOKEN',
];

function expectSecretsHidden(output: string): void {
  for (const secret of [ACCOUNT.password, ACCOUNT.secret]) expect(output).not.toContain(secret);
}

describe('the fake vendor', () => {
  it('serves every seed fixture body, and the answers conform to the contract', async () => {
    expect(SEED_USER_IDS.length).toBe(seedFixtures().length);
    const fetcher = clientFetcher(api.url, {
      type: 'basic',
      username: ACCOUNT.username,
      password: ACCOUNT.password,
    });
    const validator = createValidator();
    for (const id of SEED_USER_IDS) {
      const answer = await fetcher.get(id, {});
      expect(answer.status).toBe(200);
      expect(validator.validateText(answer.text, answer.status), `user ${id}`).toEqual([]);
    }
  });

  it("the client's fetcher authenticates with an OAuth key and secret, and reports a wrong one", async () => {
    const fetcher = clientFetcher(api.url, {
      type: 'oauth',
      key: ACCOUNT.key,
      secret: ACCOUNT.secret,
    });
    const answer = await fetcher.get(SEED_USER_IDS[0]!, { includeInactive: true });
    expect(answer.status).toBe(200);
    expect(createValidator().validateText(answer.text)).toEqual([]);
    const wrong = clientFetcher(api.url, { type: 'oauth', key: 'nope', secret: 'nope' });
    await expect(wrong.get(SEED_USER_IDS[0]!, {})).rejects.toThrow('OAuth token request failed: HTTP 401');
  });

  it('answers like the vendor without credentials, with a bad userId, and on token generation', async () => {
    const validator = createValidator();
    const anonymous = await fetch(`${api.url}/v3/users/${SEED_USER_IDS[0]}/targetGroups`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('x-cap-requestid')).toBeTruthy();
    expect(validator.validateText(await anonymous.text(), 401)).toEqual([]);

    const tokenAnswer = await fetch(`${api.url}/v3/oauth/token/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: ACCOUNT.key, secret: ACCOUNT.secret }),
    });
    const token = ((await tokenAnswer.json()) as { data: { accessToken: string; ttlSeconds: number } }).data;
    expect(token.ttlSeconds).toBe(300);
    const badUser = await fetch(`${api.url}/v3/users/abc/targetGroups`, {
      headers: { 'X-CAP-API-OAUTH-TOKEN': token.accessToken },
    });
    expect(badUser.status).toBe(400);
    const text = await badUser.text();
    expect(JSON.parse(text)).toEqual({
      data: null,
      errors: [{ code: 310011, message: 'Invalid userId' }],
      warnings: null,
    });
    expect(validator.validateText(text, 400)).toEqual([]);
  });
});

describe('check --live against the fake vendor', () => {
  it.each([
    ['Basic', () => basicEnv],
    ['OAuth key and secret', () => oauthEnv],
  ])('real bodies pass with %s credentials (exit 0)', async (_label, env) => {
    const before = api.requests.length;
    const result = await runCli(live(...users(SEED_USER_IDS)), { env: env() });
    expect(result.stderr).toBe('');
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain(`${SEED_USER_IDS.length} bodies checked: ${SEED_USER_IDS.length} clean`);
    const calls = api.requests.slice(before).filter((r) => r.path.includes('/targetGroups'));
    expect(calls).toHaveLength(SEED_USER_IDS.length);
    expect(calls.every((r) => r.authenticated)).toBe(true);
    expectSecretsHidden(result.stdout + result.stderr);
  });

  it('a ready OAuth token (CAPILLARY_TOKEN) works too', async () => {
    const answer = await fetch(`${api.url}/v3/oauth/token/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: ACCOUNT.key, secret: ACCOUNT.secret }),
    });
    const { accessToken } = ((await answer.json()) as { data: { accessToken: string } }).data;
    const result = await runCli(live('--user-id', SEED_USER_IDS[0]!), { env: { CAPILLARY_TOKEN: accessToken } });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain(accessToken);
  });

  it('passes the query parameters', async () => {
    const before = api.requests.length;
    const result = await runCli(
      live('--user-id', '566881933', '--include-inactive', '--include-inactive-targets', '--target-rule-id', '2996'),
      { env: basicEnv },
    );
    expect(result.code).toBe(0);
    const call = api.requests.slice(before).find((r) => r.path.includes('/targetGroups'))!;
    expect(call.path).toBe(
      '/v3/users/566881933/targetGroups?includeInactive=true&includeInactiveTargets=true&targetRuleId=2996',
    );
  });

  it.each(DRIFTS.map((d) => [d.kind, d] as const))(
    'drift "%s" is reported at its exact pointer with its severity',
    async (_kind, drift) => {
      const result = await runCli(live('--format', 'json', '--user-id', drift.userId), { env: basicEnv });
      expect(result.code).toBe(drift.severity === 'error' ? 1 : 0);
      const report = jsonReport(result);
      expect(report.files).toHaveLength(1);
      expect(report.files[0]!.file).toBe(`GET /v3/users/${drift.userId}/targetGroups`);
      expect(report.files[0]!.violations).toMatchObject([
        { pointer: drift.pointer, severity: drift.severity, message: expect.any(String) },
      ]);
    },
  );

  it('all drifts at once: the text report lists each pointer once, and errors make it exit 1', async () => {
    const result = await runCli(live(...users([...SEED_USER_IDS, ...DRIFTS.map((d) => d.userId)])), { env: oauthEnv });
    expect(result.code).toBe(1);
    for (const drift of DRIFTS) {
      const pointer = drift.pointer.replace(/\/\d+(?=\/|$)/g, '/*');
      const lines = result.stdout
        .split('\n')
        .filter((l) => l.trimEnd().endsWith(pointer) && l.includes(drift.severity));
      expect(lines, `${drift.kind} at ${pointer}`).toHaveLength(1);
    }
    expect(result.stdout).toMatch(/legacy timestamp does not match yyyy-MM-dd'T'HH:mm:ss\.SSS±hhmm/);
    expect(result.stdout).toMatch(/'ROLLING_WINDOW' is not a known value of TargetEvaluationType/);
  });

  it('the vendor\'s "not found" (HTTP 200 with errors) is reported as not checked (exit 2)', async () => {
    const result = await runCli(live('--user-id', VENDOR_ERROR_USER_IDS.notFound, '--user-id', SEED_USER_IDS[0]!), {
      env: basicEnv,
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      `GET /v3/users/${VENDOR_ERROR_USER_IDS.notFound}/targetGroups: the API answered HTTP 200 with errors: 8015 Customer not found`,
    );
    expect(result.stdout).toMatch(/2 bodies checked: 2 clean/);
  });

  it('a vendor 500 is checked against the 500 schema and makes the run exit 2', async () => {
    const result = await runCli(live('--format', 'json', '--user-id', VENDOR_ERROR_USER_IDS.serverError), {
      env: basicEnv,
    });
    expect(result.code).toBe(2);
    const entry = jsonReport(result).files[0]!;
    expect(entry.valid).toBe(false);
    expect(entry.error).toMatch(/^the API answered HTTP 500: 500 Internal server error/);
    // The body itself conforms to the 500 schema; the one violation is why the entry is not valid.
    expect(entry.violations).toEqual([{ pointer: '', severity: 'error', kind: 'not-checked', message: entry.error }]);
  });

  it('a gateway error page (HTTP 502, HTML) is reported, not a crash', async () => {
    const result = await runCli(live('--user-id', VENDOR_ERROR_USER_IDS.badGateway), { env: basicEnv });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/the API answered HTTP 502.*not valid JSON/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('wrong credentials: HTTP 401 is reported and the run exits 2', async () => {
    const result = await runCli(live('--user-id', SEED_USER_IDS[0]!), {
      env: { CAPILLARY_USERNAME: ACCOUNT.username, CAPILLARY_PASSWORD: 'wrong-password' },
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/the API answered HTTP 401 \(check the credentials\): 401 Invalid credentials/);
    expect(result.stdout + result.stderr).not.toContain('wrong-password');
  });

  it('wrong OAuth key: token generation fails, reported (exit 2)', async () => {
    const result = await runCli(live('--user-id', SEED_USER_IDS[0]!), {
      env: { CAPILLARY_OAUTH_KEY: 'nope', CAPILLARY_OAUTH_SECRET: 'also-nope' },
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`GET /v3/users/${SEED_USER_IDS[0]}/targetGroups`);
    expect(result.stdout + result.stderr).not.toContain('also-nope');
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('without credentials: exit 2 naming the variables, and nothing is sent', async () => {
    const before = api.requests.length;
    const result = await runCli(live('--user-id', SEED_USER_IDS[0]!));
    expect(result.code).toBe(2);
    for (const name of CREDENTIAL_ENV) {
      expect(result.stderr).toContain(name);
    }
    expect(api.requests.length).toBe(before);
  });

  it('an unreachable API is reported (exit 2)', async () => {
    const closed = await startVendor();
    const url = closed.url;
    await closed.close();
    const result = await runCli(['check', '--live', '--base-url', url, '--user-id', '1'], { env: basicEnv });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`request to ${url} failed`);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('check --live when the API redirects', () => {
  const STATUSES: ScenarioRedirect['status'][] = [301, 302, 303, 307, 308];
  const READY_TOKEN = 'live-ready-Secret-3c4d';
  const AUTH_ENVS: Record<string, () => Record<string, string>> = {
    basic: () => basicEnv,
    oauth: () => oauthEnv,
    token: () => ({ CAPILLARY_TOKEN: READY_TOKEN }),
  };

  function expectRefused(result: Awaited<ReturnType<typeof runCli>>): void {
    expect(result.code).toBe(EXIT_REDIRECT_REFUSED);
    expect(result.stdout).toContain(`to ${foreign.url} refused`);
    expect(result.stdout).not.toMatch(/\b1 clean\b/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    const output = result.stdout + result.stderr;
    for (const secret of [ACCOUNT.password, ACCOUNT.secret, ACCOUNT.key, READY_TOKEN])
      expect(output).not.toContain(secret);
  }

  /** The foreign origin saw nothing at all, so no credential in any form. */
  function expectNothingAtForeign(): void {
    for (const request of foreign.received) {
      expect(request.headers.authorization).toBeUndefined();
      expect(request.headers['x-cap-api-oauth-token']).toBeUndefined();
      expect(request.body).not.toContain(ACCOUNT.secret);
    }
    expect(foreign.received).toEqual([]);
  }

  afterAll(() => api.redirect());

  for (const [kind, env] of Object.entries(AUTH_ENVS)) {
    it.each(STATUSES)(`${kind} credentials, API call answered HTTP %i: refused, exit 3`, async (status) => {
      api.redirect({ status, to: foreign.url, only: 'api' });
      foreign.handle();
      const result = await runCli(live('--user-id', SEED_USER_IDS[0]!), { env: env() });
      expectRefused(result);
      expectNothingAtForeign();
    });
  }

  it.each(STATUSES)('OAuth token request answered HTTP %i: refused, exit 3', async (status) => {
    api.redirect({ status, to: foreign.url, only: 'token' });
    foreign.handle();
    const result = await runCli(live('--format', 'json', '--user-id', SEED_USER_IDS[0]!), { env: oauthEnv });
    expectRefused(result);
    const report = jsonReport(result);
    expect(report.summary.exitCode).toBe(EXIT_REDIRECT_REFUSED);
    expect(report.files[0]!.valid).toBe(false);
    expectNothingAtForeign();
  });
});

// Traffic to the real vendor only when asked for explicitly, never in CI.
const vendor = {
  enabled: process.env.TARGET_GROUPS_LIVE_VENDOR === '1' && !process.env.CI,
  baseUrl: process.env.CAPILLARY_BASE_URL,
  userId: process.env.CAPILLARY_USER_ID,
  hasCredentials: Boolean(
    process.env.CAPILLARY_TOKEN ||
      (process.env.CAPILLARY_OAUTH_KEY && process.env.CAPILLARY_OAUTH_SECRET) ||
      (process.env.CAPILLARY_USERNAME && process.env.CAPILLARY_PASSWORD),
  ),
};
const vendorReady = vendor.enabled && vendor.hasCredentials && vendor.baseUrl && vendor.userId;
const VENDOR_SKIP_REASON =
  'skipped: set TARGET_GROUPS_LIVE_VENDOR=1, CAPILLARY_BASE_URL, CAPILLARY_USER_ID and CAPILLARY_* credentials (never in CI)';
// Vitest's summary only counts skipped tests; say why in the output.
if (!vendorReady) console.info(`check --live against the real vendor API: ${VENDOR_SKIP_REASON}`);
describe('check --live against the real vendor API', () => {
  it.skipIf(!vendorReady)(
    vendorReady ? `checks user ${vendor.userId} at ${vendor.baseUrl}` : VENDOR_SKIP_REASON,
    async () => {
      const env: Record<string, string> = {};
      for (const name of CREDENTIAL_ENV) {
        if (process.env[name]) env[name] = process.env[name]!;
      }
      const result = await runCli(['check', '--live', '--base-url', vendor.baseUrl!, '--user-id', vendor.userId!], {
        env,
      });
      expect([0, 1]).toContain(result.code);
      expect(result.stdout).toMatch(/Summary: 1 body checked/);
    },
  );
});
