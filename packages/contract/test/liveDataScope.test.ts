// `check --live --data-scope`: the connected-orgs path (v3.1) called with the DATA-SCOPE headers through the client,
// against the fake vendor (the scenario engine's HTTP face, whose model has a parent org and two children).
import { CONNECTED_ORGS, type ScenarioServer, startScenarioServer } from '@target-groups/mock/scenarios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonReport, runCli, STACK_TRACE } from './helpers.js';

const ACCOUNT = { username: 'live.till', password: 'live-Secret-pw', key: 'live-key', secret: 'live-Secret-s' };
const env = { CAPILLARY_USERNAME: ACCOUNT.username, CAPILLARY_PASSWORD: ACCOUNT.password };
const V31 = '/api_gateway/intouch-api-v3/v3.1/users/347286146/targetGroups';
let api: ScenarioServer;

beforeAll(async () => {
  api = await startScenarioServer({ credentials: ACCOUNT });
});
afterAll(() => api.close());

const live = (...args: string[]) => ['check', '--live', '--base-url', api.url, '--user-id', '347286146', ...args];
const callsSince = (before: number) => api.requests.slice(before).filter((r) => r.path.includes('/targetGroups'));

describe('check --live --data-scope', () => {
  it('OTHER with two orgs: the v3.1 path with both headers, the answers checked (exit 0)', async () => {
    const before = api.requests.length;
    const orgs = CONNECTED_ORGS.children.map(String);
    const result = await runCli(live('--data-scope', 'OTHER', ...orgs.flatMap((org) => ['--data-scope-org', org])), {
      env,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 body checked: 1 clean');
    const [call] = callsSince(before);
    expect(call!.path).toBe(V31);
    expect(call!.headers['data-scope']).toBe('OTHER');
    expect(call!.headers['data-scope-org']).toBe(orgs.join(','));
    expect(call!.authenticated).toBe(true);
  });

  it('ALL: each group of the checked body carries an org of the model', async () => {
    const before = api.requests.length;
    const result = await runCli(live('--data-scope', 'ALL', '--format', 'json'), { env });
    expect(result.code).toBe(0);
    expect(jsonReport(result).summary.bodies).toBe(1);
    expect(callsSince(before)[0]!.headers['data-scope']).toBe('ALL');
    expect(callsSince(before)[0]!.headers['data-scope-org']).toBeUndefined();
  });

  it('without --data-scope the call stays on the v3 path, with no DATA-SCOPE header', async () => {
    const before = api.requests.length;
    expect((await runCli(live(), { env })).code).toBe(0);
    const [call] = callsSince(before);
    expect(call!.path).toBe('/v3/users/347286146/targetGroups');
    expect(call!.headers['data-scope']).toBeUndefined();
  });

  it.each([
    [['--data-scope', 'EVERYONE'], "--data-scope must be SELF, OTHER or ALL, not 'EVERYONE'"],
    [['--data-scope-org', '50363'], '--data-scope-org goes with --data-scope OTHER'],
    [
      ['--data-scope', 'OTHER', '--data-scope-org', '5x'],
      "--data-scope-org must be a positive integer org id, not '5x'",
    ],
  ])('a bad form is a usage error before any request: %j', async (args, message) => {
    const before = api.requests.length;
    const result = await runCli(live(...args), { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(callsSince(before)).toEqual([]);
  });

  it("a rule the client enforces (OTHER without orgs, more than two) leaves the user unchecked with the client's reason, no request", async () => {
    for (const [args, reason] of [
      [['--data-scope', 'OTHER'], 'dataScope OTHER needs dataScopeOrgs'],
      [
        ['--data-scope', 'OTHER', '--data-scope-org', '1', '--data-scope-org', '2', '--data-scope-org', '3'],
        'at most 2',
      ],
      [['--data-scope', 'SELF', '--data-scope-org', '1'], 'dataScopeOrgs goes with dataScope OTHER only'],
    ] as const) {
      const before = api.requests.length;
      const result = await runCli(live(...args), { env });
      expect(result.code, result.stdout).toBe(2);
      expect(result.stdout + result.stderr).toContain(reason);
      expect(result.stdout + result.stderr).not.toMatch(STACK_TRACE);
      expect(callsSince(before)).toEqual([]);
    }
  });

  it('--data-scope without --live is a usage error', async () => {
    const result = await runCli(['check', '--data-scope', 'ALL', 'body.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--data-scope only applies with --live');
  });
});
