/**
 * Integers as sent. `JSON.parse` turns every number into a double, so an id beyond 2^53 arrives rounded and one
 * beyond int64 may even look valid. Its reviver sees each number's source text (`context.source`, Node 22+ and
 * current browsers), so the digits are taken from there, in the same parse, with the pointer of where they are.
 */
import { escapeKey } from '@target-groups/spec/portable';

export interface IntegerLiteral {
  /** JSON pointer of the value in the body. */
  pointer: string;
  /** The digits as sent, with their sign. */
  literal: string;
  value: bigint;
}

const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);
const LONG_INTEGER = /^-?\d{16,}$/;

/** The text may hold an integer of 16 or more digits as a value (after `:`, `[` or `,`). */
export function mayHoldLongIntegers(text: string): boolean {
  return /[:,[]\s*-?\d{16}/.test(text);
}

type Found = { tokens: string[]; literal: string };

/**
 * A `JSON.parse` reviver that notes every integer of 16 or more digits, and the literals it noted. The reviver runs
 * on the way out of the document, innermost values first, so each value's findings are handed to the container
 * holding it, which prefixes its own key; what is left at the end hangs off the parse's root.
 */
export function longIntegerReviver(): {
  reviver: (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;
  literals(): IntegerLiteral[];
} {
  const pending = new Map<unknown, Found[]>();
  function reviver(this: unknown, key: string, value: unknown, context?: { source?: string }): unknown {
    let found: Found[] | undefined;
    if (typeof value === 'number') {
      const source = context?.source;
      if (source !== undefined && LONG_INTEGER.test(source)) found = [{ tokens: [key], literal: source }];
    } else if (value !== null && typeof value === 'object') {
      found = pending.get(value);
      if (found) {
        pending.delete(value);
        for (const f of found) f.tokens.push(key);
      }
    }
    if (found) {
      const siblings = pending.get(this);
      if (siblings) siblings.push(...found);
      else pending.set(this, found);
    }
    return value;
  }
  const literals = () =>
    [...pending.values()].flat().map(({ tokens, literal }) => ({
      // Innermost key first, and the root's own key ('') last.
      pointer: tokens
        .slice(0, -1)
        .reverse()
        .map((t) => `/${escapeKey(t)}`)
        .join(''),
      literal,
      value: BigInt(literal),
    }));
  return { reviver, literals };
}

export function outsideInt64(value: bigint): boolean {
  return value < INT64_MIN || value > INT64_MAX;
}

export function beyondSafeInteger(value: bigint): boolean {
  return value > SAFE_MAX || value < -SAFE_MAX;
}
