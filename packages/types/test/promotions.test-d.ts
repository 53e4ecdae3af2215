import { describe, expectTypeOf, test } from 'vitest';
import {
  type ActivityType,
  type CycleActionMapping,
  isKnownPromotionStatus,
  type KnownPromotionStatus,
  type ListPromotionsQuery,
  PROMOTION_STATUSES,
  type Promotion,
  type PromotionListResponse,
  type PromotionMetadata,
  type PromotionMilestone,
  type PromotionResponse,
  type PromotionStatus,
} from '../src/promotions.js';

describe('the promotions entry', () => {
  test('envelopes: a page is an array (or null), one promotion is a Promotion or null', () => {
    expectTypeOf<PromotionListResponse['data']>().toEqualTypeOf<Promotion[] | null>();
    expectTypeOf<PromotionResponse['data']>().toEqualTypeOf<Promotion | null>();
  });

  test('absent and null stay apart: promoIdentifier may be null, lastModifiedOn may be absent', () => {
    expectTypeOf<PromotionMetadata['promoIdentifier']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<PromotionMetadata>().toHaveProperty('lastModifiedOn');
    expectTypeOf<Required<PromotionMetadata>['lastModifiedOn']>().toEqualTypeOf<string>();
    expectTypeOf<PromotionMetadata['programId']>().toEqualTypeOf<string | number | undefined>();
  });

  test('open enums accept unknown strings, and the guard narrows to the known values', () => {
    expectTypeOf<'SOME_NEW_STATUS'>().toMatchTypeOf<PromotionStatus>();
    expectTypeOf<ActivityType>().toMatchTypeOf<string>();
    const status = {} as PromotionStatus;
    if (isKnownPromotionStatus(status)) expectTypeOf(status).toEqualTypeOf<KnownPromotionStatus>();
    expectTypeOf(PROMOTION_STATUSES).toMatchTypeOf<readonly KnownPromotionStatus[]>();
  });

  test('milestones name the same enums as the retiring API and carry cycles, not progress', () => {
    expectTypeOf<PromotionMilestone['cycleActionMapping']>().toEqualTypeOf<CycleActionMapping[] | undefined>();
    expectTypeOf<PromotionMilestone>().not.toHaveProperty('targetAchievedValue');
  });

  test('query parameters: status is a list, page and size numbers', () => {
    expectTypeOf<ListPromotionsQuery['status']>().toEqualTypeOf<PromotionStatus[] | undefined>();
    expectTypeOf<ListPromotionsQuery['page']>().toEqualTypeOf<number | undefined>();
  });
});
