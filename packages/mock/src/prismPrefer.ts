/**
 * The Prefer rule, in one place. Prism selects an answer from the request's `Prefer` header (`code=N`,
 * `example=NAME`, `dynamic=true`, `seed=S`), but on its own it looks for `example=NAME` only among the examples of
 * the status it answers with (the first 2xx unless `code=` says otherwise), so `example=resourceNotFound` alone
 * finds nothing. The rule added here:
 *
 *   `Prefer: example=NAME` without `code=` answers with the status of the first response (in the spec's order) of
 *   the requested operation that has an example named NAME, and that example. A `code=` in the header always wins.
 *
 * And a preference Prism does not understand (`scenario=`, which is the scenario engine's, `respond-async`, a typo)
 * gets the mock's 422 problem document (../preferences.ts), the one the scenario engine answers with, instead of
 * being ignored: Prism alone would answer `scenario=noTargetGroups` with a full user and a 200.
 *
 * Everything else is Prism's own: an unknown NAME gets Prism's 404 problem document, an invalid request gets the
 * spec's 400 (or 422) whatever was preferred, a request without credentials gets the spec's 401.
 */
import { createRequire } from 'node:module';
import type { PrismHttpComponents } from '@stoplight/prism-http';
import { MOCK_PROBLEM_HEADER, type MockProblem, preferenceProblem } from './preferences.js';

type MockComponent = PrismHttpComponents['mock'];
export type HttpOperation = Parameters<MockComponent>[0]['resource'];
type MockResult = ReturnType<ReturnType<MockComponent>>;

/** The status whose example `name` `Prefer: example=NAME` selects on `operation`, or `undefined` if none has it. */
export function exampleStatus(operation: HttpOperation, name: string): number | undefined {
  for (const response of operation.responses) {
    const status = Number(response.code);
    if (!Number.isInteger(status)) continue;
    if (response.contents?.some((content) => content.examples?.some((example) => example.key === name))) return status;
  }
  return undefined;
}

export interface SelectableExample {
  method: string;
  path: string;
  status: number;
  name: string;
  summary: string | undefined;
  /** The `Prefer` header value that selects this example, by the rule above. */
  prefer: string;
}

/** Every named example of `operations` with the `Prefer` value that selects it, in the spec's order. */
export function selectableExamples(operations: readonly HttpOperation[]): SelectableExample[] {
  const found: SelectableExample[] = [];
  for (const operation of operations) {
    for (const response of operation.responses) {
      const status = Number(response.code);
      if (!Number.isInteger(status)) continue;
      const seen = new Set<string>();
      for (const content of response.contents ?? []) {
        for (const example of content.examples ?? []) {
          if (seen.has(example.key)) continue;
          seen.add(example.key);
          const byName = exampleStatus(operation, example.key) === status;
          found.push({
            method: operation.method.toUpperCase(),
            path: operation.path,
            status,
            name: example.key,
            summary: 'summary' in example && typeof example.summary === 'string' ? example.summary : undefined,
            prefer: byName ? `example=${example.key}` : `code=${status}, example=${example.key}`,
          });
        }
      }
    }
  }
  return found;
}

// Prism's own mock component (what `createServer` uses when none is given). The package's index does not export
// it; the path is fixed by the exact version this package pins.
const prismMock: MockComponent = createRequire(import.meta.url)('@stoplight/prism-http/dist/mocker/index.js').default;

/**
 * A problem document as Prism's server writes an error of the mock component: `name` is the `type`, `message` the
 * `title`, and the members of `additional` follow `detail`. Its `headers` (not enumerable, so not in the body) are
 * set on the answer.
 */
class PrismProblem extends Error {
  readonly status: number;
  readonly detail: string;
  readonly additional: Record<string, unknown>;
  constructor({ type, title, status, detail, ...members }: MockProblem) {
    super(title);
    this.name = type;
    this.status = status;
    this.detail = detail;
    this.additional = members;
    Object.defineProperty(this.additional, 'headers', {
      enumerable: false,
      value: { [MOCK_PROBLEM_HEADER]: type.slice('urn:target-groups-mock:'.length) },
    });
  }
}

/** The named examples of one operation, each name once, in the spec's order. */
const exampleNamesOf = (operation: HttpOperation) => [
  ...new Set(selectableExamples([operation]).map((example) => example.name)),
];

/** Prism's mock component with the Prefer rule applied before it negotiates the answer. */
export const preferringMock: MockComponent = (options) => {
  const prefer = options.input.data.headers?.prefer;
  const problem = preferenceProblem(Array.isArray(prefer) ? prefer.join(', ') : prefer, {
    engine: 'prism',
    scenarios: [],
    examples: exampleNamesOf(options.resource),
  });
  // fp-ts's Left, the shape Prism's server reads an error from.
  if (problem) return () => ({ _tag: 'Left', left: new PrismProblem(problem) }) as MockResult;
  const { exampleKey, code } = options.config;
  if (exampleKey === undefined || code !== undefined) return prismMock(options);
  const status = exampleStatus(options.resource, exampleKey);
  return prismMock(status === undefined ? options : { ...options, config: { ...options.config, code: status } });
};
