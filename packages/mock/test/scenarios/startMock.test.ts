// startMock({ engine: 'scenarios' }): the scenario engine behind the same entry point as Prism.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockStartError, type MockServer, startMock } from '../../dist/index.js';
import { BASIC_AUTHORIZATION } from './support.js';

describe("startMock({ engine: 'scenarios' })", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock({ engine: 'scenarios', scenarios: { seed: 'startMock' } });
  });
  afterAll(() => mock?.close());

  it('listens on a free loopback port and answers any user as that user', async () => {
    expect(mock.engine).toBe('scenarios');
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${mock.url}/v3/users/999/targetGroups`, {
      headers: { authorization: BASIC_AUTHORIZATION },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { userId: number; customer: { id: number } } };
    expect(body.data.userId).toBe(999);
    expect(body.data.customer.id).toBe(999);
  });

  it('takes a scenario per call', async () => {
    const response = await fetch(`${mock.url}/v3/users/999/targetGroups`, {
      headers: { authorization: BASIC_AUTHORIZATION, prefer: 'scenario=noTargetGroups' },
    });
    expect(((await response.json()) as { data: { targetGroups: unknown[] } }).data.targetGroups).toEqual([]);
  });

  it('closes and frees its port', async () => {
    const other = await startMock({ engine: 'scenarios' });
    await other.close();
    await expect(fetch(`${other.url}/v3/users/1/targetGroups`)).rejects.toThrow();
  });

  it('refuses an unknown engine and a bad port with a MockStartError of their own code', async () => {
    await expect(startMock({ engine: 'wiremock' as never })).rejects.toMatchObject({ code: 'ERR_MOCK_BAD_OPTION' });
    const error = await startMock({ engine: 'scenarios', port: 70_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockStartError);
    expect((error as MockStartError).code).toBe('ERR_MOCK_BAD_OPTION');
  });
});

describe('an option the chosen engine would not read is refused, not ignored', () => {
  it.each([
    [{ engine: 'scenarios', dynamic: true }, "dynamic: Prism's option, not read by the scenario engine"],
    // spec is both engines' (test/consumerContracts.test.ts); seed is Prism's (the engine's is scenarios.seed).
    [{ engine: 'scenarios', spec: 'other.yaml', seed: 4, errors: true }, "errors, seed: Prism's options"],
    [
      { scenarios: { defaultScenario: 'noTargetGroups' } },
      "scenarios: the scenario engine's options, not read by Prism",
    ],
  ] as const)('%j', async (options, message) => {
    const error = await startMock(options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockStartError);
    expect((error as MockStartError).code).toBe('ERR_MOCK_BAD_OPTION');
    expect((error as MockStartError).message).toContain(message);
  });
});
