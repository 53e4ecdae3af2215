// The models of `listPromotions` and `getPromotion` (spec/promotions.yaml): both answer from one organisation-wide
// catalogue per seed (promotionsCatalogue.ts), so a page, a filter and a by-id answer never disagree. The list
// filters the catalogue by `searchText` and `status`, then slices it by `page` (0-indexed) and `size`: the last page
// is the first one shorter than `size`, and a page beyond it is empty, as the operation's description says.
import type { Operation } from '@target-groups/spec/portable';
import { driftForward } from '../drift.js';
import type { ParameterValues } from '../parameters.js';
import { randomFor } from '../random.js';
import { vendorEnvelope } from '../vendor.js';
import type { ModelFactory, OperationModel } from './index.js';
import { type CataloguedPromotion, createPromotionsCatalogue } from './promotionsCatalogue.js';
import { dataSchemaOf } from './targetGroups.js';

type Body = Record<string, unknown>;

export const PROMOTIONS_SCENARIOS = ['noPromotions'] as const;
const NOT_FOUND = 404;

/** The filters of a list request, as the engine has checked them (defaults applied). */
export interface PromotionsQuery {
  searchText: string | undefined;
  /** The states asked for (`status=LIVE,UPCOMING`); empty: every state. */
  statuses: string[];
  includeDraftDetails: boolean;
  page: number;
  size: number;
}

export const readPromotionsQuery = (parameters: ParameterValues): PromotionsQuery => ({
  searchText: parameters.searchText === undefined ? undefined : String(parameters.searchText),
  statuses:
    parameters.status === undefined
      ? []
      : String(parameters.status)
          .split(',')
          .map((status) => status.trim())
          .filter((status) => status !== ''),
  includeDraftDetails: parameters.includeDraftDetails === true,
  // Both have the spec's defaults when absent (readParameters applies them).
  page: Number(parameters.page),
  size: Number(parameters.size),
});

/**
 * The catalogue's promotions a list request selects, in order, before paging. The draft of a live promotion is
 * listed (after it) only with `includeDraftDetails=true`; a promotion that is only a draft is always listed. Both
 * filters read the promotion's own `metadata`; `searchText` ignores case (the spec does not say whether the vendor
 * does).
 */
export function selectPromotions(promotions: readonly CataloguedPromotion[], query: PromotionsQuery): Body[] {
  const text = query.searchText?.toLowerCase();
  return promotions
    .filter((promotion) => query.includeDraftDetails || promotion.draftOf === undefined)
    .map((promotion) => promotion.body)
    .filter((body) => {
      const metadata = body.metadata as Body;
      if (query.statuses.length > 0 && !query.statuses.includes(String(metadata.status))) return false;
      if (text === undefined) return true;
      return [metadata.name, metadata.description].some(
        (field) => typeof field === 'string' && field.toLowerCase().includes(text),
      );
    });
}

/** The catalogue of the operation's seed, from the `Promotion` schema of its success answer. */
function catalogueOf(operation: Operation, seed: string) {
  const data = dataSchemaOf(operation);
  const promotionSchema = data.items && typeof data.items === 'object' ? (data.items as Body) : data;
  return { catalogue: createPromotionsCatalogue(promotionSchema, seed), promotionSchema };
}

/** `forwardCompatible`: each promotion drifted within its schema, the same way in the list and by id. */
function driftPromotions(promotionSchema: Body, seed: string) {
  const drift = (promotion: unknown) =>
    promotion !== null && typeof promotion === 'object'
      ? driftForward(promotion as Body, promotionSchema, randomFor(`drift:${seed}:${(promotion as Body).id}`))
      : promotion;
  return (body: Body) => ({
    ...body,
    data: Array.isArray(body.data) ? body.data.map(drift) : drift(body.data),
  });
}

export const listPromotionsModel: ModelFactory = (operation, { seed }): OperationModel => {
  const { catalogue, promotionSchema } = catalogueOf(operation, seed);
  return {
    scenarios: PROMOTIONS_SCENARIOS,
    answer({ parameters }, scenario) {
      const query = readPromotionsQuery(parameters);
      const selected = scenario === 'noPromotions' ? [] : selectPromotions(catalogue.promotions, query);
      const start = query.page * query.size;
      return { body: { data: selected.slice(start, start + query.size), errors: null, warnings: null } };
    },
    drift: driftPromotions(promotionSchema, seed),
  };
};

export const getPromotionModel: ModelFactory = (operation, { seed }): OperationModel => {
  const { catalogue, promotionSchema } = catalogueOf(operation, seed);
  // The spec's answer to an unknown id: its declared 404 and that status's named example.
  const notFoundResponse = operation.responseFor(NOT_FOUND);
  const notFound = notFoundResponse?.examples[0]?.value ?? vendorEnvelope(NOT_FOUND, 'Promotion not found');
  return {
    scenarios: PROMOTIONS_SCENARIOS,
    answer({ parameters }, scenario) {
      // The path's pattern takes upper-case hex digits too; the catalogue's ids are lower case.
      const id = String(parameters.promotionId).toLowerCase();
      const promotion = scenario === 'noPromotions' ? undefined : catalogue.byId.get(id);
      if (!promotion) return { status: notFoundResponse ? NOT_FOUND : 200, body: notFound };
      return { body: { data: promotion.body, errors: null, warnings: null } };
    },
    drift: driftPromotions(promotionSchema, seed),
  };
};
