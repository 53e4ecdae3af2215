// The scenario names, as a union type: every API that takes a name takes a `ScenarioName`, so a misspelt one
// (`noTargetGroup`) is a compile error in the consumer's test, not a 422 at run time. The names are those of the
// shipped contracts' operations (./contracts.ts); the engine serves each operation its own (`engine.scenarios`), so a
// name of the other contract is refused at run time with the list of the operation's own.
import { SCENARIO_PARAMETERS } from '../preferences.js';
import { type Operation, operationsOf } from '@target-groups/spec/portable';
import { type ContractName, contracts, statusScenariosOf } from './contracts.js';
import { PROMOTIONS_SCENARIOS } from './models/promotions.js';
import { exampleUsers, TARGET_GROUPS_SCENARIOS } from './models/targetGroups.js';

/** The scenarios of every operation, before and after those of its model and its declared statuses. */
export const LEADING_SCENARIOS = ['forwardCompatible'] as const;
export const TRAILING_SCENARIOS = ['rateLimited', 'flaky', 'slow', 'reset'] as const;

/** The scenarios of each shipped contract's own models. */
const MODEL_SCENARIOS = { targetGroups: TARGET_GROUPS_SCENARIOS, promotions: PROMOTIONS_SCENARIOS } as const;

/** Every scenario `Prefer: scenario=NAME` accepts for an operation of the shipped contract `C`. */
export type ScenarioNameOf<C extends ContractName> =
  | (typeof LEADING_SCENARIOS)[number]
  | (typeof MODEL_SCENARIOS)[C][number]
  | (typeof statusScenariosOf)[C][number]
  | (typeof TRAILING_SCENARIOS)[number];

/** Every scenario `Prefer: scenario=NAME` accepts for an operation of a shipped contract (either of them). */
export type ScenarioName = ScenarioNameOf<ContractName>;

const namesOf = <C extends ContractName>(contract: C): readonly ScenarioNameOf<C>[] => [
  ...LEADING_SCENARIOS,
  ...MODEL_SCENARIOS[contract],
  ...statusScenariosOf[contract],
  ...TRAILING_SCENARIOS,
];

/** Every scenario name of each shipped contract's operations, in the order the README lists them. */
export const contractScenarioNames: { readonly [C in ContractName]: readonly ScenarioNameOf<C>[] } = {
  targetGroups: namesOf('targetGroups'),
  promotions: namesOf('promotions'),
};

/** Every scenario name of the default contract (target groups), in the order the README lists them. */
export const scenarioNames: readonly ScenarioName[] = contractScenarioNames.targetGroups;

/** Every name of either contract, each once. */
const allScenarioNames: readonly ScenarioName[] = [
  ...new Set(Object.values(contractScenarioNames).flat() as ScenarioName[]),
];

/** A bad option of the engine or of one of its faces; `message` is one line. */
export class ScenarioOptionError extends Error {
  override readonly name = 'ScenarioOptionError';
  readonly code = 'ERR_MOCK_BAD_OPTION';
}

/** `value`, or `fallback` when it is undefined; an integer from 0 to `max`, or a ScenarioOptionError naming it. */
export function checkedNumber(name: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw new ScenarioOptionError(`${name} must be an integer from 0 to ${max}, got ${JSON.stringify(value)}`);
  return value;
}

/** Whether a text (an environment variable, a JavaScript caller's argument) is a scenario name of either contract. */
export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (allScenarioNames as readonly string[]).includes(value);
}

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
    throw new ScenarioOptionError(`no scenario ${JSON.stringify(name)}; scenarios: ${allScenarioNames.join(', ')}`);
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

/** The GET operations of the default contract (target groups), which the engine serves by default. */
export const builtInOperations = operationsOf(
  contracts.targetGroups.document,
  contracts.targetGroups.dereferenced,
).filter((operation) => operation.method === 'get');

/**
 * The named examples `Prefer: example=NAME` accepts, per built-in operation (by operationId), in the spec's order.
 * An example belongs to its operation: a name of another operation is refused like an unknown one (unless that
 * operation declares an example of the same name).
 */
export const exampleNames: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  builtInOperations.map((operation) => [operation.id, examplesOf(operation)]),
);

/** The names of one operation's examples, each once (a name may be declared under two statuses), in order. */
export function examplesOf(operation: Operation): string[] {
  return [...new Set(operation.responses.flatMap((response) => response.examples.map((example) => example.name)))];
}

/** The userIds of the built-in operation's named 200 examples: each is answered with its example (a real body). */
export const exampleUserIds: readonly string[] = builtInOperations.flatMap((operation) =>
  operation.operationId === 'getUserTargetGroups' ? [...exampleUsers(operation).keys()] : [],
);
