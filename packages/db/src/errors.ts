import { isTransient } from '@onsale/shared';

/*
 * Which database failures are transient, and how long a statement may wait, are the failure
 * policy's (packages/shared/src/failure-policy.ts: `isTransient`, `withDeadline`); this package
 * throws typed failures (`InvariantViolated`, `DeadlineExceeded`) from @onsale/shared.
 */

/** @deprecated The failure policy's `isTransient` (from @onsale/shared), under its old name until its last caller moves. */
export const isTransientDatabaseError = isTransient;

/** True when the error is a violation of the named unique or check constraint. */
export function isConstraintViolation(error: unknown, constraint: string): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { constraint_name?: unknown }).constraint_name === constraint) return true;
    if (typeof current !== 'object') break;
  }
  return false;
}
