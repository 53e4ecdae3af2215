// Promotions for the fake vendor: the contract's named examples, and a paginated list a test's handler serves
// page by page as the contract describes it (`page` 0-indexed, `size` per page, the last page short or empty).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadSpec, promotionsSpecPath } from '@target-groups/spec';
import type { Promotion } from '@target-groups/types/promotions';
import { json } from './fakeVendor.js';

export const promotionsSpec = await loadSpec(promotionsSpecPath);

/** The value of a named example of one of the contract's operations. */
export function exampleBody(operationId: string, name: string): { data: unknown } {
  const example = promotionsSpec
    .operation(operationId)
    ?.responses.flatMap((response) => response.examples)
    .find((e) => e.name === name);
  if (!example) throw new Error(`no example ${name} of ${operationId} in ${promotionsSpecPath}`);
  return example.value as { data: unknown };
}

/** A promotion of the fake organisation, its id 24 hex digits made of its number. */
export const promotion = (n: number): Promotion => ({
  id: n.toString(16).padStart(24, '0'),
  metadata: {
    name: `Promotion ${n}`,
    startDate: '2026-01-01T00:00:00Z',
    endDate: '2026-12-31T23:59:59Z',
    promotionType: 'LOYALTY',
    status: 'LIVE',
  },
});

/** The query of a request as received. */
export const queryOf = (request: IncomingMessage) => new URL(request.url ?? '/', 'http://vendor.invalid').searchParams;

/** A handler serving `total` promotions page by page, with the vendor's default size of 10. */
export function paginated(total: number) {
  const all = Array.from({ length: total }, (_, n) => promotion(n));
  return (request: IncomingMessage, response: ServerResponse) => {
    const query = queryOf(request);
    const page = Number(query.get('page') ?? 0);
    const size = Number(query.get('size') ?? 10);
    json(response, 200, { data: all.slice(page * size, (page + 1) * size), errors: null, warnings: null });
  };
}
