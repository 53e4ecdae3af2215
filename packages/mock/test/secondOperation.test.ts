// A third GET operation (beside the two of the built-in spec) added to a copy of the spec, in a temporary directory, is served by both engines with no
// code change: Prism (startMock({ spec })) from its named example, and the scenario engine (createMockFetch and
// startScenarioServer and the msw handlers with { spec }) from the spec core: its parameters, security, named example, declared statuses
// and bodies generated from its schema, which the contract's validator, compiled for that operation, accepts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSpec, specPath } from '@target-groups/spec';
import { createValidator } from '@target-groups/validator';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { startMock } from '../dist/index.js';
import { createMockFetch, type MockSpec, startScenarioServer } from '../src/scenarios/index.js';
import { createScenarioHandlers } from '../src/scenarios/msw.js';
import { onUnhandled } from './scenarios/mswOptions.js';
import { BASIC_AUTHORIZATION } from './scenarios/support.js';

const PATH = '/v3/users/{userId}/rewards';
const EXAMPLE = {
  data: { userId: 42, rewards: [{ rewardId: 7, name: 'Free coffee', expiresOn: '2026-01-31' }] },
  errors: null,
  warnings: null,
};

/** The contract plus `GET /v3/users/{userId}/rewards` (getUserRewards): nothing else is edited. */
function specWithRewards(contractText: string): string {
  const spec = parse(contractText);
  const userId = spec.paths['/v3/users/{userId}/targetGroups'].get.parameters.find(
    (parameter: { name?: string; $ref?: string }) =>
      parameter.name === 'userId' || /userId/i.test(parameter.$ref ?? ''),
  );
  spec.components.schemas.Reward = {
    type: 'object',
    required: ['rewardId', 'name'],
    properties: {
      rewardId: { type: 'integer', format: 'int64', example: 7 },
      name: { type: 'string', example: 'Free coffee' },
      expiresOn: { type: ['string', 'null'], format: 'date', example: '2026-01-31' },
    },
  };
  spec.paths[PATH] = {
    get: {
      operationId: 'getUserRewards',
      summary: "A user's rewards",
      parameters: [userId, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50 } }],
      responses: {
        200: {
          description: 'The rewards.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['data'],
                properties: {
                  data: {
                    type: 'object',
                    required: ['userId', 'rewards'],
                    properties: {
                      userId: { type: 'integer', format: 'int64' },
                      rewards: { type: 'array', items: { $ref: '#/components/schemas/Reward' } },
                    },
                  },
                  errors: { type: 'null' },
                  warnings: { type: 'null' },
                },
              },
              examples: { oneReward: { summary: 'One reward', value: EXAMPLE } },
            },
          },
        },
        401: spec.paths['/v3/users/{userId}/targetGroups'].get.responses['401'],
      },
    },
  };
  return stringify(spec);
}

let dir: string;
let file: string;
let spec: MockSpec;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'second-operation-'));
  file = path.join(dir, 'spec.yaml');
  writeFileSync(file, specWithRewards((await loadSpec(specPath)).text));
  spec = await loadSpec(file);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rewards = (base: string, userId: string | number, query = '') => `${base}/v3/users/${userId}/rewards${query}`;
const headers = (prefer?: string) => ({ authorization: BASIC_AUTHORIZATION, ...(prefer && { prefer }) });

describe('a third GET operation in a copy of the spec', () => {
  test('the copy has the built-in operations and the new one', async () => {
    const builtIn = (await loadSpec(specPath)).operations.map((o) => o.id);
    expect(builtIn).toEqual(['getUserTargetGroups', 'getConnectedOrgUserTargetGroups']);
    expect((spec as Awaited<ReturnType<typeof loadSpec>>).operations.map((o) => o.id)).toEqual([
      ...builtIn,
      'getUserRewards',
    ]);
  });

  test('Prism serves its named example, and Prefer selects it', async () => {
    const prism = await startMock({ spec: file, watch: false });
    try {
      const answer = await fetch(rewards(prism.url, 42), { headers: headers('example=oneReward') });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual(EXAMPLE);
      expect((await fetch(rewards(prism.url, 42))).status).toBe(401);
      expect(prism.examples().map((e) => e.name)).toContain('oneReward');
    } finally {
      await prism.close();
    }
  });

  test('the scenario engine serves generated bodies the validator accepts, its example, its statuses and its 400s', async () => {
    const mock = createMockFetch({ spec });
    const validator = createValidator(spec, { operationId: 'getUserRewards' });
    for (const userId of [1, 2, 3, 999, '9223372036854775807']) {
      const answer = await mock(rewards('https://eu.api.capillarytech.com', userId, '?limit=5'), {
        headers: headers(),
      });
      expect(answer.status).toBe(200);
      const text = await answer.text();
      expect(validator.validateText(text, 200), text).toEqual([]);
      // The same request, the same body.
      const again = await mock(rewards('https://eu.api.capillarytech.com', userId, '?limit=5'), { headers: headers() });
      expect(await again.text()).toBe(text);
    }
    const named = await mock(rewards('https://x.test', 1), { headers: headers('example=oneReward') });
    expect(await named.json()).toEqual(EXAMPLE);
    expect((await mock(rewards('https://x.test', 1), { headers: headers('scenario=unauthorized') })).status).toBe(401);
    expect((await mock(rewards('https://x.test', 1))).status).toBe(401);
    const badLimit = await mock(rewards('https://x.test', 1, '?limit=500'), { headers: headers() });
    expect(badLimit.status).toBe(400);
    expect(JSON.stringify(await badLimit.json())).toContain('limit');
    // A scenario of the other operation's model is not this operation's.
    const foreign = await mock(rewards('https://x.test', 1), { headers: headers('scenario=noTargetGroups') });
    expect(foreign.status).toBe(422);
    // The first operation is still served by its model.
    const targetGroups = await mock('https://x.test/v3/users/999/targetGroups', { headers: headers() });
    expect(((await targetGroups.json()) as { data: { userId: number } }).data.userId).toBe(999);
  });

  test('the HTTP face serves it too', async () => {
    const server = await startScenarioServer({ spec });
    try {
      const answer = await fetch(rewards(server.url, 5), { headers: headers() });
      expect(answer.status).toBe(200);
      expect(createValidator(spec, { operationId: 'getUserRewards' }).validateText(await answer.text(), 200)).toEqual(
        [],
      );
    } finally {
      await server.close();
    }
  });

  test('the msw handlers serve it too', async () => {
    const server = setupServer(...createScenarioHandlers({ spec, baseUrl: 'https://rewards.test' }));
    server.listen(onUnhandled('error'));
    try {
      const answer = await fetch(rewards('https://rewards.test', 5), { headers: headers() });
      expect(answer.status).toBe(200);
      const validator = createValidator(spec, { operationId: 'getUserRewards' });
      expect(validator.validateText(await answer.text(), 200)).toEqual([]);
    } finally {
      server.close();
    }
  });
});
