// Checks of what a caller passes in (options, scenario parameters): one line saying what is wrong.

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
