export { createTargetGroupsClient, type TargetGroupsClient, type TargetGroupsClientOptions } from './client.js';
export type { GetTargetGroupsOptions, RawTargetGroupsResponse } from './methods.js';
export type {
  GetPromotionOptions,
  IteratePromotionsOptions,
  ListPromotionsOptions,
  PromotionsClient,
  PromotionsMethods,
  PromotionsPage,
} from './promotionsMethods.js';
export {
  createTargetGroupsMiddleware,
  type TargetGroupsMiddleware,
  type TargetGroupsMiddlewareOptions,
} from './middleware.js';
export { createTargetGroupsFetch, type TargetGroupsFetch } from './targetGroupsFetch.js';
export type { RetryOptions, TransportOptions, TransportSettings } from './settings.js';
export type { DriftControl } from './driftSampling.js';
export { DEPRECATION_WARNING_CODE, type DeprecationNotice } from './deprecation.js';
export type { CaptureSink, DriftOptions, DriftReport, DriftViolation } from './driftOptions.js';
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
  DataScope,
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
