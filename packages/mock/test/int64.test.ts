// int64 request parameters (src/int64.ts): the pattern accepts exactly the decimal texts of 64-bit integers.
import { describe, expect, it } from 'vitest';
import { INT64_DECIMAL } from '../dist/index.js';

const pattern = new RegExp(INT64_DECIMAL, 'u');
const MIN = -(2n ** 63n);
const MAX = 2n ** 63n - 1n;
const isInt64Text = (text: string) => /^-?\d+$/.test(text) && BigInt(text) >= MIN && BigInt(text) <= MAX;

describe('INT64_DECIMAL', () => {
  it.each([
    ['9223372036854775807', true],
    ['9223372036854775808', false],
    ['-9223372036854775808', true],
    ['-9223372036854775809', false],
    ['0', true],
    ['-0', true],
    ['0009223372036854775807', true],
    ['99999999999999999999', false],
    ['1.5', false],
    ['1e3', false],
    ['0x10', false],
    ['+5', false],
    ['', false],
    ['-', false],
    [' 1', false],
  ])('%s: %s', (text, expected) => {
    expect(pattern.test(text)).toBe(expected);
  });

  it('agrees with BigInt on 20,000 texts around the bounds', () => {
    // A deterministic generator: texts of 17 to 21 digits near 2^63 and short random ones.
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 20_000; i++) {
      const near = (MAX + BigInt(next() % 2000) - 1000n) * (next() % 2 ? 1n : -1n);
      const digits = String(next())
        .repeat(3)
        .slice(0, 1 + (next() % 21));
      for (const text of [near.toString(), digits, `-${digits}`])
        expect(pattern.test(text), text).toBe(isInt64Text(text));
    }
  });
});
