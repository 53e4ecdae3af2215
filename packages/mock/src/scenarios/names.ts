// The scenario names, as a union type: every API that takes a name takes a `ScenarioName`, so a misspelt one
// (`noTargetGroup`) is a compile error in the consumer's test, not a 422 at run time.
import { exampleScenarios, statusScenarios } from './generated/contract.js';
import { ScenarioOptionError, checkedNumber } from './options.js';

type StatusScenario = keyof typeof statusScenarios;
type ExampleScenario = (typeof exampleScenarios)[number];

/** Every scenario `Prefer: scenario=NAME` accepts. */
export type ScenarioName =
  | 'forwardCompatible'
  | 'noTargetGroups'
  | ExampleScenario
  | StatusScenario
  | 'rateLimited'
  | 'flaky'
  | 'slow'
  | 'reset';

/** Every scenario name, in the order the README lists them. */
export const scenarioNames: readonly ScenarioName[] = [
  'forwardCompatible',
  'noTargetGroups',
  ...exampleScenarios,
  ...(Object.keys(statusScenarios) as StatusScenario[]),
  'rateLimited',
  'flaky',
  'slow',
  'reset',
];

/** The declared status a status scenario answers with (`forbidden` → 403), or undefined for the others. */
export function scenarioStatus(name: ScenarioName): number | undefined {
  return Object.hasOwn(statusScenarios, name) ? statusScenarios[name as StatusScenario] : undefined;
}

/** Whether `name` is answered by the named 200 example of the same name (`userNotFound`). */
export function isExampleScenario(name: ScenarioName): name is ExampleScenario {
  return (exampleScenarios as readonly string[]).includes(name);
}

/** Whether a text (an environment variable, a JavaScript caller's argument) is a scenario name. */
export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (scenarioNames as readonly string[]).includes(value);
}

/** The scenarios that take a parameter, and its `Prefer` name and largest value. */
export const SCENARIO_PARAMETERS = {
  slow: { key: 'delay', option: 'delay', max: 600_000 },
  rateLimited: { key: 'retry-after', option: 'retryAfter', max: 3600 },
  flaky: { key: 'failures', option: 'failures', max: 3600 },
} as const;

/** The parameters each scenario takes: `slow`'s delay in ms, `rateLimited`'s Retry-After seconds, `flaky`'s 503s. */
export interface ScenarioParameters {
  slow: { delay?: number };
  rateLimited: { retryAfter?: number };
  flaky: { failures?: number };
}

/**
 * The `Prefer` header value that selects a scenario: `preferScenario('slow', { delay: 250 })` is
 * `'scenario=slow, delay=250'`. The name is a {@link ScenarioName}, so the compiler catches a misspelt one.
 */
export function preferScenario<N extends ScenarioName>(
  name: N,
  parameters?: N extends keyof ScenarioParameters ? ScenarioParameters[N] : never,
): string {
  if (!isScenarioName(name))
    throw new ScenarioOptionError(`no scenario ${JSON.stringify(name)}; scenarios: ${scenarioNames.join(', ')}`);
  const parts = [`scenario=${name}`];
  const parameter = Object.hasOwn(SCENARIO_PARAMETERS, name)
    ? SCENARIO_PARAMETERS[name as keyof typeof SCENARIO_PARAMETERS]
    : undefined;
  for (const [option, value] of Object.entries(parameters ?? {})) {
    if (value === undefined) continue;
    if (option !== parameter?.option)
      throw new ScenarioOptionError(`scenario ${name} takes no parameter ${JSON.stringify(option)}`);
    parts.push(`${parameter.key}=${checkedNumber(option, value as number, 0, parameter.max)}`);
  }
  return parts.join(', ');
}
