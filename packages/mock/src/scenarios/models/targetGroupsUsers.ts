// Generated users: for any userId a deterministic user, enrolled in target groups of one fixed programme, with data
// as coherent as the vendor's (see the README's "Generated users" for the rules). Enum values come from the spec's
// schema of the answer's `data`, so another copy of the contract gets users of its own enums.
import type { JsonObject } from '@target-groups/spec/portable';
import { entityOf, enumAt, known } from './contractEnums.js';
import { type Random, randomFor } from '../random.js';
import {
  DAY_MS,
  GENERATED_TODAY,
  type Zone,
  calendarDate,
  isoTimestamp,
  legacyTimestamp,
  periodIsoTimestamp,
  periodTimestamp,
  zone,
} from '../time.js';

type Body = Record<string, unknown>;

interface Rule {
  ruleId: number;
  name: string;
  targetType: string;
  targetEntity: string;
  eventName: string;
  targetValue: number;
  milestones: { id: number; triggerName: string; triggerValue: number }[] | null;
}

interface ProgrammeGroup {
  id: number;
  name: string;
  orgId: number;
  preferredTillId: number;
  evaluation: string;
  tracking: string;
  /** Deactivated groups are listed only with `includeInactiveTargets=true`. */
  active: boolean;
  createdAt: number;
  author: Body;
  rules: Rule[];
  cycleDays: number;
  cycleCount: number;
  firstStart: number;
  periodIdBase: number;
  programId: number | null;
  streak: { streakId: number; name: string; length: number; continuous: boolean } | undefined;
}

/** A generated user: the whole answer (every group, every cycle) and which groups are still active. */
export interface GeneratedUser {
  data: Body;
  groups: { body: Body; active: boolean }[];
}

interface Era {
  /** Newer answers carry every `*ISO` field, `orgId`, `programId`, `alternateCurrency*`, `unEnrolled`. */
  iso: boolean;
  zone: Zone;
}

/** The users of the programme `dataSchema` (the answer's `data`) describes: `generateUser(userId, idValue, seed)`. */
export function createUserGenerator(dataSchema: JsonObject) {
  const enumAt_ = (steps: string[]) => enumAt(dataSchema, steps);
  const EVALUATION_TYPES = enumAt_(['targetGroups', '[]', 'targetEvaluationType']);
  const TRACKING_TYPES = enumAt_(['targetGroups', '[]', 'trackingType']);
  const TARGET_TYPES = enumAt_(['targetGroups', '[]', 'targets', '[]', 'targetType']);
  const TARGET_ENTITIES = enumAt_(['targetGroups', '[]', 'targets', '[]', 'targetEntity']);
  const AUDIT_USER_TYPES = enumAt_(['targetGroups', '[]', 'attribution', 'createdBy', 'type']);
  const STREAK_STATUSES = enumAt_(['targetGroups', '[]', 'streaks', '[]', 'status']);

  const ACHIEVED = known(STREAK_STATUSES, 'ACHIEVED');
  const IN_PROGRESS = known(STREAK_STATUSES, 'INPROGRESS');
  const NOT_STARTED = known(STREAK_STATUSES, 'NOT_STARTED');
  const ALTERNATE_CURRENCIES = known(TARGET_ENTITIES, 'ALTERNATE_CURRENCIES');

  const COUNTED = new Set(['COUNT', 'VISIT', 'QUANTITY']);

  const entityFor = (targetType: string, rnd: Random) => entityOf(targetType, TARGET_ENTITIES, rnd);
  const GROUP_NAMES = [
    'Buy 10X in 1 month to unlock a voucher',
    'Monthly spend 10000',
    'Weekly visit streak',
    'Festive season spend',
    'Painter loyalty: 5 purchases',
    'Points booster',
    'Weekend shopper',
    'New store launch',
    'Gold tier challenge',
    'Daily check-in',
    'Coins collector',
    'Summer streak',
  ];

  /** The organisation's target groups: the same for every user, as a real programme's are. */
  function programme(): ProgrammeGroup[] {
    const rnd = randomFor('programme');
    return GROUP_NAMES.map((name, i) => {
      const evaluation = EVALUATION_TYPES[i % EVALUATION_TYPES.length]!;
      const tracking = TRACKING_TYPES[i % TRACKING_TYPES.length]!;
      const agnostic = evaluation === 'PERIOD_AGNOSTIC_WINDOW';
      const cycleDays = agnostic ? 365 : evaluation === 'CYCLIC_WINDOW' ? rnd.pick([1, 7, 14]) : rnd.pick([7, 30]);
      const cycleCount = agnostic ? 1 : rnd.int(1, 4);
      const currentStart = GENERATED_TODAY - (GENERATED_TODAY % DAY_MS) - rnd.int(0, cycleDays - 1) * DAY_MS;
      const firstStart = currentStart - (cycleCount - 1) * cycleDays * DAY_MS;
      const author: Body = rnd.chance(0.5)
        ? { id: 75160044 + i, code: `${1630580928 + i}_`, description: '', name: 'Tom Sawyer', type: 'ADMIN_USER' }
        : { id: 50699946 + i, code: `default.till.${i}`, description: '', name: `default.till.${i}`, type: 'TILL' };
      known(AUDIT_USER_TYPES, author.type as string);
      const rules = Array.from({ length: rnd.chance(0.3) ? 2 : 1 }, (_, r): Rule => {
        const targetType = rnd.pick(TARGET_TYPES);
        const targetValue = COUNTED.has(targetType) ? rnd.int(2, 12) : rnd.int(5, 200) * 100;
        const milestones = rnd.chance(0.5)
          ? [0.3, 0.6, 1].slice(rnd.int(0, 2)).map((share, m) => {
              const triggerValue = Math.max(1, Math.round(targetValue * share));
              return {
                id: 200 + i * 10 + r * 4 + m,
                triggerName: share === 1 ? 'targetAchieved' : String(triggerValue),
                triggerValue,
              };
            })
          : null;
        return {
          ruleId: 10_000 + i * 10 + r,
          name: r === 0 ? name : `${name}_ReturnBill`,
          targetType,
          targetEntity: entityFor(targetType, rnd),
          eventName: r === 0 ? 'TransactionAdd' : 'ReturnBill',
          targetValue,
          milestones,
        };
      });
      return {
        id: 1000 + i * 211 + rnd.int(0, 200),
        name,
        orgId: 100737,
        preferredTillId: rnd.chance(0.1) ? -1 : 75197372 + i,
        evaluation,
        tracking,
        active: i % 4 !== 3,
        createdAt: firstStart - rnd.int(1, 20) * DAY_MS - rnd.int(0, 86_399) * 1000,
        author,
        rules,
        cycleDays,
        cycleCount,
        firstStart,
        periodIdBase: 30_000 + i * 100,
        programId: i % 2 === 0 ? null : 1000 + i,
        streak: tracking.includes('STREAK')
          ? {
              streakId: 190 + i,
              name: `${name}_streak`,
              length: rnd.int(2, 4),
              continuous: !tracking.startsWith('NON_CONTINUOUS'),
            }
          : undefined,
      };
    });
  }

  const PROGRAMME = programme();

  function attribution(era: Era, createdAt: number, updatedAt: number, createdBy: Body, updatedBy: Body): Body {
    return {
      createdOn: legacyTimestamp(createdAt, era.zone),
      ...(era.iso && { createdOnISO: isoTimestamp(createdAt, era.zone) }),
      lastUpdatedOn: legacyTimestamp(updatedAt, era.zone),
      ...(era.iso && { lastUpdatedOnISO: isoTimestamp(updatedAt, era.zone) }),
      lastUpdatedBy: updatedBy,
      createdBy,
    };
  }

  const seconds = (rnd: Random, from: number, to: number) =>
    from + rnd.int(0, Math.max(0, Math.floor((to - from) / 1000))) * 1000;

  const FIRST_NAMES = ['Tom', 'Becky', 'Huck', 'Polly', 'Amy', 'Joe', ''];
  const LAST_NAMES = ['Sawyer', 'Thatcher', 'Finn', 'Harper', 'Lawrence', ''];

  /**
   * The user `userId` (decimal digits, sign allowed). `idValue` is what the body carries as the id: the number itself,
   * or a placeholder the serializer replaces when the id does not fit a JavaScript number.
   */
  function generateUser(userId: string, idValue: number | string, seed = ''): GeneratedUser {
    const rnd = randomFor(`user:${seed}:${userId}`);
    const era: Era = { iso: rnd.chance(0.6), zone: rnd.chance(0.3) ? zone(330) : zone(0) };
    const digits = userId.replace('-', '').padStart(10, '0').slice(-10);
    const channels: Body[] = [];
    if (rnd.chance(0.7)) channels.push(channel('email', `user${userId}@example.com`, rnd));
    if (channels.length === 0 || rnd.chance(0.7)) channels.push(channel('mobile', `91${digits}`, rnd));
    const customerCreated = GENERATED_TODAY - rnd.int(30, 900) * DAY_MS - rnd.int(0, 86_399) * 1000;
    const customerAudit = (id: number): Body => ({ id, code: null, description: null, name: null, type: null });
    const customer: Body = {
      id: idValue,
      profiles: [
        {
          firstName: rnd.pick(FIRST_NAMES),
          lastName: rnd.pick(LAST_NAMES),
          commChannels: channels,
          source: 'instore',
          accountId: '',
          userId: idValue,
          orgSourceId: -1,
        },
      ],
      loyaltyInfo: {
        attribution: attribution(
          era,
          customerCreated,
          seconds(rnd, customerCreated, GENERATED_TODAY),
          customerAudit(75155282),
          customerAudit(75197941),
        ),
        loyaltyType: 'loyalty',
        lifetimePurchases: rnd.int(0, 25_000_000) / 100,
      },
      customFields: rnd.chance(0.3) ? { gender: '' } : {},
    };

    const enrolled = rnd.chance(0.1) ? 0 : rnd.int(1, 4);
    const order = PROGRAMME.map((group) => ({ group, key: rnd.next() })).sort((a, b) => a.key - b.key);
    let nextTargetId = rnd.int(1_000_000, 90_000_000);
    const groups = order.slice(0, enrolled).map(({ group }) => {
      const targets: Body[] = [];
      const achievedRun: { targetId: number | null; at: number | null }[] = [];
      for (let c = 0; c < group.cycleCount; c++) {
        const start = group.firstStart + c * group.cycleDays * DAY_MS;
        const end = start + group.cycleDays * DAY_MS - 1000;
        const current = c === group.cycleCount - 1;
        const horizon = current ? GENERATED_TODAY : end;
        for (const [r, rule] of group.rules.entries()) {
          const enrolledAt = seconds(
            rnd,
            Math.max(start, group.createdAt),
            Math.max(start, group.createdAt) + (horizon - Math.max(start, group.createdAt)) / 4,
          );
          // A cyclic window's target may have no record for the user yet: no id, no progress (as the vendor sends).
          const noRecord = group.evaluation === 'CYCLIC_WINDOW' && !group.streak && rnd.chance(0.4);
          const share = noRecord ? 0 : rnd.next() * (current ? 1.2 : 1.6);
          const achievedValue = COUNTED.has(rule.targetType)
            ? Math.floor(rule.targetValue * share)
            : Math.round(rule.targetValue * share * 100) / 100;
          const achievedAt = achievedValue >= rule.targetValue ? seconds(rnd, enrolledAt, horizon) : null;
          const updatedAt = achievedAt ?? seconds(rnd, enrolledAt, horizon);
          const targetId = noRecord ? null : nextTargetId++;
          if (r === 0) achievedRun.push({ targetId, at: achievedAt });
          const currency = rule.targetEntity === ALTERNATE_CURRENCIES;
          targets.push({
            targetId,
            periodId: group.periodIdBase + c,
            ...(era.iso && {
              programId: group.programId,
              alternateCurrencyIdentifier: currency ? `AC_${group.id}` : null,
              alternateCurrencyName: currency ? `coins_${group.id}` : null,
            }),
            periodRefCode: `Cycle_${c + 1}`,
            periodStartDate: calendarDate(start),
            periodEndDate: calendarDate(end),
            targetValue: rule.targetValue,
            targetAchievedValue: achievedValue,
            targetName: rule.name,
            targetType: rule.targetType,
            targetEntity: rule.targetEntity,
            targetRuleId: rule.ruleId,
            enrolledOn: legacyTimestamp(enrolledAt, era.zone),
            eventName: rule.eventName,
            periodStartDateWithTimeStamp: periodTimestamp(start),
            periodEndDateWithTimeStamp: periodTimestamp(end),
            ...(era.iso && { lastUpdatedOn: legacyTimestamp(updatedAt, era.zone) }),
            targetAchievedDateTime: achievedAt === null ? null : legacyTimestamp(achievedAt, era.zone),
            ...(era.iso && {
              enrolledOnISO: isoTimestamp(enrolledAt, era.zone),
              periodStartDateWithTimeStampISO: periodIsoTimestamp(start),
              periodEndDateWithTimeStampISO: periodIsoTimestamp(end),
              lastUpdatedOnISO: isoTimestamp(updatedAt, era.zone),
              targetAchievedDateTimeISO: achievedAt === null ? null : isoTimestamp(achievedAt, era.zone),
              targetAchievedEventLogId: achievedAt === null ? null : rnd.int(10_000_000, 99_999_999),
            }),
            currentPeriod: current,
            ...(era.iso && { unEnrolled: false }),
            milestones:
              rule.milestones?.map((milestone) => ({
                ...milestone,
                isAchieved: achievedValue >= milestone.triggerValue,
              })) ?? null,
          });
        }
      }
      const body: Body = {
        id: group.id,
        attribution: attribution(era, group.createdAt, group.createdAt, group.author, group.author),
        name: group.name,
        ...(era.iso && { orgId: group.orgId }),
        preferredTillId: group.preferredTillId,
        ...(group.streak && { streaks: [streakOf(group.streak, achievedRun, era, rnd)] }),
        targets,
        targetEvaluationType: group.evaluation,
        trackingType: group.tracking,
      };
      return { body, active: group.active };
    });
    return { data: { userId: idValue, customer, targetGroups: groups.map((group) => group.body) }, groups };
  }

  function channel(type: string, value: string, rnd: Random): Body {
    return {
      type,
      accountId: null,
      value,
      primary: rnd.chance(0.3),
      verified: rnd.chance(0.3),
      subscribed: rnd.chance(0.7) ? null : rnd.chance(0.5),
      attributes: null,
    };
  }

  /** Achieved targets in a row (or in total, for a non-continuous streak), never more than the sequence needs. */
  function streakOf(
    streak: NonNullable<ProgrammeGroup['streak']>,
    cycles: { targetId: number | null; at: number | null }[],
    era: Era,
    rnd: Random,
  ): Body {
    let count = 0;
    let completing: { targetId: number | null; at: number | null } | undefined;
    for (const cycle of cycles) {
      if (cycle.at !== null) count++;
      else if (streak.continuous) count = 0;
      if (count === streak.length) {
        completing = cycle;
        break;
      }
    }
    const status = completing ? ACHIEVED : count > 0 ? IN_PROGRESS : NOT_STARTED;
    return {
      userStreakId: status === NOT_STARTED ? null : rnd.int(300, 9999),
      streakId: streak.streakId,
      streakName: streak.name,
      status,
      currentCount: count,
      totalTargetCountOfSequence: streak.length,
      ...(completing?.at != null && {
        streakAchievedUserTargetId: completing.targetId,
        streakAchievedDateTime: legacyTimestamp(completing.at, era.zone),
        ...(era.iso && { streakAchievedDateTimeISO: isoTimestamp(completing.at, era.zone) }),
      }),
    };
  }

  return generateUser;
}
