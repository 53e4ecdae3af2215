// The organisation's promotions for one seed: the same for every request, so every page, filter and by-id answer is
// a view of one ordered set. Each promotion is generated from the contract's `Promotion` schema (its shape, the
// optional members present, its enum values), then made as coherent as a real catalogue: dates in the promotion's
// zone that fit its status, `promotionId` 0 for a draft, a `SINGLE` activity with at most one milestone, milestone
// names composed `promotion~activity~milestone` and cycles inside the promotion's window.
import { isObject, type JsonObject, withoutNull } from '@target-groups/spec/portable';
import { generateValue } from '../generate.js';
import { type Random, randomFor } from '../random.js';
import { DAY_MS, GENERATED_TODAY, isoTimestamp, zone } from '../time.js';
import { entityOf, enumAt, known } from './contractEnums.js';

type Body = Record<string, unknown>;

export interface CataloguedPromotion {
  /** The promotion's id, 24 lowercase hex digits: the `promotionId` of the by-id path. */
  id: string;
  body: Body;
  /** Set on the draft of a live promotion that also has one (listed only with `includeDraftDetails=true`). */
  draftOf?: string;
}

export interface PromotionsCatalogue {
  /**
   * Every promotion, a live one followed by its draft, in the order the list answers them (the vendor's order is not
   * documented: the catalogue's is kept, so that pages never overlap).
   */
  promotions: readonly CataloguedPromotion[];
  byId: ReadonlyMap<string, CataloguedPromotion>;
}

const NAMES = [
  'Holiday Bonus',
  'Sign up bonus',
  'Weekend double points',
  'Refer a friend',
  'Birthday treat',
  'Festive season spend',
  'Monthly spend 10000',
  'Weekly visit streak',
  'Buy 10X in 1 month',
  'Gold tier challenge',
  'New store launch',
  'Summer streak',
  'Points booster',
  'Coins collector',
  'First purchase reward',
  'App check-in',
];
const REWARDS = [
  'Spend over $50 in a single transaction to get 100 bonus points.',
  'Double points on every bill during the promotion.',
  'A voucher after five visits.',
  'A badge on the third purchase of the month.',
  'Enrollment for all members, requires activity-based opt-in.',
];
const EVENTS = ['TransactionAdd', 'CustomerRegistration', 'PointsRedemption'];
/** Zones without daylight saving time, so that one offset holds for every date of a promotion. */
const ZONES: readonly [string, number][] = [
  ['Asia/Kolkata', 330],
  ['Asia/Singapore', 480],
  ['Asia/Dubai', 240],
  ['UTC', 0],
];
const CYCLE_DAYS: Record<string, number> = {
  DAILY: 1,
  WEEKLY: 7,
  MONTHLY: 30,
  QUARTERLY: 91,
  HALF_YEARLY: 182,
  YEARLY: 365,
};
const MAX_CYCLES = 4;
const P_LIVE = 0.35;
const P_DRAFT_OF_LIVE = 0.4;
const P_NO_IDENTIFIER = 0.3;
const HEX = '0123456789abcdef';

/** The spec's example of the property at `steps` under `schema`, when it is of `type` (else `fallback`). */
function exampleAt<T>(schema: JsonObject, steps: string[], type: string, fallback: T): T {
  let at: unknown = schema;
  for (const step of steps) at = isObject(at) && isObject(at.properties) ? at.properties[step] : undefined;
  const example = isObject(at) ? at.example : undefined;
  return typeof example === type ? (example as T) : fallback;
}

/** A MongoDB-style id, as the vendor's (`6903253184daf5486232dec9`): creation seconds, then random digits. */
function objectId(createdAt: number, rnd: Random): string {
  const seconds = Math.floor(createdAt / 1000)
    .toString(16)
    .padStart(8, '0');
  return seconds + Array.from({ length: 16 }, () => HEX[rnd.int(0, 15)]).join('');
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The promotions of `promotionSchema` (the contract's `Promotion`) for `seed`. */
export function createPromotionsCatalogue(promotionSchema: JsonObject, seed: string): PromotionsCatalogue {
  const schema = withoutNull(promotionSchema).schema;
  const enums = (...steps: string[]) => enumAt(schema, steps);
  const STATUSES = enums('metadata', 'status');
  const ACTIVITY_TYPES = enums('activities', '[]', 'type');
  const milestoneEnum = (name: string) => enums('activities', '[]', 'milestones', '[]', name);
  const TRACKING = milestoneEnum('trackingType');
  const EVALUATION = milestoneEnum('targetEvaluationType');
  const FREQUENCIES = milestoneEnum('frequencyType');
  const ENTITIES = milestoneEnum('targetEntity');
  const TARGET_TYPES = milestoneEnum('targetType');
  const LIVE = known(STATUSES, 'LIVE');
  const DRAFT = known(STATUSES, 'DRAFT');
  const SINGLE = known(ACTIVITY_TYPES, 'SINGLE');
  const orgId = exampleAt(schema, ['metadata', 'orgId'], 'number', 100458);
  const programId = exampleAt(schema, ['metadata', 'programId'], 'number', 973);

  const rnd = randomFor(`promotions:${seed}`);
  const today = GENERATED_TODAY - (GENERATED_TODAY % DAY_MS);

  /** When the promotion runs, in days from today, so that its dates agree with its status. */
  function window(status: string): [number, number] {
    const length = rnd.int(14, 120);
    if (status === 'UPCOMING') return [rnd.int(1, 60), length];
    if (status === 'COMPLETED' || status === 'STOPPED') return [-length - rnd.int(1, 200), length];
    if (status === LIVE || status === 'ACTIVE') return [-rnd.int(0, length - 1), length];
    return [rnd.int(-60, 60), length];
  }

  function cycles(frequency: string, start: number, end: number, sameTarget: boolean, offset: number): Body[] {
    const days = CYCLE_DAYS[frequency] ?? rnd.int(3, 20);
    const target = rnd.int(1, 10);
    const out: Body[] = [];
    for (let from = start; from < end && out.length < MAX_CYCLES; from += days * DAY_MS) {
      const to = Math.min(from + days * DAY_MS - 1000, end);
      out.push({
        cycle: `Cycle_${out.length + 1}`,
        startDate: isoTimestamp(from, zone(offset)),
        endDate: isoTimestamp(to, zone(offset)),
        targetValue: sameTarget ? target : target + out.length * rnd.int(1, 5),
      });
    }
    return out;
  }

  function activities(name: string, createdAt: number, start: number, end: number, offset: number): Body[] {
    return Array.from({ length: rnd.int(1, 2) }, (_, a) => {
      const type = a === 0 ? SINGLE : rnd.pick(ACTIVITY_TYPES);
      const activityName = `Activity ${a + 1}`;
      const milestones = Array.from({ length: type === SINGLE ? 1 : rnd.int(1, 3) }, (_, m) => {
        const frequencyType = rnd.pick(FREQUENCIES);
        const targetType = rnd.pick(TARGET_TYPES);
        const differentTargetsForEveryCycle = rnd.chance(0.3);
        return {
          name: `${name}~${activityName}~Milestone ${Math.floor(createdAt / 1000) + a * 10 + m}`,
          trackingType: rnd.pick(TRACKING),
          targetEvaluationType: rnd.pick(EVALUATION),
          frequencyType,
          sameActionsForEveryCycle: rnd.chance(0.7),
          differentTargetsForEveryCycle,
          leaderboardEnabled: rnd.chance(0.2),
          preferredTillId: 75216507 + rnd.int(0, 99),
          targetEntity: entityOf(targetType, ENTITIES, rnd),
          targetType,
          cycleActionMapping: cycles(frequencyType, start, end, !differentTargetsForEveryCycle, offset),
        };
      });
      return {
        id: `activity_${createdAt + a}`,
        name: activityName,
        type,
        event: rnd.pick(EVENTS),
        milestones,
      };
    });
  }

  function promotion(index: number): Body {
    // The members the schema generator chose (customerEnrolment, liabilityOwnerSplitInfo...), the rest made coherent.
    const generated = generateValue(schema, rnd) as Body;
    const round = Math.floor(index / NAMES.length);
    const name = `${NAMES[index % NAMES.length]}${round > 0 ? ` ${round + 1}` : ''}`;
    const status = rnd.chance(P_LIVE) ? LIVE : rnd.pick(STATUSES);
    const [zoneName, offset] = rnd.pick(ZONES);
    const [startDay, lengthDays] = window(status);
    const start = today + startDay * DAY_MS - offset * 60_000;
    const end = start + lengthDays * DAY_MS - 1000;
    const createdAt = Math.min(start, today) - rnd.int(1, 30) * DAY_MS - rnd.int(0, 86_399) * 1000;
    const modifiedAt = Math.min(createdAt + rnd.int(0, 10) * DAY_MS, GENERATED_TODAY);
    const utc = zone(0);
    const body: Body = {
      id: objectId(createdAt, rnd),
      metadata: {
        name,
        description: rnd.pick(REWARDS),
        programId,
        orgId,
        startDate: isoTimestamp(start, zone(offset)),
        endDate: isoTimestamp(end, zone(offset)),
        timezoneName: zoneName,
        promotionType: (generated.metadata as Body).promotionType,
        status,
        promoIdentifier: rnd.chance(P_NO_IDENTIFIER) ? null : slug(name),
        promotionId: status === DRAFT ? 0 : 500_000 + index * 97 + rnd.int(0, 96),
        createdOn: isoTimestamp(createdAt, utc),
        lastModifiedOn: isoTimestamp(modifiedAt, utc),
        lastModifiedBy: 75139931 + rnd.int(0, 50),
        promotionMetadata: [],
      },
      activities: activities(name, createdAt, start, end, offset),
    };
    if (generated.customerEnrolment !== undefined) body.customerEnrolment = generated.customerEnrolment;
    // Its items are not documented: empty, as in every vendor example.
    if (generated.liabilityOwnerSplitInfo !== undefined) body.liabilityOwnerSplitInfo = [];
    return body;
  }

  /** The draft a live promotion is being edited into: its own id, status DRAFT, no engine id yet. */
  function draftOf(live: Body): Body {
    const metadata = live.metadata as Body;
    const editedAt = GENERATED_TODAY - rnd.int(1, 5) * DAY_MS - rnd.int(0, 86_399) * 1000;
    return {
      ...live,
      id: objectId(editedAt, rnd),
      metadata: {
        ...metadata,
        status: DRAFT,
        promotionId: 0,
        createdOn: isoTimestamp(editedAt, zone(0)),
        lastModifiedOn: isoTimestamp(editedAt, zone(0)),
      },
    };
  }

  const count = rnd.int(36, 47);
  const promotions: CataloguedPromotion[] = [];
  for (let index = 0; index < count; index++) {
    const body = promotion(index);
    promotions.push({ id: body.id as string, body });
    if ((body.metadata as Body).status === LIVE && rnd.chance(P_DRAFT_OF_LIVE)) {
      const draft = draftOf(body);
      promotions.push({ id: draft.id as string, body: draft, draftOf: body.id as string });
    }
  }
  return { promotions, byId: new Map(promotions.map((promotion) => [promotion.id, promotion])) };
}
