/**
 * Request parameters declared `type: integer, format: int64` accept every 64-bit integer, written in decimal.
 *
 * Prism's OpenAPI reader (`@stoplight/http-spec`) bounds an int64 to JavaScript's safe integers (±2^53 - 1), so
 * `userId=9223372036854775807` would get a 400 although the contract allows it; and a JavaScript number cannot tell
 * 2^63 - 1 from 2^63 anyway. Parameters arrive as text, so the range is checked on the text: such a parameter is
 * validated as a string of decimal digits (optional `-`) from -2^63 to 2^63 - 1. Anything else (1.5, 1e3, 0x10,
 * 2^63) gets the spec's 400, as any other invalid parameter does. A parameter with its own minimum or maximum keeps
 * Prism's reading.
 */
import type { HttpOperation } from './prismPrefer.js';

/** A regular expression source matching decimal digit strings (no leading zeros) whose value is at most `bound`. */
function digitsAtMost(bound: string): string {
  const alternatives = [`[1-9]\\d{0,${bound.length - 2}}`];
  for (let i = 0; i < bound.length; i++) {
    const digit = Number(bound[i]);
    const low = i === 0 ? 1 : 0;
    if (digit > low) {
      const range = digit - 1 === low ? `${low}` : `[${low}-${digit - 1}]`;
      const rest = bound.length - i - 1;
      alternatives.push(`${bound.slice(0, i)}${range}${rest ? `\\d{${rest}}` : ''}`);
    }
  }
  alternatives.push(bound);
  return `(?:${alternatives.join('|')})`;
}

/** Decimal text of a 64-bit signed integer: -9223372036854775808 to 9223372036854775807, leading zeros allowed. */
export const INT64_DECIMAL = `^(?:-?0*(?:0|${digitsAtMost('9223372036854775807')})|-0*9223372036854775808)$`;

type Request = NonNullable<HttpOperation['request']>;
type Parameter = NonNullable<Request['path'] | Request['query'] | Request['headers'] | Request['cookie']>[number];

function isUnboundedInt64(parameter: Parameter): boolean {
  const schema = parameter.schema as Record<string, unknown> | undefined;
  if (schema?.type !== 'integer' || schema.format !== 'int64') return false;
  const explicit = (schema['x-stoplight'] as { explicitProperties?: string[] } | undefined)?.explicitProperties;
  return !explicit?.some((key) => key === 'minimum' || key === 'maximum' || key.startsWith('exclusive'));
}

/** Rewrites, in place, the schema of every unbounded int64 request parameter of `operations` (see above). */
export function acceptEveryInt64(operations: HttpOperation[]): HttpOperation[] {
  for (const operation of operations) {
    const request = operation.request;
    if (!request) continue;
    for (const parameters of [request.path, request.query, request.headers, request.cookie]) {
      for (const parameter of parameters ?? []) {
        if (!isUnboundedInt64(parameter)) continue;
        const {
          type: _type,
          format: _format,
          minimum: _min,
          maximum: _max,
          ...rest
        } = parameter.schema as Record<string, unknown>;
        parameter.schema = { ...rest, type: 'string', pattern: INT64_DECIMAL } as Parameter['schema'];
      }
    }
  }
  return operations;
}
