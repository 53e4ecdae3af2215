// What the scenario engine reads of a request's `Prefer` header: a scenario, an example or a status, and the
// scenarios' parameters. Anything else is one of the mock's problem documents (../preferences.ts).
import {
  type MockProblem,
  type ProblemContext,
  mockProblem,
  parsePreferences,
  preferenceProblem,
} from '../preferences.js';
import { contract, declaredErrorStatuses, exampleNamed } from './contract.js';
import { SCENARIO_PARAMETERS, type ScenarioName, isScenarioName, scenarioNames } from './names.js';

export interface ScenarioPreferences {
  scenario?: ScenarioName;
  example?: string;
  code?: number;
  delay?: number;
  retryAfter?: number;
  failures?: number;
}

/** Every named example `Prefer: example=NAME` accepts, in the spec's order. */
export const exampleNames: readonly string[] = contract.examples.map((example) => example.name);

/** What the scenario engine says about itself in its problem documents. */
export const SCENARIO_ENGINE: ProblemContext = {
  engine: 'scenarios',
  scenarios: scenarioNames,
  examples: exampleNames,
};

const PARAMETERS = Object.values(SCENARIO_PARAMETERS);

export function readPreferences(header: string | null | undefined): ScenarioPreferences | MockProblem {
  const problem = preferenceProblem(header, SCENARIO_ENGINE);
  if (problem) return problem;
  const found: ScenarioPreferences = {};
  for (const { key, value = '' } of parsePreferences(header).found) {
    const number = (max: number) => (/^\d{1,9}$/.test(value) && Number(value) <= max ? Number(value) : undefined);
    if (key === 'scenario') {
      if (!isScenarioName(value))
        return mockProblem(
          'unknown-scenario',
          'Unknown scenario',
          `The mock has no scenario ${JSON.stringify(value)}. Valid scenarios: ${scenarioNames.join(', ')}.`,
          SCENARIO_ENGINE,
        );
      found.scenario = value;
    } else if (key === 'example') {
      if (!exampleNamed(value))
        return mockProblem(
          'unknown-example',
          'Unknown example',
          `The contract has no named example ${JSON.stringify(value)}. Valid examples: ${exampleNames.join(', ')}.`,
          SCENARIO_ENGINE,
        );
      found.example = value;
    } else if (key === 'code') {
      const code = number(599);
      if (code === undefined || !(code === 200 || declaredErrorStatuses.includes(code)))
        return mockProblem(
          'unknown-status',
          'Undeclared status',
          `The contract declares no status ${JSON.stringify(value)}. Declared: 200, ${declaredErrorStatuses.join(', ')}.`,
          SCENARIO_ENGINE,
        );
      found.code = code;
    } else {
      const parameter = PARAMETERS.find((candidate) => candidate.key === key)!;
      const parsed = number(parameter.max);
      if (parsed === undefined)
        return mockProblem(
          'bad-preference',
          'Bad preference value',
          `Prefer ${key}= takes an integer from 0 to ${parameter.max}, got ${JSON.stringify(value)}.`,
          SCENARIO_ENGINE,
        );
      found[parameter.option] = parsed;
    }
  }
  return found;
}
