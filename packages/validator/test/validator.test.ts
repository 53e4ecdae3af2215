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

  test('finds a long integer at any depth, its pointer escaped, and ignores digits inside strings', () => {
    const body = structuredClone(seed.value) as { data: Record<string, unknown> };
    body.data['a/b~c'] = { list: [1, 'x', { id: 0 }], note: '12345678901234567' };
    const text = JSON.stringify(body).replace('"id":0', '"id":-9007199254740993');
    expect(validator.validateText(text)).toContainEqual({
      pointer: '/data/a~1b~0c/list/2/id',
      severity: 'warning',
      kind: 'unsafe-integer',
      message:
        'integer -9007199254740993 is beyond 2^53: JavaScript consumers (JSON.parse) read it as -9007199254740992',
    });
    expect(validator.validateText(text).filter((v) => v.message.includes('12345678901234567'))).toEqual([]);
  });
});
