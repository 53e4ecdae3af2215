// What the client makes of the vendor's `errors` and `warnings` items: a credential the server quotes back (the
// Basic header, a token, the OAuth key and secret) is replaced by `[redacted]` in the message, `errors`, `warnings`,
// the JSON and the string of the error, for every operation; items that are not `{ code, message }` objects are left
// out of `errors` and counted in the message, never a TypeError.
import { describe, expect, test, vi } from 'vitest';
import { type TargetGroupsApiError, type TargetGroupsClientOptions, createTargetGroupsClient } from '../src/index.js';
import {
  BASIC,
  OAUTH_KEY,
  OAUTH_SECRET,
  OK_BODY,
  PASSWORD_MD5,
  READY_TOKEN,
  json,
  vendorSuite,
} from './support/fakeVendor.js';
import { promotion } from './support/promotionPages.js';

const { suite, basicClient, failure, credentialsNeverLeak } = vendorSuite({ errors: 14, requests: 15 });
const ID = '6903253184daf5486232dec9';

const tokenClient = (extra: Partial<TargetGroupsClientOptions> = {}) =>
  createTargetGroupsClient({
    baseUrl: suite.server.url,
    auth: { type: 'token', token: READY_TOKEN },
    retry: false,
    ...extra,
  } as TargetGroupsClientOptions);

/** An envelope quoting `secret` in an error's message, in an extra field of it, and in a warning. */
const echoing = (secret: string) => ({
  data: null,
  errors: [{ code: 1, message: `bad auth ${secret}`, detail: { sent: secret } }],
  warnings: [{ message: `request had ${secret}` }],
});

/** Every view of an error a caller may log. */
const views = (error: TargetGroupsApiError) => [
  error.message,
  String(error),
  JSON.stringify(error),
  JSON.stringify(error.errors),
  JSON.stringify(error.warnings),
];

/** `shown`: what the echo becomes (the Basic header's scheme is no secret). */
function expectScrubbed(error: TargetGroupsApiError, secrets: string[], shown = '[redacted]') {
  for (const view of views(error)) for (const secret of secrets) expect(view).not.toContain(secret);
  expect(error.message).toContain(`1 bad auth ${shown}`);
  expect(error.errors).toEqual([{ code: 1, message: `bad auth ${shown}`, detail: { sent: shown } }]);
  expect(error.warnings).toEqual([{ message: `request had ${shown}` }]);
  expect(JSON.stringify(error)).toContain('[redacted]');
}

const basicSecrets = [BASIC, BASIC.slice(6), PASSWORD_MD5];

describe('a credential quoted back by the server is redacted', () => {
  test.each([
    ['the Basic header', BASIC],
    ['its base64 value', BASIC.slice(6)],
    ['the password digest', PASSWORD_MD5],
  ])('getTargetGroups, HTTP 401 quoting %s', async (_what, secret) => {
    suite.server.handle((_req, res) => json(res, 401, echoing(secret)));
    const error = await failure(basicClient().getTargetGroups(1));
    expect(error).toMatchObject({ kind: 'http', status: 401, code: 1 });
    expectScrubbed(error, basicSecrets, secret === BASIC ? 'Basic [redacted]' : '[redacted]');
  });

  test('getTargetGroups with a token: HTTP 401 quoting the token', async () => {
    suite.server.handle((_req, res) => json(res, 401, echoing(READY_TOKEN)));
    const error = await failure(tokenClient().getTargetGroups(1));
    expectScrubbed(error, [READY_TOKEN]);
  });

  test('listPromotions (HTTP 200, kind api) and getPromotion (HTTP 401), with Basic and with a token', async () => {
    suite.server.handle((req, res) =>
      json(res, req.url?.startsWith('/v3/promotions?') ? 200 : 401, echoing(String(req.headers.authorization))),
    );
    const list = await failure(basicClient().listPromotions({ size: 5 }));
    expect(list).toMatchObject({ kind: 'api', operation: 'listPromotions' });
    expectScrubbed(list, basicSecrets, 'Basic [redacted]');
    const one = await failure(basicClient({ retry: false }).getPromotion(ID));
    expect(one).toMatchObject({ kind: 'http', operation: 'getPromotion' });
    expectScrubbed(one, basicSecrets, 'Basic [redacted]');

    suite.server.handle((req, res) =>
      json(res, req.url?.startsWith('/v3/promotions?') ? 200 : 401, echoing(READY_TOKEN)),
    );
    expectScrubbed(await failure(tokenClient().listPromotions()), [READY_TOKEN]);
    const iterated = await failure(
      (async () => {
        for await (const _ of tokenClient().iteratePromotions()) expect.unreachable('no page');
      })(),
    );
    expectScrubbed(iterated, [READY_TOKEN]);
    expectScrubbed(await failure(tokenClient().getPromotion(ID)), [READY_TOKEN]);
  });

  test('the OAuth token request quoting the key and secret', async () => {
    suite.server.handle((_req, res) => json(res, 401, echoing(`${OAUTH_KEY}:${OAUTH_SECRET}`)));
    const client = createTargetGroupsClient({
      baseUrl: suite.server.url,
      auth: { type: 'oauth', key: OAUTH_KEY, secret: OAUTH_SECRET },
      retry: false,
    });
    const error = await failure(client.listPromotions());
    expect(error).toMatchObject({ kind: 'http', operation: 'generateToken' });
    for (const view of views(error)) for (const secret of [OAUTH_KEY, OAUTH_SECRET]) expect(view).not.toContain(secret);
    expect(error.errors[0]?.message).toBe('bad auth [redacted]:[redacted]');
  });

  test("a successful answer's warnings reach onWarnings and the page redacted", async () => {
    const warnings = [{ message: `token ${READY_TOKEN} expires soon` }];
    const scrubbed = [{ message: 'token [redacted] expires soon' }];
    suite.server.handle((req, res) =>
      json(
        res,
        200,
        req.url?.startsWith('/v3/promotions')
          ? { data: [promotion(1)], warnings }
          : { ...JSON.parse(OK_BODY), warnings },
      ),
    );
    const onWarnings = vi.fn();
    const client = tokenClient({ onWarnings });
    await client.getTargetGroups(1);
    expect((await client.listPromotions()).warnings).toEqual(scrubbed);
    expect(onWarnings.mock.calls.map(([w]) => w)).toEqual([scrubbed, scrubbed]);
  });
});

describe('malformed error items', () => {
  const NO_CODE = 'an error item without a code or message';
  test.each<[string, unknown[], string, unknown[]]>([
    ['null', [null], `HTTP 404: ${NO_CODE}`, []],
    ['a string', ['x'], `HTTP 404: ${NO_CODE}`, []],
    ['a code as text, an array', [{ code: '1', message: 'm' }, []], `HTTP 404: ${NO_CODE}; ${NO_CODE}`, []],
    [
      'one good, one bad',
      [{ code: 310011, message: 'Invalid userId' }, 5],
      `HTTP 404: 310011 Invalid userId; ${NO_CODE}`,
      [{ code: 310011, message: 'Invalid userId' }],
    ],
    ['an item with a message only', [{ message: 'gone' }], 'HTTP 404: gone', [{ message: 'gone' }]],
    ['an empty item', [{}], `HTTP 404: ${NO_CODE}`, [{}]],
  ])(
    'HTTP 404 with %s: kind http, only well-formed items kept, described plainly',
    async (_what, errors, message, kept) => {
      suite.server.handle((_req, res) => json(res, 404, { data: null, errors }, { 'X-Cap-Requestid': '' }));
      const error = await failure(basicClient().getTargetGroups(1));
      expect(error.kind).toBe('http');
      expect(error.message).toBe(message);
      expect(error.message).not.toContain('undefined');
      expect(error.errors).toEqual(kept);
    },
  );

  test('HTTP 200 with errors [null] and no data: invalid-body, for each operation', async () => {
    suite.server.handle((_req, res) => json(res, 200, { data: null, errors: [null], warnings: [null, 'w'] }));
    for (const call of [
      () => basicClient().getTargetGroups(1),
      () => basicClient().listPromotions(),
      () => basicClient().getPromotion(ID),
    ]) {
      const error = await failure(call());
      expect(error).toMatchObject({
        kind: 'invalid-body',
        status: 200,
        errors: [],
        warnings: [
          { message: 'a warning item without a message: null' },
          { message: 'a warning item without a message: "w"' },
        ],
      });
      expect(error.message).toMatch(/^HTTP 200: an error item without a code or message/);
    }
  });
});

credentialsNeverLeak();
