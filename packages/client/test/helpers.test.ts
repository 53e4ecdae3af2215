// The helpers against every real body of the vendor's page (spec/fixtures/seed).
import { describe, expect, test } from 'vitest';
import type { Target, TargetGroupsResponse } from '@target-groups/types';
import {
  achievedMilestones,
  nextMilestone,
  parseLegacyTimestamp,
  streakProgress,
  targetProgress,
} from '../src/helpers.js';
import { seedFixtures } from '@target-groups/spec';

const bodies = seedFixtures().map((s) => ({ ...s, body: s.value as TargetGroupsResponse }));
const groups = bodies.flatMap((s) => s.body.data?.targetGroups ?? []);
const targets = groups.flatMap((g) => g.targets);
const streaks = groups.flatMap((g) => g.streaks ?? []);

const LEGACY_FIELDS = ['createdOn', 'lastUpdatedOn', 'enrolledOn', 'targetAchievedDateTime', 'streakAchievedDateTime'];

/** Every object in a body that carries a legacy timestamp, with its field name. */
function legacyStamps(value: unknown, found: { field: string; value: string; owner: Record<string, unknown> }[] = []) {
  if (Array.isArray(value)) for (const v of value) legacyStamps(v, found);
  else if (value && typeof value === 'object') {
    const owner = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(owner)) {
      if (LEGACY_FIELDS.includes(k) && typeof v === 'string') found.push({ field: k, value: v, owner });
      else legacyStamps(v, found);
    }
  }
  return found;
}

describe('seed bodies are there', () => {
  test('several bodies, targets, a streak', () => {
    expect(bodies.length).toBeGreaterThanOrEqual(5);
    expect(targets.length).toBeGreaterThanOrEqual(8);
    expect(streaks.length).toBeGreaterThanOrEqual(1);
  });
});

describe('parseLegacyTimestamp', () => {
  test('known values', () => {
    expect(parseLegacyTimestamp('2024-06-20T12:23:15.000+0530').toISOString()).toBe('2024-06-20T06:53:15.000Z');
    expect(parseLegacyTimestamp('2024-06-10T13:56:27.000+0000').toISOString()).toBe('2024-06-10T13:56:27.000Z');
    expect(parseLegacyTimestamp('2024-06-10T13:56:27.000Z').toISOString()).toBe('2024-06-10T13:56:27.000Z');
    expect(parseLegacyTimestamp('2024-07-30T11:32:56.360+0530').toISOString()).toBe('2024-07-30T06:02:56.360Z');
    expect(parseLegacyTimestamp('2024-01-01T01:00:00.000-0230').toISOString()).toBe('2024-01-01T03:30:00.000Z');
    expect(parseLegacyTimestamp(null)).toBeNull();
    expect(parseLegacyTimestamp(undefined)).toBeNull();
  });

  test('every legacy timestamp of the seed parses, and equals its *ISO twin where the body has one', () => {
    const stamps = bodies.flatMap((s) => legacyStamps(s.body));
    expect(stamps.length).toBeGreaterThan(30);
    let twins = 0;
    for (const { field, value, owner } of stamps) {
      const date = parseLegacyTimestamp(value);
      expect(Number.isNaN(date.getTime()), value).toBe(false);
      const iso = owner[`${field}ISO`];
      if (typeof iso === 'string') {
        twins++;
        // The ISO twin has no milliseconds.
        expect(Math.floor(date.getTime() / 1000) * 1000, `${field} ${value} vs ${iso}`).toBe(Date.parse(iso));
      }
    }
    expect(twins).toBeGreaterThan(5);
  });

  test.each([
    '2024-06-20 12:23:15',
    '2024-13-01T00:00:00.000+0000',
    '2024-02-30T00:00:00.000+0000',
    '2024-06-20T25:00:00.000Z',
    'yesterday',
    '',
  ])('rejects %j with a RangeError', (value) => {
    expect(() => parseLegacyTimestamp(value)).toThrow(RangeError);
  });
});

describe('targetProgress', () => {
  test('every target of the seed has a ratio in [0, 1] that agrees with its values', () => {
    for (const t of targets) {
      const p = targetProgress(t);
      expect(p.ratio).toBeGreaterThanOrEqual(0);
      expect(p.ratio).toBeLessThanOrEqual(1);
      expect(p.isAchieved).toBe(t.targetAchievedValue >= t.targetValue);
      expect(p.remaining).toBe(Math.max(0, t.targetValue - t.targetAchievedValue));
    }
  });

  test('seed cases: partial, none, over-achieved (clamped)', () => {
    const byId = (id: number) => targets.find((t) => t.targetId === id) as Target;
    expect(targetProgress(byId(534707))).toEqual({
      current: 900,
      total: 1000,
      ratio: 0.9,
      percent: 90,
      remaining: 100,
      isAchieved: false,
    });
    expect(targetProgress(byId(97329731))).toMatchObject({
      ratio: 0.3,
      percent: 30,
      remaining: 7000,
      isAchieved: false,
    });
    expect(targetProgress(byId(9443405))).toMatchObject({ ratio: 0, percent: 0, isAchieved: false });
    expect(targetProgress(byId(1248300))).toMatchObject({
      current: 1000,
      total: 100,
      ratio: 1,
      percent: 100,
      remaining: 0,
      isAchieved: true,
    });
  });

  test('a zero target value counts as reached; 99.9% is not shown as 100', () => {
    expect(targetProgress({ targetValue: 0, targetAchievedValue: 0 })).toMatchObject({
      ratio: 1,
      isAchieved: true,
      remaining: 0,
    });
    expect(targetProgress({ targetValue: 1000, targetAchievedValue: 999 }).percent).toBe(99);
    expect(targetProgress({ targetValue: 10, targetAchievedValue: -3 })).toMatchObject({ current: 0, ratio: 0 });
  });
});

describe('milestones', () => {
  test('seed: milestones are reported, none achieved yet', () => {
    const withMilestones = targets.filter((t) => t.milestones?.length);
    expect(withMilestones.length).toBeGreaterThanOrEqual(3);
    for (const t of withMilestones) {
      expect(achievedMilestones(t)).toEqual(t.milestones?.filter((m) => m.isAchieved));
    }
    const count = targets.find((t) => t.targetId === 9443405) as Target;
    expect(achievedMilestones(count)).toEqual([]);
    expect(nextMilestone(count)).toMatchObject({ id: 201, triggerValue: 3 });
  });

  test('null milestones give none', () => {
    const none = targets.find((t) => t.milestones === null) as Target;
    expect(achievedMilestones(none)).toEqual([]);
    expect(nextMilestone(none)).toBeUndefined();
  });

  test('achieved ones in trigger order; the next is the lowest unachieved', () => {
    const count = targets.find((t) => t.targetId === 9443405) as Target;
    const reached: Target = {
      ...count,
      targetAchievedValue: 4,
      milestones: [
        { id: 202, triggerName: '5', triggerValue: 5, isAchieved: false },
        { id: 203, triggerName: '4', triggerValue: 4, isAchieved: true },
        { id: 201, triggerName: '3', triggerValue: 3, isAchieved: true },
      ],
    };
    expect(achievedMilestones(reached).map((m) => m.id)).toEqual([201, 203]);
    expect(nextMilestone(reached)?.id).toBe(202);
  });
});

describe('streakProgress', () => {
  test('the seed streak is complete', () => {
    const streak = streaks.find((s) => s.streakId === 191);
    expect(streak).toBeDefined();
    expect(streakProgress(streak!)).toEqual({
      current: 2,
      total: 2,
      ratio: 1,
      percent: 100,
      remaining: 0,
      isAchieved: true,
    });
  });

  test('in progress, not started, unknown status', () => {
    expect(streakProgress({ currentCount: 1, totalTargetCountOfSequence: 3, status: 'INPROGRESS' })).toMatchObject({
      ratio: 1 / 3,
      percent: 33,
      remaining: 2,
      isAchieved: false,
    });
    expect(streakProgress({ currentCount: 0, totalTargetCountOfSequence: 0, status: 'NOT_STARTED' })).toMatchObject({
      ratio: 0,
      isAchieved: false,
    });
    expect(streakProgress({ currentCount: 0, totalTargetCountOfSequence: 0, status: 'ACHIEVED' })).toMatchObject({
      ratio: 1,
      isAchieved: true,
    });
    expect(streakProgress({ currentCount: 0, totalTargetCountOfSequence: 2, status: 'PAUSED' })).toMatchObject({
      ratio: 0,
      isAchieved: false,
    });
  });
});
