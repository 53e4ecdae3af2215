import { seedFixtures } from '@target-groups/spec';
import { describe, expect, test } from 'vitest';
import { createValidator } from '../src/index.js';

const seed = seedFixtures().find((fixture) => fixture.file.endsWith('566881933.json'));
if (!seed) throw new Error('seed body 566881933.json not found');

describe('the embedded contract', () => {
  const validator = createValidator();

  test('passes a seed body as it is', () => {
    expect(validator.validateText(JSON.stringify(seed.value))).toEqual([]);
  });

  test('tells drift a typed consumer survives (warning) from drift that breaks one (error)', () => {
    const body = structuredClone(seed.value) as { data: { targetGroups: Record<string, unknown>[] } };
    const group = body.data.targetGroups[0]!;
    group.loyaltyTier = 'GOLD';
    group.name = null;
    group.targetEvaluationType = 'ROLLING_WINDOW';
    const found = validator.validateText(JSON.stringify(body)).map(({ pointer, severity }) => [pointer, severity]);
    expect(Object.fromEntries(found)).toEqual({
      '/data/targetGroups/0/loyaltyTier': 'warning',
      '/data/targetGroups/0/name': 'error',
      '/data/targetGroups/0/targetEvaluationType': 'warning',
    });
  });

  test('judges integers by their digits: beyond int64 is an error', () => {
    const text = JSON.stringify(seed.value).replace(/"userId":\d+/, '"userId":123456789012345678901234567890');
    expect(validator.validateText(text)).toContainEqual(
      expect.objectContaining({ pointer: '/data/userId', severity: 'error' }),
    );
  });
});
