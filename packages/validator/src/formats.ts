// The formats the contract's schemas use, in one module that both validators share: the one compiled at build time
// imports it by name (ajv's standalone code refers to formats as code), the one compiled at run time registers it
// over ajv-formats. Written here rather than imported from ajv-formats, whose module (every format it knows) would
// otherwise come with the drift monitor into a browser bundle; test/formats.test.ts holds each to ajv-formats.

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** RFC 3339 full-date: a real day of a real month (29 February in leap years only). */
function isDate(year: number, month: number, day: number): boolean {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && leap ? 29 : DAYS[month]!);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * RFC 3339 section 5.6 date-time, and only that: `T` between date and time, an offset of `Z` or `±hh:mm`.
 * ajv-formats also accepts `2025-11-12 09:51:10+0000` (space, offset without colon), the vendor's legacy shape:
 * accepting it in an `*ISO` field would hide exactly the drift the check exists to find.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m || !isDate(+m[1]!, +m[2]!, +m[3]!)) return false;
  const [hour, minute, second] = [+m[4]!, +m[5]!, +m[6]!];
  const sign = m[7] === '-' ? -1 : 1;
  const [offsetHours, offsetMinutes] = [+(m[8] ?? 0), +(m[9] ?? 0)];
  if (offsetHours > 23 || offsetMinutes > 59) return false;
  if (hour <= 23 && minute <= 59 && second < 60) return true;
  // A leap second exists only at 23:59:60 UTC.
  const utcMinute = minute - offsetMinutes * sign;
  const utcHour = hour - offsetHours * sign - (utcMinute < 0 ? 1 : 0);
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61;
}

const INT32 = 2 ** 31;
// The bound is inclusive because int64's own maximum (2^63 - 1) parses to the double 2^63; the validator moves
// literals beyond int64 out of this range before validating (see validateBody).
const INT64 = 2 ** 63;

/** Format name → ajv format definition, as `ajv.addFormat` takes it and the standalone code refers to it. */
export const contractFormats = {
  date: {
    type: 'string',
    validate: (value: string) => {
      const m = DATE.exec(value);
      return m !== null && isDate(+m[1]!, +m[2]!, +m[3]!);
    },
  },
  'date-time': { type: 'string', validate: isDateTime },
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -INT32 && n < INT32 },
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -INT64 && n <= INT64 },
} as const;
