// The contract's formats (src/formats.ts) against ajv-formats, which the validator used before they were its own:
// the same verdict on every edge of dates, times, offsets, leap days and seconds, and integer bounds, except the
// one difference on purpose (date-time is RFC 3339 only: no space separator, no offset without a colon).
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { describe, expect, test } from 'vitest';
import { contractFormats } from '../src/formats.js';

const ajvFormat = (name: 'date' | 'date-time' | 'int32' | 'int64') => {
  const format = fullFormats[name] as unknown;
  return (typeof format === 'function' ? format : (format as { validate: (v: unknown) => boolean }).validate) as (
    value: unknown,
  ) => boolean;
};
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

const dates = ['2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '2025-04-31', '2025-12-31', '2025-13-01'];
const days = [...dates, '2025-00-10', '2025-01-00', '2025-1-01', '25-01-01', '2025-01-01T00:00:00Z', ''];
const times = ['00:00:00', '23:59:59', '24:00:00', '23:60:00', '23:59:60', '12:00:00.123', '12:00:00.123456789'];
const offsets = ['Z', 'z', '+00:00', '+05:30', '-08:00', '+23:59', '+24:00', '+05:60', '+0530', '', '+05'];
const dateTimes = [
  ...dates.flatMap((date) => times.flatMap((time) => offsets.map((offset) => `${date}T${time}${offset}`))),
  '2025-11-12t09:51:10z',
  '2025-11-12 09:51:10+0000',
  '2025-11-12 09:51:10Z',
  '2016-12-31T23:59:60Z',
  '2016-12-31T15:59:60-08:00',
  '2017-01-01T00:59:60+01:00',
  '2016-12-31T23:59:60+01:00',
];

describe('the contract formats agree with ajv-formats', () => {
  test(`date: ${days.length} values`, () => {
    for (const value of days) expect(contractFormats.date.validate(value), value).toBe(ajvFormat('date')(value));
  });

  test(`date-time: ${dateTimes.length} values, RFC 3339 only`, () => {
    let accepted = 0;
    for (const value of dateTimes) {
      const expected = RFC3339.test(value) && ajvFormat('date-time')(value);
      expect(contractFormats['date-time'].validate(value), value).toBe(expected);
      if (expected) accepted++;
    }
    expect(accepted).toBeGreaterThan(50);
    expect(contractFormats['date-time'].validate('2025-11-12 09:51:10+0000')).toBe(false);
    expect(ajvFormat('date-time')('2025-11-12 09:51:10+0000')).toBe(true);
  });

  test('int32 and int64 bounds', () => {
    const values = [0, 1.5, -1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 53, Number.NaN, Infinity];
    for (const value of values)
      expect(contractFormats.int32.validate(value), String(value)).toBe(ajvFormat('int32')(value));
    // int64 keeps its maximum: 2^63 - 1 parses to the double 2^63, which ajv-formats' Number.isInteger also accepts.
    for (const value of [...values, 2 ** 63, -(2 ** 63)])
      expect(contractFormats.int64.validate(value)).toBe(Number.isInteger(value));
    expect(contractFormats.int64.validate(2 ** 64)).toBe(false);
    expect(contractFormats.int64.validate(-(2 ** 64))).toBe(false);
  });
});
