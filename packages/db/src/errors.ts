/** SQLSTATE classes and driver codes worth retrying: the same transaction may well succeed. */
const TRANSIENT_SQLSTATES = new Set(['40001', '40P01', '55P03', '57P01', '57P02', '57P03', '53300']);
const TRANSIENT_DRIVER_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'DEADLINE_EXCEEDED',
]);

/**
 * A statement that had no answer within its deadline (waiting for a connection, or running):
 * transient, like a lost connection. postgres.js bounds only the opening of a connection, not a
 * query waiting for one, so callers that must answer promptly race their statements against one.
 */
export class DatabaseDeadlineExceeded extends Error {
  override readonly name = 'DatabaseDeadlineExceeded';
  readonly code = 'DEADLINE_EXCEEDED';

  constructor(what: string, ms: number) {
    super(`${what}: no answer from PostgreSQL within ${ms} ms`);
  }
}

/**
 * Settles like `work`, or rejects with DatabaseDeadlineExceeded after `ms` (then calls `onExpired`,
 * e.g. to cancel the statement). `work` runs on; a late rejection of it is ignored.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string, onExpired?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new DatabaseDeadlineExceeded(what, ms));
      onExpired?.();
    }, ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** True when the error (or the driver error drizzle wrapped) is a transient database failure. */
export function isTransientDatabaseError(error: unknown): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    const code = codeOf(current);
    if (code && (TRANSIENT_SQLSTATES.has(code) || code.startsWith('08') || TRANSIENT_DRIVER_CODES.has(code))) {
      return true;
    }
    if (typeof current !== 'object') break;
  }
  return false;
}

/** True when the error is a violation of the named unique or check constraint. */
export function isConstraintViolation(error: unknown, constraint: string): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { constraint_name?: unknown }).constraint_name === constraint) return true;
    if (typeof current !== 'object') break;
  }
  return false;
}
