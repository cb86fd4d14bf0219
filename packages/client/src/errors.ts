import type { components } from './openapi';

export type Problem = components['schemas']['Problem'];

/** The API answered with an error: its status and, when it sent one, its problem+json. */
export class OnsaleApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
    operation: string,
  ) {
    super(`${operation}: ${status} ${problem ? `${problem.title}: ${problem.detail}` : 'no problem details'}`);
    this.name = 'OnsaleApiError';
  }
}

/** The API could not be reached at all (wrong URL, refused, DNS). */
export class OnsaleUnreachable extends Error {
  constructor(baseUrl: string, cause: unknown) {
    super(`cannot reach the Onsale API at ${baseUrl}: ${cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : String(cause)}`, { cause });
    this.name = 'OnsaleUnreachable';
  }
}
