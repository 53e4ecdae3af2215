import { loadSpec, SpecReadError } from '../../src/index.ts';

/** The SpecReadError that reading `input` raises; fails the test when it reads without one. */
export async function readFailure(input: Parameters<typeof loadSpec>[0]): Promise<SpecReadError> {
  try {
    await loadSpec(input);
  } catch (error) {
    if (error instanceof SpecReadError) return error;
    throw error;
  }
  throw new Error(`${typeof input === 'object' ? input.name : (input ?? 'the contract')} was read without an error`);
}
