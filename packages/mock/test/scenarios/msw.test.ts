// The MSW face in Node (msw/node's setupServer): the consumer's own fetch, answered by the scenario engine.
// The origin is a reserved `.test` name: nothing unhandled could leave the machine.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { createScenarioHandlers } from '../../src/scenarios/msw.js';
import { onUnhandled } from './mswOptions.js';
import { call } from './support.js';

const API = 'https://target-groups.test';
const server = setupServer(...createScenarioHandlers({ baseUrl: API }));
beforeAll(() => server.listen(onUnhandled('error')));

test('runs on the msw major this project names (vitest.config.ts: msw 3, and msw 2 as msw2)', async () => {
  const { default: manifest } = await import('msw/package.json');
  expect(manifest.version.split('.')[0]).toBe(inject('mswMajor'));
});
afterAll(() => server.close());

test('the engine answers through msw: user 999, filters, scenarios', async () => {
  const answer = await call(fetch, API, 999, { query: { includeInactive: true } });
  expect(answer.status).toBe(200);
  expect(answer.body.data.userId).toBe(999);
  expect(answer.headers.get('x-cap-requestid')).toBeTruthy();
  expect((await call(fetch, API, 999, { prefer: 'scenario=noTargetGroups' })).body.data.targetGroups).toEqual([]);
  expect((await call(fetch, API, 999, { prefer: 'scenario=rateLimited' })).headers.get('retry-after')).toBe('1');
  expect((await call(fetch, API, 999, { auth: false })).status).toBe(401);
  const problem = await call(fetch, API, 999, { prefer: 'scenario=bogus' });
  expect(problem.headers.get('x-mock-problem')).toBe('unknown-scenario');
});

test('reset is a network error for the caller', async () => {
  const error = await call(fetch, API, 1, { prefer: 'scenario=reset' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TypeError);
});
