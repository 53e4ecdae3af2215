export {
  createTargetGroupsClient,
  type GetTargetGroupsOptions,
  type RawTargetGroupsResponse,
  type RetryOptions,
  type TargetGroupsClient,
  type TargetGroupsClientOptions,
} from './client.js';
export { DEPRECATION_WARNING_CODE, type DeprecationNotice } from './deprecation.js';
export type { DriftOptions, DriftReport, DriftViolation } from './drift.js';
export type { BasicAuth, OAuthAuth, TargetGroupsAuth, TokenAuth } from './auth.js';
export { CLUSTER_BASE_URLS, type Cluster } from './clusters.js';
export {
  TargetGroupsApiError,
  type TargetGroupsErrorKind,
  type TargetGroupsOperation,
} from './errors.js';
export type {
  Attribution,
  AuditUser,
  AuditUserType,
  CommChannel,
  Customer,
  CustomerProfile,
  ErrorItem,
  ErrorResponse,
  LoyaltyInfo,
  Milestone,
  Streak,
  StreakStatus,
  Target,
  TargetEntity,
  TargetEvaluationType,
  TargetGroup,
  TargetGroupsResponse,
  TargetType,
  TrackingType,
  UserTargetGroups,
  WarningItem,
} from '@target-groups/types';
