// Journeys of a consumer's test suite through the client and the scenario engine's in-process face
// (`createMockFetch`): what the mock README promises them, with no port and no process.
import { createTargetGroupsClient, TargetGroupsApiError } from '@target-groups/client';
import { createMockFetch } from '@target-groups/mock/scenarios';
import { describe, expect, test } from 'vitest';

const client = (fetch = createMockFetch(), retry?: false) =>
  createTargetGroupsClient({
    baseUrl: 'https://eu.api.capillarytech.com',
    auth: { type: 'basic', username: 'store.till', password: 'secret' },
    fetch,
    ...(retry === false && { retry }),
  });

describe('rateLimited through the client', () => {
  test('createMockFetch answers Retry-After: 0, so a retrying client gives up without waiting', async () => {
    const error = await client()
      .getTargetGroups(5, { headers: { Prefer: 'scenario=rateLimited' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetGroupsApiError);
    expect(error).toMatchObject({ kind: 'http', status: 429, retryAfterMs: 0 });
    expect((error as TargetGroupsApiError).attempts).toBeGreaterThan(1);
  });

  test('retryAfterSeconds restores a realistic wait', async () => {
    const error = await client(createMockFetch({ retryAfterSeconds: 2 }), false)
      .getTargetGroups(5, { headers: { Prefer: 'scenario=rateLimited' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'http', status: 429, retryAfterMs: 2000 });
  });
});
