/** JSON parsing that turns every way a body can be unreadable into one specific message instead of an exception. */
import { type IntegerLiteral, longIntegerReviver, mayHoldLongIntegers } from './bigIntegers.js';

export const DEFAULT_MAX_DEPTH = 1000;

/** A parsed body with its integers of 16 or more digits as sent (`integers`), which `value` may hold rounded. */
export type ParseResult = { ok: true; value: unknown; integers: IntegerLiteral[] } | { ok: false; message: string };

/** Position of the first bracket past `maxDepth` levels, or -1. Strings are skipped so brackets inside them do not count. */
export function findExcessDepth(text: string, maxDepth: number): number {
  // A body cannot be nested deeper than half its length; most bodies are far below that bound.
  if (text.length <= maxDepth * 2) return -1;
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      let end = text.indexOf('"', i + 1);
      while (end !== -1) {
        let backslashes = 0;
        for (let j = end - 1; text.charCodeAt(j) === 92 /* \ */; j--) backslashes++;
        if (backslashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      if (end === -1) return -1;
      i = end;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > maxDepth) return i;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    }
  }
  return -1;
}

export function lineAndColumn(text: string, index: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${index - lineStart + 1}`;
}

function syntaxMessage(error: SyntaxError, text: string): string {
  // V8 quotes a snippet of the input in its message; keep only the reason and say where instead.
  const message = error.message.replace(/,? ".*"(?:\.\.\.)? is not valid JSON$/s, '').replace(/\s+/g, ' ');
  const position = /at position (\d+)/.exec(message);
  const where = position ? ` (${lineAndColumn(text, Number(position[1]))})` : '';
  const reason = message.replace(/ in JSON at position \d+.*$/, '').replace(/ \(line \d+ column \d+\)$/, '');
  const short = reason.length > 160 ? `${reason.slice(0, 160)}…` : reason;
  return `not valid JSON: ${short}${where}`;
}

/** Why a body is refused for its nesting, or undefined. */
export function depthProblem(text: string, maxDepth = DEFAULT_MAX_DEPTH): string | undefined {
  const deep = findExcessDepth(text, maxDepth);
  return deep === -1
    ? undefined
    : `body is nested deeper than ${maxDepth} levels (${lineAndColumn(text, deep)}); not checked`;
}

/**
 * Parses a body. V8's JSON.parse does not recurse, so depth is no danger to parsing itself; `checkDepth: false` skips
 * the nesting scan for callers that measure depth only when a body fails (it costs as much as a fifth of a parse).
 */
export function parseBody(
  text: string,
  maxDepth = DEFAULT_MAX_DEPTH,
  options: { checkDepth?: boolean } = {},
): ParseResult {
  if (/^\s*$/.test(text)) return { ok: false, message: 'empty body' };
  if (options.checkDepth !== false) {
    const deep = depthProblem(text, maxDepth);
    if (deep) return { ok: false, message: deep };
  }
  try {
    // A reviver makes a parse about twice as slow; most bodies hold no such integer and are parsed without one.
    if (!mayHoldLongIntegers(text)) return { ok: true, value: JSON.parse(text), integers: [] };
    const { reviver, literals } = longIntegerReviver();
    const value: unknown = JSON.parse(text, reviver as Parameters<typeof JSON.parse>[1]);
    return { ok: true, value, integers: literals() };
  } catch (error) {
    if (error instanceof SyntaxError)
      return { ok: false, message: depthProblem(text, maxDepth) ?? syntaxMessage(error, text) };
    if (error instanceof RangeError)
      return { ok: false, message: `body is too large or too deeply nested to parse (${error.message})` };
    throw error;
  }
}
