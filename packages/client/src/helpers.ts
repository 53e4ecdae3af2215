import type { Milestone, Streak, Target } from '@target-groups/types';

// yyyy-MM-ddTHH:mm:ss(.SSS)(Z|±hhmm|±hh:mm): the vendor's legacy timestamps, which Date.parse does not accept
// reliably because of the colon-less offset.
const LEGACY_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Parses a legacy timestamp such as `2024-06-20T12:23:15.000+0530` (or `...Z`) into a `Date`.
 * `null` and `undefined` give `null`; anything else that is not such a timestamp throws a `RangeError`.
 */
export function parseLegacyTimestamp(value: string): Date;
export function parseLegacyTimestamp(value: string | null | undefined): Date | null;
export function parseLegacyTimestamp(value: string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const m = LEGACY_TIMESTAMP.exec(value);
  if (!m) throw new RangeError(`not a legacy timestamp (yyyy-MM-ddTHH:mm:ss.SSS±hhmm): ${JSON.stringify(value)}`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const offsetMinutes = m[8] ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(local);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    Number(m[11] ?? 0) > 59
  ) {
    throw new RangeError(`legacy timestamp out of range: ${JSON.stringify(value)}`);
  }
  return new Date(local - offsetMinutes * 60_000);
}

export interface Progress {
  /** What has been reached so far (never negative). */
  current: number;
  /** What is to be reached. */
  total: number;
  /** current / total, clamped to [0, 1]; 1 when there is nothing to reach. */
  ratio: number;
  /** `ratio` as a whole percentage, rounded down so that 100 means achieved. */
  percent: number;
  /** How much is still missing (never negative). */
  remaining: number;
  isAchieved: boolean;
}

function finiteOrZero(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

// `emptyIsAchieved`: a target of value 0 is met by doing nothing, but a streak of 0 targets has not started.
function progress(currentRaw: unknown, totalRaw: unknown, achievedFlag: boolean, emptyIsAchieved: boolean): Progress {
  const current = Math.max(0, finiteOrZero(currentRaw));
  const total = Math.max(0, finiteOrZero(totalRaw));
  const isAchieved = achievedFlag || (total === 0 ? emptyIsAchieved : current >= total);
  const ratio = total === 0 ? (isAchieved ? 1 : 0) : Math.min(1, current / total);
  return {
    current,
    total,
    ratio,
    percent: Math.floor(ratio * 100 + 1e-9),
    remaining: Math.max(0, total - current),
    isAchieved,
  };
}

/** Progress of a target towards its value (`targetAchievedValue` of `targetValue`). Over-achievement is clamped. */
export function targetProgress(target: Pick<Target, 'targetValue' | 'targetAchievedValue'>): Progress {
  return progress(target.targetAchievedValue, target.targetValue, false, true);
}

/** The target's milestones the user has reached, lowest trigger value first (`[]` when it has none). */
export function achievedMilestones(target: Pick<Target, 'milestones'>): Milestone[] {
  return (target.milestones ?? []).filter((m) => m.isAchieved).sort((a, b) => a.triggerValue - b.triggerValue);
}

/** The next milestone to reach (lowest trigger value not yet achieved), or `undefined`. */
export function nextMilestone(target: Pick<Target, 'milestones'>): Milestone | undefined {
  return (target.milestones ?? []).filter((m) => !m.isAchieved).sort((a, b) => a.triggerValue - b.triggerValue)[0];
}

/** Progress of a streak (`currentCount` of `totalTargetCountOfSequence`); `ACHIEVED` status counts as complete. */
export function streakProgress(
  streak: Pick<Streak, 'currentCount' | 'totalTargetCountOfSequence' | 'status'>,
): Progress {
  return progress(streak.currentCount, streak.totalTargetCountOfSequence, streak.status === 'ACHIEVED', false);
}
