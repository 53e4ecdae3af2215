/**
 * The `Prefer` request header (RFC 7240) as both engines read it (the one parser), and the one problem document (422,
 * `application/problem+json`) with which each answers a preference it cannot honour. RFC 7240 lets a server ignore
 * a preference it does not understand; a mock must not: `scenario=noTargetGroups` sent to Prism, or a typo, would
 * get an answer that looks right and a test that passes on the wrong data. The document lists what the engine does
 * understand, and says which engine understands the preference when the other one does.
 */

export type MockEngineName = 'prism' | 'scenarios';

/** What went wrong: the `type` (`urn:target-groups-mock:KIND`) and the `X-Mock-Problem` header of the answer. */
export type MockProblemKind =
  | 'unknown-preference'
  | 'bad-preference'
  | 'unknown-scenario'
  | 'unknown-example'
  | 'unknown-status';

/** The body of a 422 answer of either engine. */
export interface MockProblem {
  type: `urn:target-groups-mock:${MockProblemKind}`;
  title: string;
  status: 422;
  detail: string;
  /** The engine that answered. */
  engine: MockEngineName;
  /** The preferences it understands (`code`, `example`, ...). */
  preferences: readonly string[];
  /** The scenarios it serves (none for Prism). */
  scenarios: readonly string[];
  /** The named examples it serves. */
  examples: readonly string[];
}

export const MOCK_PROBLEM_STATUS = 422;
export const MOCK_PROBLEM_HEADER = 'x-mock-problem';

/** The preferences each engine understands, in the order its README lists them. */
export const UNDERSTOOD_PREFERENCES: Record<MockEngineName, readonly string[]> = {
  prism: ['code', 'example', 'dynamic', 'seed'],
  scenarios: ['scenario', 'example', 'code', 'delay', 'retry-after', 'failures'],
};

const ENGINE_LABELS: Record<MockEngineName, string> = { prism: 'The Prism engine', scenarios: 'The scenario engine' };
const WHERE: Record<MockEngineName, string> = {
  prism: 'Prism (startMock(), pnpm mock)',
  scenarios: "the scenario engine (startMock({ engine: 'scenarios' }), createMockFetch(), pnpm mock:scenarios)",
};

/** One preference of the header: `scenario=slow` is `{ key: 'scenario', value: 'slow' }`. */
export interface Preference {
  /** Lower case, as RFC 7240 compares them. */
  key: string;
  value: string | undefined;
  /** As the header wrote it, for messages. */
  text: string;
}

const PREFERENCE = /^([\w-]+)\s*(?:=\s*"?([^"]*)"?)?$/;

/**
 * The preferences of a `Prefer` header, in order. Parameters after `;` count as preferences of their own
 * (`scenario=slow; delay=5` is `scenario=slow, delay=5`). A part that is no `token[=value]` is returned as `unreadable`.
 */
export function parsePreferences(header: string | null | undefined): { found: Preference[]; unreadable?: string } {
  const found: Preference[] = [];
  for (const raw of (header ?? '').split(/[,;]/)) {
    const text = raw.trim();
    if (text === '') continue;
    const match = PREFERENCE.exec(text);
    if (!match) return { found, unreadable: text };
    found.push({ key: match[1]!.toLowerCase(), value: match[2]?.trim(), text });
  }
  return { found };
}

/** What an engine says about itself in each of its problem documents. */
export type ProblemContext = Pick<MockProblem, 'engine' | 'scenarios' | 'examples'>;

export function mockProblem(
  kind: MockProblemKind,
  title: string,
  detail: string,
  context: ProblemContext,
): MockProblem {
  return {
    type: `urn:target-groups-mock:${kind}`,
    title,
    status: MOCK_PROBLEM_STATUS,
    detail,
    engine: context.engine,
    preferences: UNDERSTOOD_PREFERENCES[context.engine],
    scenarios: context.scenarios,
    examples: context.examples,
  };
}

/** The first preference of the header that `context.engine` does not understand, as its problem; or undefined. */
export function preferenceProblem(header: string | null | undefined, context: ProblemContext): MockProblem | undefined {
  const { found, unreadable } = parsePreferences(header);
  const understood = UNDERSTOOD_PREFERENCES[context.engine];
  const listed = `It understands ${understood.map((key) => `${key}=`).join(', ')}.`;
  if (unreadable !== undefined)
    return mockProblem(
      'bad-preference',
      'Bad preference value',
      `${ENGINE_LABELS[context.engine]} cannot read Prefer ${JSON.stringify(unreadable)} (write NAME=VALUE). ${listed}`,
      context,
    );
  const unknown = found.find((preference) => !understood.includes(preference.key));
  if (!unknown) return undefined;
  const other = (Object.keys(UNDERSTOOD_PREFERENCES) as MockEngineName[]).find(
    (engine) => engine !== context.engine && UNDERSTOOD_PREFERENCES[engine].includes(unknown.key),
  );
  const hint = other ? ` ${unknown.key}= is understood by ${WHERE[other]}.` : '';
  return mockProblem(
    'unknown-preference',
    'Unknown preference',
    `${ENGINE_LABELS[context.engine]} does not understand Prefer ${unknown.text}.${hint} ${listed}`,
    context,
  );
}

/** What the scenario engine read of a request's `Prefer` header. */
export interface ScenarioPreferences {
  scenario?: string;
  example?: string;
  code?: number;
  delay?: number;
  retryAfter?: number;
  failures?: number;
}

/** The scenarios that take a parameter: its `Prefer` name, its option name and its largest value. */
export const SCENARIO_PARAMETERS = {
  slow: { key: 'delay', option: 'delay', max: 600_000 },
  rateLimited: { key: 'retry-after', option: 'retryAfter', max: 3600 },
  flaky: { key: 'failures', option: 'failures', max: 3600 },
} as const;

/** What the scenario engine serves for the requested operation, and what it says about itself. */
export interface ScenarioContext extends ProblemContext {
  /** The statuses `code=` may name. */
  statuses: readonly number[];
}

/** The scenario engine's reading of the header: the preferences, or the problem document that refuses them. */
export function readPreferences(
  header: string | null | undefined,
  context: ScenarioContext,
): ScenarioPreferences | MockProblem {
  const problem = preferenceProblem(header, context);
  if (problem) return problem;
  const found: ScenarioPreferences = {};
  const refuse = (kind: MockProblemKind, title: string, detail: string) => mockProblem(kind, title, detail, context);
  for (const { key, value = '' } of parsePreferences(header).found) {
    const number = (max: number) => (/^\d{1,9}$/.test(value) && Number(value) <= max ? Number(value) : undefined);
    if (key === 'scenario') {
      if (!context.scenarios.includes(value))
        return refuse(
          'unknown-scenario',
          'Unknown scenario',
          `The mock has no scenario ${JSON.stringify(value)}. Valid scenarios: ${context.scenarios.join(', ')}.`,
        );
      found.scenario = value;
    } else if (key === 'example') {
      if (!context.examples.includes(value))
        return refuse(
          'unknown-example',
          'Unknown example',
          `The contract has no named example ${JSON.stringify(value)}. Valid examples: ${context.examples.join(', ')}.`,
        );
      found.example = value;
    } else if (key === 'code') {
      const code = number(599);
      if (code === undefined || !context.statuses.includes(code))
        return refuse(
          'unknown-status',
          'Undeclared status',
          `The contract declares no status ${JSON.stringify(value)}. Declared: ${context.statuses.join(', ')}.`,
        );
      found.code = code;
    } else {
      const parameter = Object.values(SCENARIO_PARAMETERS).find((candidate) => candidate.key === key)!;
      const parsed = number(parameter.max);
      if (parsed === undefined)
        return refuse(
          'bad-preference',
          'Bad preference value',
          `Prefer ${key}= takes an integer from 0 to ${parameter.max}, got ${JSON.stringify(value)}.`,
        );
      found[parameter.option] = parsed;
    }
  }
  return found;
}
