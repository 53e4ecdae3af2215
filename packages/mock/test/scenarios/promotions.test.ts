// The scenario engine given spec/promotions.yaml: one organisation-wide catalogue behind `listPromotions` and
// `getPromotion`, paged and filtered as the operations' descriptions say, through each face (the fetch function, the
// HTTP server behind startMock, the msw handlers). Every answer is judged by the validator compiled for its operation.
import { loadSpec, promotionsSpecPath } from '@target-groups/spec';
import { createValidator } from '@target-groups/validator';
import fc from 'fast-check';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type MockServer, startMock } from '../../dist/index.js';
import { createMockFetch, GENERATED_TODAY } from '../../src/scenarios/index.js';
import { createScenarioHandlers } from '../../src/scenarios/msw.js';
import { onUnhandled } from './mswOptions.js';
import { BASIC_AUTHORIZATION } from './support.js';

const spec = await loadSpec(promotionsSpecPath);
const LIST = '/v3/promotions';
const byId = (id: string) => `${LIST}/${id}`;
const validators = {
  list: createValidator(spec, { operationId: 'listPromotions' }),
  get: createValidator(spec, { operationId: 'getPromotion' }),
};
const examplesOf = (operationId: string) => spec.examples.filter((e) => e.operationId === operationId);

type Fetcher = (input: string, init?: RequestInit) => Promise<Response>;
interface Promotion {
  id: string;
  metadata: { name: string; description?: string; status: string; promotionId?: number };
}
/** Query parameters; a list is sent as the parameter repeated. */
type Query = Record<string, string | number | boolean | readonly string[]>;

/** One GET through `fetcher`, judged by the validator of the operation its path is. */
async function get(fetcher: Fetcher, base: string, path: string, query: Query = {}, prefer?: string) {
  const search = new URLSearchParams(
    Object.entries(query).flatMap(([key, value]) =>
      Array.isArray(value) ? value.map((one) => [key, one]) : [[key, String(value)]],
    ),
  );
  const url = `${base}${path}${search.size > 0 ? `?${search}` : ''}`;
  const response = await fetcher(url, {
    headers: { authorization: BASIC_AUTHORIZATION, ...(prefer && { prefer }) },
  });
  const text = await response.text();
  const validator = path === LIST ? validators.list : validators.get;
  const violations = validator.validateText(text, response.status);
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text), violations };
}

/** Every page of a list request, fetched until the first page shorter than `size`. */
async function allPages(fetcher: Fetcher, base: string, size: number, query: Query = {}) {
  const pages: Promotion[][] = [];
  for (let page = 0; page < 500; page++) {
    const answer = await get(fetcher, base, LIST, { ...query, page, size });
    expect(answer.status).toBe(200);
    expect(answer.violations).toEqual([]);
    pages.push(answer.body.data);
    if (answer.body.data.length < size) return pages;
  }
  throw new Error('no page shorter than size within 500 pages');
}

const mockFetch = createMockFetch({ spec, slowDelayMs: 0 });
let server: MockServer | undefined;
const MSW_ORIGIN = 'https://promotions.test';
const msw = setupServer(...createScenarioHandlers({ spec, baseUrl: MSW_ORIGIN }));

beforeAll(async () => {
  server = await startMock({ engine: 'scenarios', scenarios: { spec } });
});
afterAll(() => server?.close());

const faces: [string, () => { fetcher: Fetcher; base: string }][] = [
  ['createMockFetch', () => ({ fetcher: mockFetch, base: 'https://eu.api.capillarytech.com' })],
  ["startMock({ engine: 'scenarios' })", () => ({ fetcher: fetch, base: server!.url })],
];

describe.each(faces)('through %s', (_, face) => {
  let fetcher: Fetcher;
  let base: string;
  let catalogue: Promotion[];
  beforeAll(async () => {
    ({ fetcher, base } = face());
    catalogue = (await allPages(fetcher, base, 1000, { includeDraftDetails: true })).flat();
  });

  test('every page of every size holds each promotion exactly once, in one order; the last is shorter than size', async () => {
    const listed = (await allPages(fetcher, base, 1000)).flat();
    expect(listed.length).toBeGreaterThan(20);
    expect(new Set(listed.map((promotion) => promotion.id)).size).toBe(listed.length);
    for (const size of [1, 7, 10, listed.length, listed.length + 1]) {
      const pages = await allPages(fetcher, base, size);
      expect(pages.flat()).toEqual(listed);
      expect(pages.slice(0, -1).every((page) => page.length === size)).toBe(true);
      expect(pages.at(-1)!.length).toBeLessThan(size);
    }
    // size = the total: every promotion on page 0, and page 1 is the (empty) last page.
    expect((await allPages(fetcher, base, listed.length)).map((page) => page.length)).toEqual([listed.length, 0]);
    const beyond = await get(fetcher, base, LIST, { page: 1000, size: 10 });
    expect(beyond.status).toBe(200);
    expect(beyond.body).toEqual({ data: [], errors: null, warnings: null });
    // Without page and size: the spec's defaults, page 0 of 10.
    expect((await get(fetcher, base, LIST)).body.data).toEqual(listed.slice(0, 10));
  });

  test('includeDraftDetails adds the draft of a live promotion right after it; other drafts are always listed', async () => {
    const listed = (await allPages(fetcher, base, 1000)).flat();
    const drafts = catalogue.filter((promotion) => !listed.some((other) => other.id === promotion.id));
    expect(drafts.length).toBeGreaterThan(0);
    for (const draft of drafts) {
      const live = catalogue[catalogue.indexOf(draft) - 1]!;
      expect(live.metadata.status).toBe('LIVE');
      expect(draft.metadata).toMatchObject({ name: live.metadata.name, status: 'DRAFT', promotionId: 0 });
    }
    expect(catalogue.filter((promotion) => !drafts.includes(promotion))).toEqual(listed);
    expect(listed.some((promotion) => promotion.metadata.status === 'DRAFT')).toBe(true);
  });

  test('status and searchText filter the same ordered set before paging', async () => {
    const listed = (await allPages(fetcher, base, 1000)).flat();
    const live = (await allPages(fetcher, base, 3, { status: 'LIVE,UPCOMING' })).flat();
    expect(live.length).toBeGreaterThan(0);
    expect(live).toEqual(listed.filter((p) => ['LIVE', 'UPCOMING'].includes(p.metadata.status)));
    // An unknown value of the open enum is no error: it matches nothing.
    expect((await get(fetcher, base, LIST, { status: 'ARCHIVED' })).body.data).toEqual([]);

    const signUp = (await allPages(fetcher, base, 2, { searchText: 'SIGN UP' })).flat();
    expect(signUp.length).toBeGreaterThan(0);
    const matches = (p: Promotion, text: string) =>
      [p.metadata.name, p.metadata.description ?? ''].some((field) => field.toLowerCase().includes(text));
    expect(signUp).toEqual(listed.filter((p) => matches(p, 'sign up')));
    const byDescription = (await get(fetcher, base, LIST, { searchText: 'voucher', size: 1000 })).body.data;
    expect(byDescription.length).toBeGreaterThan(0);
    expect(byDescription.every((p: Promotion) => !p.metadata.name.toLowerCase().includes('voucher'))).toBe(true);

    const both = await get(fetcher, base, LIST, { searchText: 'bonus', status: 'LIVE', size: 1000 });
    expect(both.body.data).toEqual(listed.filter((p) => matches(p, 'bonus') && p.metadata.status === 'LIVE'));
  });

  test('getPromotion answers the promotion the list shows for its id, drafts included', async () => {
    for (const promotion of catalogue) {
      const answer = await get(fetcher, base, byId(promotion.id));
      expect(answer.status).toBe(200);
      expect(answer.violations).toEqual([]);
      expect(answer.body).toEqual({ data: promotion, errors: null, warnings: null });
    }
    // The path's pattern takes upper-case hex digits: the same promotion.
    const first = catalogue[0]!;
    expect((await get(fetcher, base, byId(first.id.toUpperCase()))).body.data).toEqual(first);
  });

  test("an unknown id is the spec's 404 and its envelope; a malformed one the spec's 400", async () => {
    const promotionNotFound = examplesOf('getPromotion').find((e) => e.name === 'promotionNotFound')!;
    const unknown = await get(fetcher, base, byId('0123456789abcdef01234567'));
    expect(unknown.status).toBe(404);
    expect(unknown.violations).toEqual([]);
    expect(unknown.body).toEqual(promotionNotFound.value);
    const invalidRequest = examplesOf('getPromotion').find((e) => e.name === 'invalidRequest')!;
    for (const malformed of [
      'xyz',
      '0123456789abcdef0123456',
      '0123456789abcdef012345678',
      'ghijklmnopqrstuvwxyzabcd',
    ]) {
      const answer = await get(fetcher, base, byId(malformed));
      expect(answer.status, malformed).toBe(400);
      expect(answer.body).toEqual(invalidRequest.value);
    }
  });

  test("a bad page, size or flag is the vendor's 400 envelope naming the parameter", async () => {
    for (const [query, name] of [
      [{ page: -1 }, 'page'],
      [{ page: 'first' }, 'page'],
      [{ size: 0 }, 'size'],
      [{ size: 2.5 }, 'size'],
      [{ includeDraftDetails: 'yes' }, 'includeDraftDetails'],
      // `status` is one comma-separated parameter (explode: false): a second one is refused, not dropped.
      [{ status: ['LIVE', 'DRAFT'] }, 'status'],
      [{ page: ['0', '1'] }, 'page'],
    ] as const) {
      const answer = await get(fetcher, base, LIST, query);
      expect(answer.status, JSON.stringify(query)).toBe(400);
      expect(answer.violations).toEqual([]);
      expect(answer.body).toMatchObject({ data: null, errors: [{ code: 400 }], warnings: null });
      expect(answer.body.errors[0].message).toContain(`Invalid ${name}:`);
    }
    expect((await get(fetcher, base, LIST, { page: -1 })).body.errors[0].message).toContain('at least 0');
  });

  test('the named examples of both operations are served with Prefer: example=NAME', async () => {
    for (const [path, operationId] of [
      [LIST, 'listPromotions'],
      [byId(catalogue[0]!.id), 'getPromotion'],
    ] as const) {
      const examples = examplesOf(operationId);
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) {
        const answer = await get(fetcher, base, path, {}, `example=${example.name}`);
        expect(answer.status).toBe(Number(example.status));
        expect(answer.body).toEqual(example.value);
        expect(answer.headers.get('preference-applied')).toBe(`example=${example.name}`);
      }
    }
  });

  test('noPromotions: every page is empty and every id unknown', async () => {
    const prefer = 'scenario=noPromotions';
    expect((await get(fetcher, base, LIST, { includeDraftDetails: true }, prefer)).body.data).toEqual([]);
    const answer = await get(fetcher, base, byId(catalogue[0]!.id), {}, prefer);
    expect(answer.status).toBe(404);
    expect(answer.violations).toEqual([]);
  });

  test('forwardCompatible drifts every promotion within the schema, the same way in the list and by id', async () => {
    const prefer = 'scenario=forwardCompatible';
    const page = await get(fetcher, base, LIST, { size: 1000, includeDraftDetails: true }, prefer);
    expect(page.status).toBe(200);
    expect(page.violations.filter((v) => v.severity === 'error')).toEqual([]);
    const warned = new Set(page.violations.map((v) => v.kind));
    expect(warned).toContain('undocumented-property');
    expect(warned).toContain('open-enum-value');
    expect(page.body.data).toHaveLength(catalogue.length);
    expect(page.body.data).not.toEqual(catalogue);
    for (const drifted of page.body.data.slice(0, 10)) {
      const one = await get(fetcher, base, byId(drifted.id), {}, prefer);
      expect(one.violations.filter((v) => v.severity === 'error')).toEqual([]);
      expect(one.body.data).toEqual(drifted);
    }
  });
});

test('another seed is another catalogue; the same seed the same one', async () => {
  const list = async (seed?: string) =>
    (await get(createMockFetch({ spec, seed }), 'https://x.test', LIST, { size: 1000 })).body.data;
  expect(await list('a')).toEqual(await list('a'));
  expect(await list('a')).not.toEqual(await list('b'));
  expect(await list()).toEqual((await get(mockFetch, 'https://x.test', LIST, { size: 1000 })).body.data);
});

test("the catalogue is as coherent as the vendor's pages describe it", async () => {
  const all = (await get(mockFetch, 'https://x.test', LIST, { size: 1000, includeDraftDetails: true })).body.data;
  for (const { metadata, activities } of all as (Promotion & { metadata: any; activities: any[] })[]) {
    const [start, end] = [Date.parse(metadata.startDate), Date.parse(metadata.endDate)];
    expect(start).toBeLessThan(end);
    expect(metadata.promotionId === 0).toBe(metadata.status === 'DRAFT');
    if (metadata.status === 'LIVE') expect(start <= GENERATED_TODAY && GENERATED_TODAY <= end).toBe(true);
    if (metadata.status === 'UPCOMING') expect(start).toBeGreaterThan(GENERATED_TODAY);
    if (metadata.status === 'COMPLETED') expect(end).toBeLessThan(GENERATED_TODAY);
    for (const activity of activities) {
      if (activity.type === 'SINGLE') expect(activity.milestones.length).toBeLessThanOrEqual(1);
      for (const milestone of activity.milestones) {
        expect(milestone.name.startsWith(`${metadata.name}~${activity.name}~`)).toBe(true);
        for (const cycle of milestone.cycleActionMapping) {
          expect(Date.parse(cycle.startDate)).toBeGreaterThanOrEqual(start);
          expect(Date.parse(cycle.endDate)).toBeLessThanOrEqual(end);
        }
      }
    }
  }
});

test('random list and by-id requests: a success passes the contract check without errors, a failure is an envelope', async () => {
  const ids = (await get(mockFetch, 'https://x.test', LIST, { size: 1000, includeDraftDetails: true })).body.data.map(
    (promotion: Promotion) => promotion.id,
  );
  const query = fc.record(
    {
      page: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constant(-1)),
      size: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.constant(0)),
      status: fc.subarray(['LIVE', 'DRAFT', 'UPCOMING', 'COMPLETED', 'ARCHIVED']).map((list) => list.join(',')),
      searchText: fc.constantFrom('bonus', 'Points', 'streak', 'zzz', ''),
      includeDraftDetails: fc.boolean(),
    },
    { requiredKeys: [] },
  );
  const path = fc.oneof(
    fc.constant(LIST),
    fc.constantFrom(...ids).map(byId),
    fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 23, maxLength: 25 }).map(byId),
  );
  const prefer = fc.option(
    fc.constantFrom(
      'scenario=forwardCompatible',
      'scenario=noPromotions',
      'scenario=forbidden',
      'scenario=serverError',
      'scenario=rateLimited',
      'code=400',
    ),
    { nil: undefined },
  );
  await fc.assert(
    fc.asyncProperty(path, query, prefer, async (at, q, preferred) => {
      const answer = await get(mockFetch, 'https://x.test', at, q, preferred);
      const errors = answer.violations.filter((v) => v.severity === 'error' && v.kind !== 'undeclared-status');
      expect(errors, answer.text).toEqual([]);
      if (answer.status >= 400)
        expect(answer.body).toMatchObject({ data: null, errors: [{ code: expect.any(Number) }] });
      else expect(answer.body.errors).toBeNull();
    }),
    { numRuns: 400 },
  );
});

describe('through the msw handlers', () => {
  beforeAll(() => msw.listen(onUnhandled('error')));
  afterAll(() => msw.close());

  test('the list, a promotion by id and the 404 answer as through the fetch function', async () => {
    const page = await get(fetch, MSW_ORIGIN, LIST, { page: 1, size: 5, status: 'LIVE' });
    expect(page.status).toBe(200);
    expect(page.violations).toEqual([]);
    expect(page.body).toEqual((await get(mockFetch, MSW_ORIGIN, LIST, { page: 1, size: 5, status: 'LIVE' })).body);
    const promotion = page.body.data[0] as Promotion;
    expect((await get(fetch, MSW_ORIGIN, byId(promotion.id))).body.data).toEqual(promotion);
    expect((await get(fetch, MSW_ORIGIN, byId('0123456789abcdef01234567'))).status).toBe(404);
  });
});
