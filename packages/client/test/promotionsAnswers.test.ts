// What the promotions methods make of a 2xx that is not a plain page: errors with no promotions are the vendor's
// failure (kind api), errors beside promotions stay on the page, and an item without the `metadata` object the
// contract requires is not a promotion (kind invalid-body).
import { describe, expect, test } from 'vitest';
import { json, vendorSuite } from './support/fakeVendor.js';
import { promotion } from './support/promotionPages.js';

const { suite, basicClient, failure, credentialsNeverLeak } = vendorSuite({ errors: 9, requests: 9 });
const ID = '6903253184daf5486232dec9';
const ERRORS = [{ code: 8001, message: 'Invalid status' }];

describe('errors in a 2xx list answer', () => {
  test.each([
    ['an empty data', { data: [], errors: ERRORS }],
    ['no data', { errors: ERRORS }],
  ])('with %s: kind api, for listPromotions and iteratePromotions', async (_what, body) => {
    suite.server.handle((_req, res) => json(res, 200, body, { 'X-Cap-Requestid': 'req-e' }));
    const error = await failure(basicClient().listPromotions({ status: ['NOPE'] }));
    expect(error).toMatchObject({ kind: 'api', status: 200, code: 8001, errors: ERRORS, operation: 'listPromotions' });
    expect(error.message).toBe('HTTP 200: 8001 Invalid status (request id req-e)');
    const iterated = await failure(
      (async () => {
        for await (const _ of basicClient().iteratePromotions()) expect.unreachable('no promotion');
      })(),
    );
    expect(iterated).toMatchObject({ kind: 'api', code: 8001 });
  });

  test('beside promotions: the page carries them; a page without errors has none', async () => {
    suite.server.handle((_req, res) => json(res, 200, { data: [promotion(1)], errors: [...ERRORS, null] }));
    const page = await basicClient().listPromotions();
    expect(page).toMatchObject({ data: [promotion(1)], errors: ERRORS, last: true });
    suite.server.handle((_req, res) => json(res, 200, { data: [promotion(1)], errors: null }));
    expect((await basicClient().listPromotions()).errors).toEqual([]);
  });
});

describe('a promotion has a metadata object', () => {
  test.each([
    ['an empty object', {}],
    ['metadata null', { id: ID, metadata: null }],
    ['metadata a string', { id: ID, metadata: 'Summer' }],
    ['metadata an array', { id: ID, metadata: [] }],
  ])('a list item that is %s: invalid-body', async (_what, item) => {
    suite.server.handle((_req, res) => json(res, 200, { data: [promotion(1), item] }));
    const error = await failure(basicClient().listPromotions());
    expect(error).toMatchObject({ kind: 'invalid-body', status: 200, operation: 'listPromotions' });
    expect(error.message).toMatch(/data holds an item that is not a promotion \(an object with a metadata object\)/);
  });

  test('getPromotion whose data has no metadata object: invalid-body', async () => {
    for (const data of [{}, { id: ID, metadata: 7 }]) {
      suite.server.handle((_req, res) => json(res, 200, { data }, { 'X-Cap-Requestid': 'req-p' }));
      const error = await failure(basicClient().getPromotion(ID));
      expect(error).toMatchObject({ kind: 'invalid-body', status: 200, operation: 'getPromotion', requestId: 'req-p' });
      expect(error.message).toBe(
        'HTTP 200: data is not a promotion (an object with a metadata object) (request id req-p)',
      );
    }
  });
});

credentialsNeverLeak();
