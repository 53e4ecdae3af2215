// A request's parameters read against the operation's: each declared path, query and header parameter checked
// against its schema (every int64 by its digits), defaults applied, values typed. A bad one is named in a message.
import { type Operation, withoutNull } from '@target-groups/spec/portable';
import { INT64_DECIMAL } from '../int64.js';

const INT64 = new RegExp(INT64_DECIMAL, 'u');

/** Parameter values by name: booleans and numbers typed, integers as their decimal text (int64 does not fit). */
export type ParameterValues = Record<string, string | number | boolean | undefined>;

export interface ReadParameters {
  values: ParameterValues;
  /** The first bad parameter: where it is and what is wrong with it. */
  fault?: { in: string; message: string };
}

function readValue(
  name: string,
  text: string,
  schema: Record<string, unknown>,
  where: string,
): string | number | boolean | Error {
  const { schema: inner, types } = withoutNull(schema);
  const bad = (what: string) => new Error(`Invalid ${name}: ${JSON.stringify(text)} is not ${what}`);
  if (types.includes('boolean'))
    return text === 'true' ? true : text === 'false' ? false : bad('a boolean (true or false)');
  if (types.includes('integer')) {
    if (inner.format === 'int64') return INT64.test(text) ? String(BigInt(text)) : bad('a 64-bit integer');
    const value = Number(text);
    if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value)) return bad('an integer');
    return inRange(value, inner) ? value : bad(rangeOf(inner));
  }
  if (types.includes('number')) {
    const value = Number(text);
    return text.trim() !== '' && Number.isFinite(value) && inRange(value, inner) ? value : bad('a number');
  }
  const closed = Array.isArray(inner.enum) && inner['x-extensible-enum'] !== true;
  if (closed && !(inner.enum as unknown[]).includes(text)) return bad(`one of ${(inner.enum as unknown[]).join(', ')}`);
  // A path segment that breaks its pattern names no resource (a malformed promotion id): the vendor's 400. Query and
  // header patterns are left to the models, which refuse them with messages of their own (DATA-SCOPE-ORG).
  if (where === 'path' && typeof inner.pattern === 'string' && !new RegExp(inner.pattern, 'u').test(text))
    return bad(`of the form ${inner.pattern}`);
  return text;
}

/** What an integer out of the schema's range should have been: `an integer of at least 0`, `from 1 to 50`. */
function rangeOf(schema: Record<string, unknown>): string {
  const { minimum: low, maximum: high } = schema;
  if (typeof low === 'number' && typeof high === 'number') return `an integer from ${low} to ${high}`;
  return typeof low === 'number' ? `an integer of at least ${low}` : `an integer of at most ${high}`;
}

const inRange = (value: number, schema: Record<string, unknown>) =>
  !(typeof schema.minimum === 'number' && value < schema.minimum) &&
  !(typeof schema.maximum === 'number' && value > schema.maximum);

/** The operation's parameters in a request: `path` from the matched template, the query, the headers. */
export function readParameters(
  operation: Operation,
  path: Record<string, string>,
  query: URLSearchParams,
  header: (name: string) => string | null | undefined,
): ReadParameters {
  const values: ParameterValues = {};
  for (const parameter of operation.parameters) {
    const repeated = parameter.in === 'query' ? query.getAll(parameter.name) : [];
    // Only an exploded array (OpenAPI's default for a form-style array) may come more than once; any other parameter
    // given twice is refused rather than read as its first value, the second silently dropped.
    const exploded = parameter.schema.type === 'array' && parameter.definition.explode !== false;
    if (repeated.length > 1 && !exploded)
      return {
        values,
        fault: { in: 'query', message: `Invalid ${parameter.name}: given ${repeated.length} times, expected once` },
      };
    // A query parameter's one value, or an exploded array's values as one list.
    const text =
      parameter.in === 'path'
        ? path[parameter.name]
        : parameter.in === 'query'
          ? repeated.length > 0
            ? repeated.join(',')
            : null
          : parameter.in === 'header'
            ? header(parameter.name)
            : undefined;
    if (text === null || text === undefined) {
      if (parameter.required) return { values, fault: { in: parameter.in, message: `Missing ${parameter.name}` } };
      const fallback = parameter.schema.default;
      if (typeof fallback === 'string' || typeof fallback === 'number' || typeof fallback === 'boolean')
        values[parameter.name] = fallback;
      continue;
    }
    const value = readValue(parameter.name, text, parameter.schema, parameter.in);
    if (value instanceof Error) return { values, fault: { in: parameter.in, message: value.message } };
    values[parameter.name] = value;
  }
  return { values };
}
