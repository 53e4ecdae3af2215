import { describe, expectTypeOf, test } from 'vitest';
import {
  AUDIT_USER_TYPES,
  isKnownAuditUserType,
  isKnownStreakStatus,
  isKnownTargetEntity,
  isKnownTargetEvaluationType,
  isKnownTargetType,
  isKnownTrackingType,
  type KnownAuditUserType,
  type KnownStreakStatus,
  type KnownTargetEntity,
  type KnownTargetEvaluationType,
  type KnownTargetType,
  type KnownTrackingType,
  STREAK_STATUSES,
  TARGET_ENTITIES,
  TARGET_EVALUATION_TYPES,
  TARGET_TYPES,
  TRACKING_TYPES,
} from '../src/index.js';
import type {
  Attribution,
  AuditUser,
  AuditUserType,
  CommChannel,
  ConnectedOrgHeaders,
  Customer,
  DataScope,
  ErrorItem,
  ErrorResponse,
  GetConnectedOrgUserTargetGroupsQuery,
  GetUserTargetGroupsQuery,
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
  operations,
  paths,
} from '../src/index.js';

// `(string & {})` keeps literal autocomplete while accepting values the vendor adds later.
type Open<T extends string> = T | (string & {});

describe('nullable fields are T | null', () => {
  test('target', () => {
    expectTypeOf<Target['targetId']>().toEqualTypeOf<number | null>();
    expectTypeOf<Target['milestones']>().toEqualTypeOf<Milestone[] | null>();
    expectTypeOf<Target['targetAchievedDateTime']>().toEqualTypeOf<string | null | undefined>();
  });
  test('comm channel and audit user', () => {
    expectTypeOf<CommChannel['accountId']>().toEqualTypeOf<string | null>();
    expectTypeOf<CommChannel['subscribed']>().toEqualTypeOf<boolean | null>();
    expectTypeOf<CommChannel['attributes']>().toEqualTypeOf<{ [key: string]: unknown } | null>();
    expectTypeOf<AuditUser['code']>().toEqualTypeOf<string | null>();
    expectTypeOf<AuditUser['type']>().toEqualTypeOf<AuditUserType | null>();
  });
  test('streak and envelopes', () => {
    expectTypeOf<Streak['userStreakId']>().toEqualTypeOf<number | null>();
    expectTypeOf<TargetGroupsResponse['data']>().toEqualTypeOf<UserTargetGroups | null>();
    expectTypeOf<TargetGroupsResponse['errors']>().toEqualTypeOf<ErrorItem[] | null>();
    expectTypeOf<TargetGroupsResponse['warnings']>().toEqualTypeOf<WarningItem[] | null>();
    expectTypeOf<ErrorResponse['data']>().toEqualTypeOf<null>();
    expectTypeOf<ErrorResponse['errors']>().toEqualTypeOf<ErrorItem[]>();
  });
});

describe('optional fields are optional, required fields are not', () => {
  test('fields absent from older bodies are optional', () => {
    expectTypeOf<Pick<Target, 'programId'>>().toEqualTypeOf<{ programId?: number | null }>();
    expectTypeOf<Pick<Target, 'enrolledOnISO'>>().toEqualTypeOf<{ enrolledOnISO?: string | null }>();
    expectTypeOf<Pick<Target, 'unEnrolled'>>().toEqualTypeOf<{ unEnrolled?: boolean }>();
    expectTypeOf<Pick<TargetGroup, 'orgId'>>().toEqualTypeOf<{ orgId?: number }>();
    expectTypeOf<Pick<TargetGroup, 'streaks'>>().toEqualTypeOf<{ streaks?: Streak[] }>();
    expectTypeOf<Pick<Attribution, 'createdOnISO'>>().toEqualTypeOf<{ createdOnISO?: string }>();
    expectTypeOf<Pick<Streak, 'streakAchievedUserTargetId'>>().toEqualTypeOf<{
      streakAchievedUserTargetId?: number | null;
    }>();
  });
  test('fields every body carries are required', () => {
    expectTypeOf<Pick<Target, 'targetValue'>>().toEqualTypeOf<{ targetValue: number }>();
    expectTypeOf<Pick<Target, 'targetAchievedValue'>>().toEqualTypeOf<{ targetAchievedValue: number }>();
    expectTypeOf<Pick<Target, 'targetId'>>().toEqualTypeOf<{ targetId: number | null }>();
    expectTypeOf<Pick<TargetGroup, 'targets'>>().toEqualTypeOf<{ targets: Target[] }>();
    expectTypeOf<Pick<UserTargetGroups, 'customer'>>().toEqualTypeOf<{ customer: Customer }>();
    expectTypeOf<Pick<Milestone, 'isAchieved'>>().toEqualTypeOf<{ isAchieved: boolean }>();
    expectTypeOf<Pick<ErrorItem, 'code' | 'message'>>().toEqualTypeOf<{ code: number; message: string }>();
  });
  test('query parameters are optional, the path parameter is required', () => {
    type Params = operations['getUserTargetGroups']['parameters'];
    expectTypeOf<Params['path']>().toEqualTypeOf<{ userId: number }>();
    expectTypeOf<NonNullable<Params['query']>>().toEqualTypeOf<{
      includeInactive?: boolean;
      includeInactiveTargets?: boolean;
      targetRuleId?: number;
    }>();
  });
});

describe('enums are string-literal unions, open to new vendor values', () => {
  test('known values', () => {
    expectTypeOf<TargetEvaluationType>().toEqualTypeOf<
      Open<'FIXED_CALENDAR_WINDOW' | 'CYCLIC_WINDOW' | 'PERIOD_AGNOSTIC_WINDOW'>
    >();
    expectTypeOf<TrackingType>().toEqualTypeOf<
      Open<'DEFAULT' | 'UNIFIED' | 'STREAKS' | 'CAPPING' | 'NON_CONTINUOUS_STREAKS'>
    >();
    expectTypeOf<TargetEntity>().toEqualTypeOf<
      Open<'TRANSACTION' | 'LINEITEM' | 'EVENT' | 'REWARDS' | 'POINTS' | 'ALTERNATE_CURRENCIES'>
    >();
    expectTypeOf<StreakStatus>().toEqualTypeOf<Open<'NOT_STARTED' | 'INPROGRESS' | 'ACHIEVED'>>();
    expectTypeOf<AuditUserType>().toEqualTypeOf<Open<'ADMIN_USER' | 'TILL'>>();
    expectTypeOf<'SALES'>().toExtend<TargetType>();
    expectTypeOf<Target['targetType']>().toEqualTypeOf<TargetType>();
    expectTypeOf<TargetGroup['trackingType']>().toEqualTypeOf<TrackingType>();
  });
  test('an unknown value still type-checks, a non-string does not', () => {
    expectTypeOf<'ROLLING_WINDOW'>().toExtend<TargetEvaluationType>();
    expectTypeOf<number>().not.toExtend<TargetType>();
    expectTypeOf<null>().not.toExtend<StreakStatus>();
  });
});

describe('int64 ids are number', () => {
  test('ids', () => {
    expectTypeOf<UserTargetGroups['userId']>().toEqualTypeOf<number>();
    expectTypeOf<Customer['id']>().toEqualTypeOf<number>();
    expectTypeOf<TargetGroup['id']>().toEqualTypeOf<number>();
    expectTypeOf<TargetGroup['preferredTillId']>().toEqualTypeOf<number>();
    expectTypeOf<Target['targetRuleId']>().toEqualTypeOf<number>();
    expectTypeOf<Streak['streakId']>().toEqualTypeOf<number>();
    expectTypeOf<ErrorItem['code']>().toEqualTypeOf<number>();
  });
});

describe('paths', () => {
  test('the operation is reachable through paths', () => {
    expectTypeOf<paths['/v3/users/{userId}/targetGroups']['get']>().toEqualTypeOf<operations['getUserTargetGroups']>();
    type Ok = paths['/v3/users/{userId}/targetGroups']['get']['responses'][200]['content']['application/json'];
    expectTypeOf<Ok>().toEqualTypeOf<TargetGroupsResponse>();
  });

  test('the connected-orgs path has its own operation: the same answer, the data-scope headers', () => {
    type Connected = paths['/api_gateway/intouch-api-v3/v3.1/users/{userId}/targetGroups']['get'];
    expectTypeOf<Connected>().toEqualTypeOf<operations['getConnectedOrgUserTargetGroups']>();
    type Ok = Connected['responses'][200]['content']['application/json'];
    expectTypeOf<Ok>().toEqualTypeOf<TargetGroupsResponse>();
    expectTypeOf<DataScope>().toEqualTypeOf<'SELF' | 'OTHER' | 'ALL'>();
    expectTypeOf<ConnectedOrgHeaders>().toEqualTypeOf<{ 'DATA-SCOPE'?: DataScope; 'DATA-SCOPE-ORG'?: string }>();
    expectTypeOf<GetConnectedOrgUserTargetGroupsQuery>().toEqualTypeOf<GetUserTargetGroupsQuery>();
  });
});

describe('open enums: the known values, and a guard that narrows to them', () => {
  test('each list is a tuple of the known literals, and Known* is its union', () => {
    expectTypeOf(TARGET_TYPES).items.toEqualTypeOf<KnownTargetType>();
    expectTypeOf<KnownTrackingType>().toEqualTypeOf<
      'DEFAULT' | 'UNIFIED' | 'STREAKS' | 'CAPPING' | 'NON_CONTINUOUS_STREAKS'
    >();
    expectTypeOf<KnownStreakStatus>().toEqualTypeOf<'NOT_STARTED' | 'INPROGRESS' | 'ACHIEVED'>();
    expectTypeOf<KnownAuditUserType>().toEqualTypeOf<'ADMIN_USER' | 'TILL'>();
    expectTypeOf(TRACKING_TYPES).items.toEqualTypeOf<KnownTrackingType>();
    expectTypeOf(TARGET_EVALUATION_TYPES).items.toEqualTypeOf<KnownTargetEvaluationType>();
    expectTypeOf(TARGET_ENTITIES).items.toEqualTypeOf<KnownTargetEntity>();
    expectTypeOf(STREAK_STATUSES).items.toEqualTypeOf<KnownStreakStatus>();
    expectTypeOf(AUDIT_USER_TYPES).items.toEqualTypeOf<KnownAuditUserType>();
    // A known value is a value of the open enum; not every value of the open enum is known.
    expectTypeOf<KnownTargetType>().toExtend<TargetType>();
    expectTypeOf<TargetType>().not.toExtend<KnownTargetType>();
  });

  test('the guard narrows a field to the known values, and the other branch to the unknown ones', () => {
    const target = {} as Target;
    if (isKnownTargetType(target.targetType)) expectTypeOf(target.targetType).toEqualTypeOf<KnownTargetType>();
    else expectTypeOf(target.targetType).toEqualTypeOf<string & {}>();

    const group = {} as TargetGroup;
    if (isKnownTrackingType(group.trackingType)) expectTypeOf(group.trackingType).toEqualTypeOf<KnownTrackingType>();
    if (isKnownTargetEvaluationType(group.targetEvaluationType))
      expectTypeOf(group.targetEvaluationType).toEqualTypeOf<KnownTargetEvaluationType>();
    if (isKnownTargetEntity(target.targetEntity)) expectTypeOf(target.targetEntity).toEqualTypeOf<KnownTargetEntity>();
    const streak = {} as Streak;
    if (isKnownStreakStatus(streak.status)) expectTypeOf(streak.status).toEqualTypeOf<KnownStreakStatus>();
    // A nullable enum: the guard takes null (it is not known) and narrows it away.
    const author = {} as AuditUser;
    if (isKnownAuditUserType(author.type)) expectTypeOf(author.type).toEqualTypeOf<KnownAuditUserType>();
    // Any value at all, such as a field read from JSON.
    const raw: unknown = JSON.parse('"SALES"');
    if (isKnownTargetType(raw)) expectTypeOf(raw).toEqualTypeOf<KnownTargetType>();
  });

  test('a lookup table over the known values needs the guard, and an exhaustive switch is exhaustive after it', () => {
    const labels: Record<KnownTrackingType, string> = {
      DEFAULT: 'Default',
      UNIFIED: 'Unified',
      STREAKS: 'Streaks',
      CAPPING: 'Capping',
      NON_CONTINUOUS_STREAKS: 'Streaks (any order)',
    };
    const group = {} as TargetGroup;
    // @ts-expect-error: an unknown tracking type is no key of the table
    void labels[group.trackingType];
    const label = isKnownTrackingType(group.trackingType) ? labels[group.trackingType] : group.trackingType;
    expectTypeOf(label).toEqualTypeOf<string>();
    if (isKnownStreakStatus(group.trackingType)) {
      switch (group.trackingType) {
        case 'NOT_STARTED':
        case 'INPROGRESS':
        case 'ACHIEVED':
          break;
        default:
          expectTypeOf(group.trackingType).toEqualTypeOf<never>();
      }
    }
  });

  test("with noUncheckedIndexedAccess (this package's tsconfig), a Record over the open enum may miss", () => {
    const labels = {} as Record<TargetType, string>;
    const target = {} as Target;
    expectTypeOf(labels[target.targetType]).toEqualTypeOf<string | undefined>();
    expectTypeOf(labels.SALES).toEqualTypeOf<string>();
  });
});
