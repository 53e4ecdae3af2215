// Every named example of the spec, selected on the contract mock with `Prefer`, fetched through the published
// client, arrives as the example says and passes the contract check.
import { TargetGroupsApiError, createTargetGroupsClient } from '@target-groups/client';
import { describe, expect, inject, it } from 'vitest';
import { errorsOf, validator } from './support/helpers.js';
import { examples, isConnected, pathOf, statuses, userIdFor } from './support/spec.js';

/** A fetch that keeps the last raw answer, so that the body the client read can be checked as sent. */
function capturingFetch() {
  const seen: { url: string; status: number; text: string }[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const res = await fetch(input, init);
    const url = input instanceof Request ? input.url : String(input);
    seen.push({ url, status: res.status, text: await res.clone().text() });
    return res;
  };
  return { fetchImpl: fetchImpl as typeof fetch, seen };
}

function clientFor(fetchImpl: typeof fetch) {
  return createTargetGroupsClient({
    baseUrl: inject('mockUrl'),
    auth: { type: 'basic', username: 'store.till', password: 'mock-password' },
    fetch: fetchImpl,
    retry: false,
  });
}

describe('named examples through the client', () => {
  it('the spec names examples for success and for every declared error status', () => {
    const exampleStatuses = new Set(examples.map((e) => e.status));
    expect(examples.filter((e) => e.status === 200).length).toBeGreaterThanOrEqual(2);
    for (const status of statuses) expect(exampleStatuses, `no example for ${status}`).toContain(status);
  });

  it.each(examples.map((e) => [`${e.operationId} ${e.status} ${e.name}`, e] as const))(
    '%s',
    async (_label, example) => {
      const { fetchImpl, seen } = capturingFetch();
      const client = clientFor(fetchImpl);
      const value = example.value as { data: unknown; errors: unknown };
      // An example of the connected-organisations operation is asked on its path: the client goes there with a scope.
      const call = client.getTargetGroups(userIdFor(example), {
        ...(isConnected(example) && { dataScope: 'SELF' as const }),
        headers: { Prefer: `example=${example.name}` },
      });

      if (example.status === 200 && value.data !== null) {
        await expect(call).resolves.toEqual(value.data);
      } else {
        const error = await call.then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(TargetGroupsApiError);
        expect(error).toMatchObject({ status: example.status, errors: value.errors });
      }

      expect(seen).toHaveLength(1);
      const answer = seen[0]!;
      expect(new URL(answer.url).pathname).toBe(pathOf(example).replace('{userId}', String(userIdFor(example))));
      expect(answer.status).toBe(example.status);
      const body = JSON.parse(answer.text) as unknown;
      expect(body).toEqual(example.value);
      expect(errorsOf(validator.validate(body, answer.status))).toEqual([]);
    },
  );
});
