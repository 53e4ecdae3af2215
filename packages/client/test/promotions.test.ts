// The loyalty promotions methods against the fake vendor: typed results from the contract's examples, the request
// sent, arguments refused before anything is sent, the error envelope mapped to TargetGroupsApiError, a user's
// middleware seeing the calls, and no deprecation warning; the client's bounds held to the contract's.
import type { Promotion } from '@target-groups/types/promotions';
import type { Middleware } from 'openapi-fetch';
import { afterEach, beforeEach, describe, expect, expectTypeOf, test, vi } from 'vitest';
import { DEFAULT_PAGE_SIZE, FIRST_PAGE, INT32_MAX, PROMOTION_ID } from '../src/promotionsArguments.js';
import type { PromotionsPage } from '../src/promotionsMethods.js';
import { BASIC, json, vendorSuite } from './support/fakeVendor.js';
import { exampleBody, promotion, promotionsSpec } from './support/promotionPages.js';

const { suite, basicClient, failure, credentialsNeverLeak } = vendorSuite({ errors: 12, requests: 8 });
const ID = '6903253184daf5486232dec9';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('results', () => {
  test('listPromotions: one typed page of the envelope, the query sent as the contract writes it', async () => {
    const body = exampleBody('listPromotions', 'onePageOfPromotions');
    suite.server.handle((_req, res) => json(res, 200, body, { 'X-Cap-Requestid': 'req-list' }));
    const page = await basicClient().listPromotions({
      status: ['LIVE', 'UPCOMING'],
      searchText: 'sign up',
      page: 0,
      size: 20,
      includeDraftDetails: true,
      headers: { 'X-Team': 'loyalty' },
    });
    expectTypeOf(page).toEqualTypeOf<PromotionsPage>();
    expectTypeOf(page.data).toEqualTypeOf<Promotion[]>();
    expect(page).toEqual({
      data: body.data,
      errors: [],
      warnings: [],
      page: 0,
      size: 20,
      last: true,
      requestId: 'req-list',
    });
    expect(page.data[1]?.activities?.[0]?.milestones?.[0]?.trackingType).toBe('DEFAULT');
    const [req] = suite.server.received;
    expect(req?.path.split('?')[0]).toBe('/v3/promotions');
    // `status` is `style: form, explode: false` in the contract: one parameter, comma-separated.
    const query = new URLSearchParams(req?.path.split('?')[1]);
    expect(query.getAll('status')).toEqual(['LIVE,UPCOMING']);
    expect(Object.fromEntries(query)).toMatchObject({ searchText: 'sign up', page: '0', size: '20' });
    expect(query.get('includeDraftDetails')).toBe('true');
    expect(req?.headers.authorization).toBe(BASIC);
    expect(req?.headers['x-team']).toBe('loyalty');
  });

  test("listPromotions without a size: the page is judged by the contract's default size", async () => {
    suite.server.handle((_req, res) => json(res, 200, { data: Array.from({ length: 10 }, (_, n) => promotion(n)) }));
    const page = await basicClient().listPromotions();
    expect(suite.server.received[0]?.path).toBe('/v3/promotions');
    expect(page).toMatchObject({ page: 0, size: 10, last: false });
  });

  test("listPromotions: the envelope's warnings are in the page and reach onWarnings", async () => {
    const warnings = [{ message: 'size capped' }];
    suite.server.handle((_req, res) =>
      json(res, 200, { data: [promotion(1)], errors: null, warnings }, { 'X-Cap-Requestid': 'req-w' }),
    );
    const onWarnings = vi.fn();
    const page = await basicClient({ onWarnings }).listPromotions({ size: 5 });
    expect(page).toMatchObject({ warnings, last: true, requestId: 'req-w' });
    expect(onWarnings).toHaveBeenCalledExactlyOnceWith(warnings, 'req-w');
  });

  test('getPromotion: the envelope data, typed, for the id and flags given; warnings go to onWarnings', async () => {
    const body = exampleBody('getPromotion', 'singleMilestonePromotion');
    const warnings = [{ code: 1, message: 'draft shown' }];
    suite.server.handle((_req, res) => json(res, 200, { ...body, warnings }, { 'X-Cap-Requestid': 'req-one' }));
    const onWarnings = vi.fn();
    const result = await basicClient({ onWarnings }).getPromotion(ID, { includeParentDetails: true });
    expectTypeOf(result).toEqualTypeOf<Promotion>();
    expect(result).toEqual(body.data);
    expect(onWarnings).toHaveBeenCalledWith(warnings, 'req-one');
    const path = suite.server.received[0]?.path;
    expect(path).toBe(`/v3/promotions/${ID}?includeParentDetails=true`);
  });

  test('no deprecation warning: the promotions API is the way off the deprecated one', async () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    suite.server.handle((req, res) =>
      json(
        res,
        200,
        new URL(req.url ?? '/', 'http://vendor.invalid').pathname === '/v3/promotions'
          ? { data: [] }
          : exampleBody('getPromotion', 'draftActivityPromotion'),
      ),
    );
    const client = basicClient();
    await client.listPromotions();
    await client.getPromotion(ID);
    for await (const _ of client.iteratePromotions()) expect.unreachable('the list is empty');
    expect(emit).not.toHaveBeenCalled();
  });
});

describe('arguments are refused before anything is sent', () => {
  beforeEach(() => suite.server.handle((_req, res) => json(res, 200, { data: [] })));

  test.each([
    ['a short id', () => basicClient().getPromotion('6903253184daf'), /getPromotion: the promotion id must be 24 hex/],
    ['a path in the id', () => basicClient().getPromotion(`../${ID.slice(3)}`), /24 hexadecimal digits/],
    ['a number as id', () => basicClient().getPromotion(42 as unknown as string), /got 42/],
    [
      'a flag as text',
      () => basicClient().getPromotion(ID, { includeParentDetails: 'yes' as unknown as boolean }),
      /booleans/,
    ],
    ['page -1', () => basicClient().listPromotions({ page: -1 }), /`page` must be an integer from 0 .*got -1/],
    ['page 1.5', () => basicClient().listPromotions({ page: 1.5 }), /`page`.*got 1.5/],
    [
      'size 0',
      () => basicClient().listPromotions({ size: 0 }),
      /`size` must be an integer from 1 to 2147483647, got 0/,
    ],
    ['size past int32', () => basicClient().listPromotions({ size: INT32_MAX + 1 }), /`size`/],
    ['a status with a comma', () => basicClient().listPromotions({ status: ['LIVE,DRAFT'] }), /`status`/],
    ['status as a string', () => basicClient().listPromotions({ status: 'LIVE' as unknown as ['LIVE'] }), /`status`/],
    ['maxPages 0', () => basicClient().iteratePromotions({ maxPages: 0 }).next(), /`maxPages` must be a positive/],
    ['a header with CR', () => basicClient().listPromotions({ headers: { 'X-A': 'a\r\nb' } }), /header X-A/],
  ])('%s', async (_what, call, message) => {
    const error = await failure(call());
    expect(error.kind).toBe('invalid-argument');
    expect(error.message).toMatch(message);
    expect(error.operation).toMatch(/^(listPromotions|getPromotion)$/);
    expect(suite.server.received).toHaveLength(0);
  });

  test('size at its bounds is sent: 1 and the int32 maximum', async () => {
    await basicClient().listPromotions({ size: 1 });
    await basicClient().listPromotions({ size: INT32_MAX, page: INT32_MAX });
    const sizes = suite.server.received.map((r) => new URLSearchParams(r.path.split('?')[1]).get('size'));
    expect(sizes).toEqual(['1', `${INT32_MAX}`]);
  });
});

describe('the error envelope', () => {
  test('HTTP 404 with errors: kind http, the code, the request id, the operation', async () => {
    suite.server.handle((_req, res) =>
      json(
        res,
        404,
        { data: null, errors: [{ code: 404, message: 'Promotion not found' }], warnings: null },
        {
          'X-Cap-Requestid': 'req-404',
        },
      ),
    );
    const error = await failure(basicClient().getPromotion(ID));
    expect(error).toMatchObject({
      kind: 'http',
      status: 404,
      code: 404,
      requestId: 'req-404',
      operation: 'getPromotion',
    });
    expect(error.message).toBe('HTTP 404: 404 Promotion not found (request id req-404)');
  });

  test('HTTP 200 with errors and data null: kind api, for the list too; its warnings are in the error only', async () => {
    const warnings = [{ message: 'status NOPE unknown' }];
    suite.server.handle((_req, res) =>
      json(res, 200, { data: null, errors: [{ code: 8001, message: 'Invalid status' }], warnings }),
    );
    const onWarnings = vi.fn();
    const error = await failure(basicClient({ onWarnings }).listPromotions({ status: ['NOPE'] }));
    expect(error).toMatchObject({ kind: 'api', status: 200, code: 8001, operation: 'listPromotions', warnings });
    expect(onWarnings).not.toHaveBeenCalled();
  });

  test('a list whose data is an object, or holds a non-object: invalid-body', async () => {
    suite.server.handle((_req, res) => json(res, 200, { data: promotion(1) }));
    const object = await failure(basicClient().listPromotions());
    expect(object).toMatchObject({ kind: 'invalid-body', operation: 'listPromotions', status: 200 });
    expect(object.message).toMatch(/data is not an array of promotions/);
    suite.server.handle((_req, res) => json(res, 200, { data: [promotion(1), null] }));
    expect((await failure(basicClient().listPromotions())).message).toMatch(/not a promotion \(an object/);
  });

  test('a promotion whose data is an array, a gateway page: invalid-body, with an excerpt', async () => {
    suite.server.handle((_req, res) => json(res, 200, { data: [promotion(1)] }));
    expect(await failure(basicClient().getPromotion(ID))).toMatchObject({
      kind: 'invalid-body',
      operation: 'getPromotion',
    });
    suite.server.handle((_req, res) => json(res, 502, '<html>Bad gateway</html>', { 'Content-Type': 'text/html' }));
    const gateway = await failure(basicClient({ retry: false }).listPromotions());
    expect(gateway).toMatchObject({
      kind: 'http',
      status: 502,
      bodyExcerpt: '<html>Bad gateway</html>',
      operation: 'listPromotions',
    });
  });

  test('a fault of the transport names the promotions operation', async () => {
    suite.server.handle((_req, res) => res.destroy());
    const error = await failure(basicClient({ retry: false }).getPromotion(ID));
    expect(error).toMatchObject({ kind: 'network', operation: 'getPromotion' });
  });
});

test("a user's middleware sees the promotions calls, before the credentials go in", async () => {
  suite.server.handle((req, res) =>
    json(res, 200, req.url?.startsWith('/v3/promotions?') ? { data: [promotion(1)] } : { data: promotion(2) }),
  );
  const seen: { schemaPath: string; authorization: string | null; status?: number }[] = [];
  const tracing: Middleware = {
    onRequest({ request, schemaPath }) {
      seen.push({ schemaPath, authorization: request.headers.get('authorization') });
      request.headers.set('X-Trace', 'trace-1');
    },
    onResponse({ response, schemaPath }) {
      seen.push({ schemaPath, authorization: null, status: response.status });
    },
  };
  const client = basicClient();
  client.use(tracing);
  await client.listPromotions({ size: 5 });
  await client.getPromotion(ID);
  expect(seen).toEqual([
    { schemaPath: '/v3/promotions', authorization: null },
    { schemaPath: '/v3/promotions', authorization: null, status: 200 },
    { schemaPath: '/v3/promotions/{promotionId}', authorization: null },
    { schemaPath: '/v3/promotions/{promotionId}', authorization: null, status: 200 },
  ]);
  expect(suite.server.received.map((r) => r.headers['x-trace'])).toEqual(['trace-1', 'trace-1']);
  // openapi-fetch's GET on the promotions paths is typed from the promotions contract.
  const { data } = await client.GET('/v3/promotions/{promotionId}', { params: { path: { promotionId: ID } } });
  expectTypeOf(data?.data?.metadata.name).toEqualTypeOf<string | undefined>();
  expect(data?.data?.id).toBe(promotion(2).id);
});

test("the client's bounds are the contract's", () => {
  const list = promotionsSpec.operation('listPromotions')!;
  const param = (name: string) => list.parameters.find((p) => p.name === name)!.schema;
  expect(param('page')).toMatchObject({ minimum: 0, default: FIRST_PAGE, format: 'int32' });
  expect(param('size')).toMatchObject({ minimum: 1, default: DEFAULT_PAGE_SIZE, format: 'int32' });
  expect(param('size').maximum).toBeUndefined();
  const id = promotionsSpec.operation('getPromotion')!.parameters.find((p) => p.name === 'promotionId')!;
  expect(id.schema.pattern).toBe(PROMOTION_ID.source);
  expect(list.parameters.find((p) => p.name === 'status')!.definition).toMatchObject({ style: 'form', explode: false });
});

credentialsNeverLeak();
