/**
 * The types of the loyalty promotions API (`GET /v3/promotions`, `GET /v3/promotions/{promotionId}`), the
 * replacement the vendor names for the target-groups endpoint, generated from spec/promotions.yaml. A separate entry
 * (`@target-groups/types/promotions`): both APIs name enums alike (`TrackingType`), with their own values over time.
 */
import type { components, operations } from './generated/promotions/schema.js';

export type { components, operations, paths, webhooks } from './generated/promotions/schema.js';
// Each open enum's known values (`PROMOTION_STATUSES`), their union (`KnownPromotionStatus`) and a guard.
export * from './generated/promotions/enums.js';

type Schemas = components['schemas'];

/** Envelope of a page of promotions: `data` is the page (empty past the last one), `null` when the call failed. */
export type PromotionListResponse = Schemas['PromotionListResponse'];
/** Envelope of one promotion: `data` is `null` (and `errors` set) when the call failed. */
export type PromotionResponse = Schemas['PromotionResponse'];
export type ErrorResponse = Schemas['ErrorResponse'];
export type ErrorItem = Schemas['ErrorItem'];
export type WarningItem = Schemas['WarningItem'];

/** A promotion definition: organisation-wide, with no user's progress in it. */
export type Promotion = Schemas['Promotion'];
export type PromotionMetadata = Schemas['PromotionMetadata'];
export type CustomerEnrolment = Schemas['CustomerEnrolment'];
export type Activity = Schemas['Activity'];
export type PromotionMilestone = Schemas['PromotionMilestone'];
export type CycleActionMapping = Schemas['CycleActionMapping'];

// Open enums: the known values plus `(string & {})`, because the vendor adds values over time.
export type PromotionStatus = Schemas['PromotionStatus'];
export type PromotionType = Schemas['PromotionType'];
export type EnrolmentMethod = Schemas['EnrolmentMethod'];
export type ActivityType = Schemas['ActivityType'];
export type FrequencyType = Schemas['FrequencyType'];
export type TrackingType = Schemas['TrackingType'];
export type TargetEvaluationType = Schemas['TargetEvaluationType'];
export type TargetEntity = Schemas['TargetEntity'];
export type TargetType = Schemas['TargetType'];

/** Query parameters of `GET /v3/promotions`. */
export type ListPromotionsQuery = NonNullable<operations['listPromotions']['parameters']['query']>;
/** Query parameters of `GET /v3/promotions/{promotionId}`. */
export type GetPromotionQuery = NonNullable<operations['getPromotion']['parameters']['query']>;
