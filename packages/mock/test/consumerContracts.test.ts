// What a consumer outside this repository has: the package's public entries (resolved by name through its exports,
// so from dist/), without the private spec package. Both shipped contracts are served by every face, named the same
// way (`contracts.promotions`); without `spec` every face stays on the target-groups contract.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  contractPath,
  contracts,
  MockStartError,
  type MockServer,
  type PrismServer,
  startMock,
} from '@target-groups/mock';
import { createScenarioHandlers } from '@target-groups/mock/msw';
import { createMockFetch, preferScenario } from '@target-groups/mock/scenarios';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { onUnhandled } from './scenarios/mswOptions.js';
import { BASIC_AUTHORIZATION } from './scenarios/support.js';

type Fetcher = (input: string, init?: RequestInit) => Promise<Response>;
interface Page {
  data: { id: string; metadata: { status: string } }[];
}

const LIST = '/v3/promotions';
const headers = (prefer?: string) => ({ authorization: BASIC_AUTHORIZATION, ...(prefer && { prefer }) });
const getJson = async (fetcher: Fetcher, url: string, prefer?: string) => {
  const response = await fetcher(url, { headers: headers(prefer) });
  return { status: response.status, body: (await response.json()) as any };
};

/** The list's first named 200 example, from the shipped contract itself. */
const listExample = () => {
  const list = contracts.promotions.dereferenced.paths[LIST]!.get as any;
  return Object.values(list.responses['200'].content['application/json'].examples as Record<string, any>)[0].value;
};

/**
 * What the scenario engine answers for the promotions contract, through any face. The msw handlers cover only the
 * contract's paths (another path is msw's unhandled request), so they skip the check of the target-groups path.
 */
async function servesPromotions(fetcher: Fetcher, base: string, { everyPath = true } = {}) {
  const page = await getJson(fetcher, `${base}${LIST}?status=LIVE&page=0&size=5`);
  expect(page.status).toBe(200);
  const live = (page.body as Page).data;
  expect(live).toHaveLength(5);
  expect(live.every((promotion) => promotion.metadata.status === 'LIVE')).toBe(true);
  const one = await getJson(fetcher, `${base}${LIST}/${live[0]!.id}`);
  expect(one.body.data).toEqual(live[0]);
  const none = await getJson(fetcher, `${base}${LIST}?page=0&size=5`, preferScenario('noPromotions'));
  expect(none.body.data).toEqual([]);
  // The target-groups path is not an operation of this spec.
  if (everyPath) expect((await fetcher(`${base}/v3/users/1/targetGroups`, { headers: headers() })).status).toBe(404);
}

describe('startMock serves the shipped promotions contract with either engine', () => {
  const started: MockServer[] = [];
  const start = async <S extends MockServer>(server: Promise<S>) => {
    started.push(await server);
    return started.at(-1) as S;
  };
  afterAll(() => Promise.all(started.map((server) => server.close())));

  test('Prism: spec: contracts.promotions serves its named examples from the shipped file', async () => {
    const prism: PrismServer = await start(startMock({ spec: contracts.promotions }));
    expect(prism.spec).toBe(contractPath('promotions'));
    expect(new Set(prism.examples().map((example) => example.path))).toEqual(new Set([LIST, `${LIST}/{promotionId}`]));
    const answer = await getJson(fetch, `${prism.url}${LIST}`);
    expect(answer).toEqual({ status: 200, body: listExample() });
  });

  test("engine: 'scenarios' with spec: contracts.promotions", async () => {
    const mock = await start(startMock({ engine: 'scenarios', spec: contracts.promotions }));
    expect(mock.engine).toBe('scenarios');
    await servesPromotions(fetch, mock.url);
  });

  test("engine: 'scenarios' with the shipped contract's file, as Prism takes it", async () => {
    const mock = await start(startMock({ engine: 'scenarios', spec: contractPath('promotions') }));
    await servesPromotions(fetch, mock.url);
  });

  test('without spec, both engines serve the target-groups contract, as before', async () => {
    for (const engine of ['prism', 'scenarios'] as const) {
      const mock = await start(startMock({ engine }));
      const user = await fetch(`${mock.url}/v3/users/566881933/targetGroups`, { headers: headers() });
      expect(user.status, engine).toBe(200);
      expect((await fetch(`${mock.url}${LIST}`, { headers: headers() })).status, engine).toBe(404);
    }
  });
});

describe('createMockFetch and the msw handlers take the same contract value', () => {
  const msw = setupServer(
    ...createScenarioHandlers({ spec: contracts.promotions, baseUrl: 'https://promotions.test' }),
  );
  beforeAll(() => msw.listen(onUnhandled('error')));
  afterAll(() => msw.close());

  test('createMockFetch({ spec: contracts.promotions })', async () => {
    await servesPromotions(createMockFetch({ spec: contracts.promotions }), 'https://eu.api.capillarytech.com');
  });

  test('createScenarioHandlers({ spec: contracts.promotions })', async () => {
    await servesPromotions(fetch, 'https://promotions.test', { everyPath: false });
  });

  test('createMockFetch() without spec stays on target groups', async () => {
    const mockFetch = createMockFetch();
    const base = 'https://eu.api.capillarytech.com';
    expect((await mockFetch(`${base}/v3/users/999/targetGroups`, { headers: headers() })).status).toBe(200);
    expect((await mockFetch(`${base}${LIST}`, { headers: headers() })).status).toBe(404);
  });
});

describe('a spec the chosen engine cannot serve is refused with its own code', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mock-consumer-spec-'));
    writeFileSync(path.join(dir, 'promotions.yaml'), 'openapi: 3.1.0\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each([
    ['a spec file of its own', () => ({ spec: path.join(dir, 'promotions.yaml') }), 'ERR_MOCK_SPEC_UNSUPPORTED'],
    ['a URL', () => ({ spec: 'http://127.0.0.1:9/promotions.yaml' }), 'ERR_MOCK_SPEC_UNSUPPORTED'],
    ['a missing file', () => ({ spec: path.join(dir, 'missing.yaml') }), 'ERR_MOCK_SPEC_NOT_FOUND'],
    [
      'spec and scenarios.spec both',
      () => ({ spec: contracts.promotions, scenarios: { spec: contracts.targetGroups } }),
      'ERR_MOCK_BAD_OPTION',
    ],
  ])("engine: 'scenarios' given %s", async (_what, options, code) => {
    const error = await startMock({ engine: 'scenarios', ...options() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockStartError);
    expect((error as MockStartError).code).toBe(code);
    expect((error as MockStartError).message).not.toMatch(/\n/);
  });

  test('the scenario engine names what it does take', async () => {
    const error = (await startMock({ engine: 'scenarios', spec: path.join(dir, 'promotions.yaml') }).catch(
      (e: unknown) => e,
    )) as MockStartError;
    expect(error.message).toContain('contracts.targetGroups, contracts.promotions');
    expect(error.message).toContain("Prism, engine: 'prism', serves a spec file or URL");
  });

  test('Prism given a { document, dereferenced } that is no shipped contract', async () => {
    const { document, dereferenced } = contracts.promotions;
    const error = await startMock({ spec: { document, dereferenced } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockStartError);
    expect((error as MockStartError).code).toBe('ERR_MOCK_BAD_OPTION');
    expect((error as MockStartError).message).toContain("the scenario engine's (engine: 'scenarios')");
  });
});
