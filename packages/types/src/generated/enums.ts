/**
 * Generated from spec/targetGroups.yaml by packages/types/scripts/generate.mjs: for each open enum
 * (`x-extensible-enum`), the values this version of the contract knows and a guard that tells them from a value the
 * vendor added since. Do not edit by hand: change the spec, then run `pnpm generate`.
 */

/** The known values of `TargetEvaluationType`, in the spec's order. */
export const TARGET_EVALUATION_TYPES = Object.freeze(["FIXED_CALENDAR_WINDOW", "CYCLIC_WINDOW", "PERIOD_AGNOSTIC_WINDOW"] as const);
/** A value of `TargetEvaluationType` this version of the contract knows. */
export type KnownTargetEvaluationType = (typeof TARGET_EVALUATION_TYPES)[number];
/** Whether `value` is one of {@link TARGET_EVALUATION_TYPES}: narrows a `TargetEvaluationType` (or anything) to {@link KnownTargetEvaluationType}. */
export function isKnownTargetEvaluationType(value: unknown): value is KnownTargetEvaluationType {
  return (TARGET_EVALUATION_TYPES as readonly unknown[]).includes(value);
}

/** The known values of `TrackingType`, in the spec's order. */
export const TRACKING_TYPES = Object.freeze(["DEFAULT", "UNIFIED", "STREAKS", "CAPPING", "NON_CONTINUOUS_STREAKS"] as const);
/** A value of `TrackingType` this version of the contract knows. */
export type KnownTrackingType = (typeof TRACKING_TYPES)[number];
/** Whether `value` is one of {@link TRACKING_TYPES}: narrows a `TrackingType` (or anything) to {@link KnownTrackingType}. */
export function isKnownTrackingType(value: unknown): value is KnownTrackingType {
  return (TRACKING_TYPES as readonly unknown[]).includes(value);
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

/** The known values of `StreakStatus`, in the spec's order. */
export const STREAK_STATUSES = Object.freeze(["NOT_STARTED", "INPROGRESS", "ACHIEVED"] as const);
/** A value of `StreakStatus` this version of the contract knows. */
export type KnownStreakStatus = (typeof STREAK_STATUSES)[number];
/** Whether `value` is one of {@link STREAK_STATUSES}: narrows a `StreakStatus` (or anything) to {@link KnownStreakStatus}. */
export function isKnownStreakStatus(value: unknown): value is KnownStreakStatus {
  return (STREAK_STATUSES as readonly unknown[]).includes(value);
}

/** The known values of `AuditUserType`, in the spec's order. */
export const AUDIT_USER_TYPES = Object.freeze(["ADMIN_USER", "TILL"] as const);
/** A value of `AuditUserType` this version of the contract knows. */
export type KnownAuditUserType = (typeof AUDIT_USER_TYPES)[number];
/** Whether `value` is one of {@link AUDIT_USER_TYPES}: narrows a `AuditUserType` (or anything) to {@link KnownAuditUserType}. */
export function isKnownAuditUserType(value: unknown): value is KnownAuditUserType {
  return (AUDIT_USER_TYPES as readonly unknown[]).includes(value);
}
