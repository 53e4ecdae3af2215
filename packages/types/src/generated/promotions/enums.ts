/**
 * Generated from spec/promotions.yaml by packages/types/scripts/generate.mjs: for each open enum
 * (`x-extensible-enum`), the values this version of the contract knows and a guard that tells them from a value the
 * vendor added since. Do not edit by hand: change the spec, then run `pnpm generate`.
 */

/** The known values of `PromotionStatus`, in the spec's order. */
export const PROMOTION_STATUSES = Object.freeze(["DRAFT", "ACTIVE", "PAUSED", "PENDING_APPROVAL", "STOPPED", "SNAPSHOT", "LIVE", "UPCOMING", "COMPLETED", "PUBLISH_FAILED"] as const);
/** A value of `PromotionStatus` this version of the contract knows. */
export type KnownPromotionStatus = (typeof PROMOTION_STATUSES)[number];
/** Whether `value` is one of {@link PROMOTION_STATUSES}: narrows a `PromotionStatus` (or anything) to {@link KnownPromotionStatus}. */
export function isKnownPromotionStatus(value: unknown): value is KnownPromotionStatus {
  return (PROMOTION_STATUSES as readonly unknown[]).includes(value);
}

/** The known values of `PromotionType`, in the spec's order. */
export const PROMOTION_TYPES = Object.freeze(["GENERIC", "LOYALTY", "LOYALTY_EARNING"] as const);
/** A value of `PromotionType` this version of the contract knows. */
export type KnownPromotionType = (typeof PROMOTION_TYPES)[number];
/** Whether `value` is one of {@link PROMOTION_TYPES}: narrows a `PromotionType` (or anything) to {@link KnownPromotionType}. */
export function isKnownPromotionType(value: unknown): value is KnownPromotionType {
  return (PROMOTION_TYPES as readonly unknown[]).includes(value);
}

/** The known values of `EnrolmentMethod`, in the spec's order. */
export const ENROLMENT_METHODS = Object.freeze(["TRANSACTION"] as const);
/** A value of `EnrolmentMethod` this version of the contract knows. */
export type KnownEnrolmentMethod = (typeof ENROLMENT_METHODS)[number];
/** Whether `value` is one of {@link ENROLMENT_METHODS}: narrows a `EnrolmentMethod` (or anything) to {@link KnownEnrolmentMethod}. */
export function isKnownEnrolmentMethod(value: unknown): value is KnownEnrolmentMethod {
  return (ENROLMENT_METHODS as readonly unknown[]).includes(value);
}

/** The known values of `ActivityType`, in the spec's order. */
export const ACTIVITY_TYPES = Object.freeze(["SINGLE", "GROUP"] as const);
/** A value of `ActivityType` this version of the contract knows. */
export type KnownActivityType = (typeof ACTIVITY_TYPES)[number];
/** Whether `value` is one of {@link ACTIVITY_TYPES}: narrows a `ActivityType` (or anything) to {@link KnownActivityType}. */
export function isKnownActivityType(value: unknown): value is KnownActivityType {
  return (ACTIVITY_TYPES as readonly unknown[]).includes(value);
}

/** The known values of `FrequencyType`, in the spec's order. */
export const FREQUENCY_TYPES = Object.freeze(["DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "HALF_YEARLY", "YEARLY", "CUSTOM"] as const);
/** A value of `FrequencyType` this version of the contract knows. */
export type KnownFrequencyType = (typeof FREQUENCY_TYPES)[number];
/** Whether `value` is one of {@link FREQUENCY_TYPES}: narrows a `FrequencyType` (or anything) to {@link KnownFrequencyType}. */
export function isKnownFrequencyType(value: unknown): value is KnownFrequencyType {
  return (FREQUENCY_TYPES as readonly unknown[]).includes(value);
}

/** The known values of `TrackingType`, in the spec's order. */
export const TRACKING_TYPES = Object.freeze(["DEFAULT", "UNIFIED", "STREAKS", "CAPPING", "NON_CONTINUOUS_STREAKS"] as const);
/** A value of `TrackingType` this version of the contract knows. */
export type KnownTrackingType = (typeof TRACKING_TYPES)[number];
/** Whether `value` is one of {@link TRACKING_TYPES}: narrows a `TrackingType` (or anything) to {@link KnownTrackingType}. */
export function isKnownTrackingType(value: unknown): value is KnownTrackingType {
  return (TRACKING_TYPES as readonly unknown[]).includes(value);
}

/** The known values of `TargetEvaluationType`, in the spec's order. */
export const TARGET_EVALUATION_TYPES = Object.freeze(["FIXED_CALENDAR_WINDOW", "CYCLIC_WINDOW", "PERIOD_AGNOSTIC_WINDOW"] as const);
/** A value of `TargetEvaluationType` this version of the contract knows. */
export type KnownTargetEvaluationType = (typeof TARGET_EVALUATION_TYPES)[number];
/** Whether `value` is one of {@link TARGET_EVALUATION_TYPES}: narrows a `TargetEvaluationType` (or anything) to {@link KnownTargetEvaluationType}. */
export function isKnownTargetEvaluationType(value: unknown): value is KnownTargetEvaluationType {
  return (TARGET_EVALUATION_TYPES as readonly unknown[]).includes(value);
}

/** The known values of `TargetEntity`, in the spec's order. */
export const TARGET_ENTITIES = Object.freeze(["TRANSACTION", "LINEITEM", "EVENT", "REWARDS", "POINTS", "ALTERNATE_CURRENCIES"] as const);
/** A value of `TargetEntity` this version of the contract knows. */
export type KnownTargetEntity = (typeof TARGET_ENTITIES)[number];
/** Whether `value` is one of {@link TARGET_ENTITIES}: narrows a `TargetEntity` (or anything) to {@link KnownTargetEntity}. */
export function isKnownTargetEntity(value: unknown): value is KnownTargetEntity {
  return (TARGET_ENTITIES as readonly unknown[]).includes(value);
}

/** The known values of `TargetType`, in the spec's order. */
export const TARGET_TYPES = Object.freeze(["QUANTITY", "SALES", "COUNT", "VISIT", "GROSS_SALES", "REGULAR_POINTS", "PROMOTIONAL_POINTS", "ALL_POINTS", "EXTENDED_FIELD", "EVENT_ATTRIBUTE", "ALL", "REGULAR", "PROMOTION", "PROMOTIONAL"] as const);
/** A value of `TargetType` this version of the contract knows. */
export type KnownTargetType = (typeof TARGET_TYPES)[number];
/** Whether `value` is one of {@link TARGET_TYPES}: narrows a `TargetType` (or anything) to {@link KnownTargetType}. */
export function isKnownTargetType(value: unknown): value is KnownTargetType {
  return (TARGET_TYPES as readonly unknown[]).includes(value);
}
