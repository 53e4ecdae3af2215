import { expect } from 'vitest';
import { TargetGroupsApiError } from '../../src/index.js';

/** The error the call rejects with, which must be a TargetGroupsApiError; a call that succeeds fails the test. */
export async function failure(promise: Promise<unknown>): Promise<TargetGroupsApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TargetGroupsApiError);
  return error as TargetGroupsApiError;
}
