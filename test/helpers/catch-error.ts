import { expect } from 'vitest';
import { AppError } from '../../src/lib/oauth/errors.ts';

/** Runs `fn`, expects it to throw (or reject with) an AppError, and returns it for code checks. */
export async function catchAppError(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError, nothing was thrown');
}
