// iteratePromotions against the fake vendor: it stops on the last page as the contract defines it (the first page
// with fewer than `size` promotions), and ends with an error, never a hang, when the server ignores `page` (a full page
// brings nothing new) or `size` (a page longer than asked), never sends a short page, or the caller's signal fires.
import type { Promotion } from '@target-groups/types/promotions';
import { describe, expect, test } from 'vitest';
import { json, vendorSuite } from './support/fakeVendor.js';
import { paginated, promotion, queryOf } from './support/promotionPages.js';

const { suite, basicClient, failure, credentialsNeverLeak } = vendorSuite({ errors: 7, requests: 14 });

/** Every promotion the iteration yields, and the pages it asked for. */
async function collect(iteration: AsyncIterable<Promotion>) {
  const names: string[] = [];
  for await (const p of iteration) names.push(p.metadata.name);
  const pages = suite.server.received.map((r) => new URLSearchParams(r.path.split('?')[1]).get('page'));
  return { names, pages };
}

const names = (from: number, to: number) => Array.from({ length: to - from }, (_, n) => `Promotion ${from + n}`);

describe('the last page', () => {
  test('a short page is the last: 25 promotions in pages of 10 take three requests', async () => {
    suite.server.handle(paginated(25));
    const { names: got, pages } = await collect(basicClient().iteratePromotions({ status: ['LIVE'] }));
    expect(got).toEqual(names(0, 25));
    expect(pages).toEqual(['0', '1', '2']);
    // The size is always sent, so the rule does not depend on the server's default; the filters go with each page.
    for (const r of suite.server.received) expect(new URLSearchParams(r.path.split('?')[1]).get('size')).toBe('10');
    for (const r of suite.server.received) expect(r.path).toContain('status=LIVE');
  });

  test('a full last page is followed by an empty page, which ends the iteration', async () => {
    suite.server.handle(paginated(20));
    const { names: got, pages } = await collect(basicClient().iteratePromotions({ size: 10 }));
    expect(got).toEqual(names(0, 20));
    expect(pages).toEqual(['0', '1', '2']);
  });

  test('size boundaries: size 1 reads one promotion per page; a size above the total reads one page', async () => {
    suite.server.handle(paginated(3));
    expect((await collect(basicClient().iteratePromotions({ size: 1 }))).pages).toEqual(['0', '1', '2', '3']);
    suite.server.handle(paginated(3));
    const one = await collect(basicClient().iteratePromotions({ size: 4 }));
    expect(one).toEqual({ names: names(0, 3), pages: ['0'] });
    suite.server.handle(paginated(0));
    expect(await collect(basicClient().iteratePromotions())).toEqual({ names: [], pages: ['0'] });
  });

  test('it starts from the page given; listPromotions says which page is the last', async () => {
    suite.server.handle(paginated(25));
    expect((await collect(basicClient().iteratePromotions({ page: 2 }))).names).toEqual(names(20, 25));
    const client = basicClient();
    expect((await client.listPromotions({ page: 1 })).last).toBe(false);
    expect((await client.listPromotions({ page: 2 })).last).toBe(true);
  });
});

describe('a server that never ends', () => {
  test('a page repeating the one before (the server ignores `page`) ends with a pagination error', async () => {
    const full = Array.from({ length: 10 }, (_, n) => promotion(n));
    suite.server.handle((_req, res) => json(res, 200, { data: full }));
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const p of basicClient().iteratePromotions()) seen.push(p.metadata.name);
      })(),
    );
    expect(error).toMatchObject({ kind: 'pagination', operation: 'listPromotions' });
    expect(error.message).toMatch(
      /page 1 holds no promotion that earlier pages did not \(the server seems to ignore `page`\)/,
    );
    expect(seen).toEqual(names(0, 10));
    expect(suite.server.received).toHaveLength(2);
  });

  test.each([
    ['reordered, with a new timestamp', (n: number, page: number) => ({ ...promotion(n), lastUpdatedOn: `t${page}` })],
    ['without ids, reordered', (n: number) => ({ metadata: promotion(n).metadata })],
  ])('a server ignoring `page`, its pages %s, is stopped at the second page', async (_what, item) => {
    suite.server.handle((req, res) => {
      const page = Number(queryOf(req).get('page'));
      const full = Array.from({ length: 10 }, (_, n) => item(n, page));
      json(res, 200, { data: page % 2 ? full.reverse() : full });
    });
    let count = 0;
    const error = await failure(
      (async () => {
        for await (const _ of basicClient().iteratePromotions({ maxPages: 20 })) count++;
      })(),
    );
    expect(error).toMatchObject({ kind: 'pagination', operation: 'listPromotions' });
    expect(error.message).toMatch(/page 1 holds no promotion that earlier pages did not .*ignore `page`/);
    expect(count).toBe(10);
    expect(suite.server.received).toHaveLength(2);
  });

  test('pages that overlap (a promotion added while reading) go on while each brings a new promotion', async () => {
    suite.server.handle((req, res) => {
      const page = Number(queryOf(req).get('page'));
      const start = page * 5;
      json(res, 200, { data: Array.from({ length: Math.min(10, 22 - start) }, (_, n) => promotion(start + n)) });
    });
    const { names: got, pages } = await collect(basicClient().iteratePromotions());
    expect(pages).toEqual(['0', '1', '2', '3']);
    expect(new Set(got)).toEqual(new Set(names(0, 22)));
  });

  test('a page longer than `size` (the server ignores `size`) ends with a pagination error, none of it handed out', async () => {
    const all = Array.from({ length: 40 }, (_, n) => promotion(n));
    suite.server.handle((req, res) => {
      const page = Number(queryOf(req).get('page'));
      json(res, 200, { data: all.slice(page * 15, page * 15 + 15) });
    });
    let count = 0;
    const error = await failure(
      (async () => {
        for await (const _ of basicClient().iteratePromotions({ size: 10 })) count++;
      })(),
    );
    expect(error).toMatchObject({ kind: 'pagination', operation: 'listPromotions' });
    expect(error.message).toMatch(/page 0 holds 15 promotions, more than the size 10 asked for .*ignore `size`/);
    expect(count).toBe(0);
    expect(suite.server.received).toHaveLength(1);
  });

  test('a server that always sends a new full page is stopped at maxPages', async () => {
    suite.server.handle((req, res) => {
      const page = Number(queryOf(req).get('page'));
      json(res, 200, { data: Array.from({ length: 2 }, (_, n) => promotion(page * 2 + n)) });
    });
    let count = 0;
    const error = await failure(
      (async () => {
        for await (const _ of basicClient().iteratePromotions({ size: 2, maxPages: 5 })) count++;
      })(),
    );
    expect(error.kind).toBe('pagination');
    expect(error.message).toMatch(/no last page after 5 pages of 2 \(maxPages\)/);
    expect(count).toBe(10);
    expect(suite.server.received).toHaveLength(5);
  });
});

describe('signal', () => {
  test('aborting while handling a promotion ends the iteration there, with no further request', async () => {
    suite.server.handle(paginated(100));
    const controller = new AbortController();
    let count = 0;
    const error = await failure(
      (async () => {
        for await (const _ of basicClient().iteratePromotions({ signal: controller.signal })) {
          if (++count === 15) controller.abort(new Error('enough'));
        }
      })(),
    );
    expect(error).toMatchObject({ kind: 'aborted', operation: 'listPromotions' });
    expect((error.cause as Error).message).toBe('enough');
    expect(count).toBe(15);
    expect(suite.server.received).toHaveLength(2);
  });

  test('aborting while a page is in flight ends the iteration at once', async () => {
    const controller = new AbortController();
    const serve = paginated(100);
    suite.server.handle((req, res) => {
      // The second page never comes: the abort must end the wait.
      if (queryOf(req).get('page') === '0') serve(req, res);
      else controller.abort(new Error('stop'));
    });
    let count = 0;
    const error = await failure(
      (async () => {
        for await (const _ of basicClient().iteratePromotions({ signal: controller.signal })) count++;
      })(),
    );
    expect(error.kind).toBe('aborted');
    expect(count).toBe(10);
  });
});

credentialsNeverLeak();
