// Prism given spec/promotions.yaml (startMock({ spec })): both operations of the replacing contract are served,
// each named example selectable with Prefer: example=NAME, and the list's and the by-id's defaults are their first
// 200 example. Every answer is judged by the validator compiled for its operation.
import { loadSpec, promotionsSpecPath } from '@target-groups/spec';
import { createValidator } from '@target-groups/validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrismServer, startMock } from '../dist/index.js';
import { BASIC_AUTHORIZATION } from './scenarios/support.js';

const spec = await loadSpec(promotionsSpecPath);
const PATHS = { listPromotions: '/v3/promotions', getPromotion: '/v3/promotions/6903253184daf5486232dec9' } as const;

describe('startMock({ spec: promotions.yaml }) with Prism', () => {
  let mock: PrismServer;
  beforeAll(async () => {
    mock = await startMock({ spec: promotionsSpecPath, watch: false });
  });
  afterAll(() => mock?.close());

  const call = (path: string, prefer?: string, auth = true) =>
    fetch(`${mock.url}${path}`, {
      headers: { ...(auth && { authorization: BASIC_AUTHORIZATION }), ...(prefer && { prefer }) },
    });

  it.each(Object.entries(PATHS))('%s: every named example, by Prefer: example=NAME', async (operationId, path) => {
    const validator = createValidator(spec, { operationId });
    const examples = spec.examples.filter((example) => example.operationId === operationId);
    expect(examples.length).toBeGreaterThan(1);
    for (const example of examples) {
      const response = await call(path, `example=${example.name}`);
      const text = await response.text();
      expect(response.status, example.name).toBe(Number(example.status));
      expect(JSON.parse(text)).toEqual(example.value);
      expect(validator.validateText(text, response.status)).toEqual([]);
    }
    const first = examples.find((example) => example.status === '200')!;
    expect(await (await call(path)).json()).toEqual(first.value);
  });

  it('lists the examples of both operations and refuses a request without credentials', async () => {
    const paths = new Set(mock.examples().map((example) => `${example.method} ${example.path}`));
    expect([...paths].sort()).toEqual(['GET /v3/promotions', 'GET /v3/promotions/{promotionId}']);
    expect(mock.examples().map((example) => example.name)).toEqual(spec.examples.map((example) => example.name));
    expect((await call(PATHS.listPromotions, undefined, false)).status).toBe(401);
  });
});
