import { expect } from 'vitest';
import { ValidationError } from '../errors/validation-error';

/** The `ValidationError` a promise rejects with; fails the test if it resolves or throws another. */
export async function validationRejection(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(ValidationError.isInstance(error)).toBe(true);
  return error as ValidationError;
}
