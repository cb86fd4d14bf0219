import { OnsaleApiError, OnsaleUnreachable } from '@onsale/client';

/** A failure the user can act on, told in a sentence or two (no stack trace). */
export class CliFailure extends Error {}

/** What to print for a failure: the API's problem (with each invalid field), or the error's message. */
export function describeFailure(error: unknown): string {
  if (error instanceof OnsaleApiError) {
    const hints: Record<number, string> = {
      401: ' (pass --token or ONSALE_TOKEN, or --jwt-secret/JWT_SECRET to mint an admin token)',
      403: ' (this needs an admin token)',
    };
    const fields = (error.problem?.errors ?? []).map((field) => `\n  - ${field.path}: ${field.message}`).join('');
    return `${error.message}${hints[error.status] ?? ''}${fields}`;
  }
  if (error instanceof OnsaleUnreachable || error instanceof CliFailure) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') return (error as Error).message;
  return error instanceof Error ? `unexpected: ${error.stack ?? error.message}` : `unexpected: ${String(error)}`;
}
