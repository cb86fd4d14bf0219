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
]);

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
