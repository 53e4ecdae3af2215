import type { components } from './generated/schema.js';

export type { components, operations, paths, webhooks } from './generated/schema.js';
// Each open enum's known values (`TARGET_TYPES`), their union (`KnownTargetType`) and a guard (`isKnownTargetType`).
export * from './generated/enums.js';

type Schemas = components['schemas'];

/** Envelope of the 200 response: `data` is `null` (and `errors` set) for "not found" conditions. */
export type TargetGroupsResponse = Schemas['TargetGroupsResponse'];
/** Envelope of a 4xx/5xx response: `data` is always `null`. */
export type ErrorResponse = Schemas['ErrorResponse'];
export type ErrorItem = Schemas['ErrorItem'];
export type WarningItem = Schemas['WarningItem'];

/** The `data` of a successful response: the user, with the target groups the user is enrolled in. */
export type UserTargetGroups = Schemas['UserTargetGroups'];
export type Customer = Schemas['Customer'];
export type CustomerProfile = Schemas['CustomerProfile'];
export type CommChannel = Schemas['CommChannel'];
export type LoyaltyInfo = Schemas['LoyaltyInfo'];
export type Attribution = Schemas['Attribution'];
export type AuditUser = Schemas['AuditUser'];
export type TargetGroup = Schemas['TargetGroup'];
export type Target = Schemas['Target'];
export type Milestone = Schemas['Milestone'];
export type Streak = Schemas['Streak'];

// Open enums: the known values plus `(string & {})`, because the vendor adds values over time.
export type TargetEvaluationType = Schemas['TargetEvaluationType'];
export type TrackingType = Schemas['TrackingType'];
export type TargetEntity = Schemas['TargetEntity'];
export type TargetType = Schemas['TargetType'];
export type StreakStatus = Schemas['StreakStatus'];
export type AuditUserType = Schemas['AuditUserType'];

/** Query parameters of `GET /v3/users/{userId}/targetGroups`. */
export type GetUserTargetGroupsQuery = NonNullable<
  import('./generated/schema.js').operations['getUserTargetGroups']['parameters']['query']
>;

type ConnectedOrgOperation = import('./generated/schema.js').operations['getConnectedOrgUserTargetGroups'];
/** Query parameters of the connected-orgs path, `GET /api_gateway/intouch-api-v3/v3.1/users/{userId}/targetGroups`. */
export type GetConnectedOrgUserTargetGroupsQuery = NonNullable<ConnectedOrgOperation['parameters']['query']>;
/** Header parameters of the connected-orgs path: `DATA-SCOPE` and `DATA-SCOPE-ORG` (comma-separated org ids). */
export type ConnectedOrgHeaders = NonNullable<ConnectedOrgOperation['parameters']['header']>;
/** Whose data the connected-orgs path answers with: `SELF` (the default), `OTHER` or `ALL`. */
export type DataScope = NonNullable<ConnectedOrgHeaders['DATA-SCOPE']>;
