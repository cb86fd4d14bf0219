import type { AttemptOutcome } from '@onsale/db';
import type { AttemptResult } from './http-attempt';
import { HONOURS_RETRY_AFTER, retryAfterMs, retryDelayMs } from './retry-schedule';

/**
 * What an attempt's result means for its delivery: only a 2xx delivers; a 410 kills the delivery
 * and disables the endpoint; anything else is retried on the schedule (honouring Retry-After on a
 * 429, 502 or 504) until it runs out, and then the delivery is dead.
 */
export function outcomeOf(result: AttemptResult, scheduleStep: number, options: { scale: number; random?: () => number }): AttemptOutcome {
  const { statusCode } = result;
  const base = { startedAt: result.startedAt, latencyMs: result.latencyMs, statusCode, error: result.error, disableEndpoint: false };
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) return { ...base, next: { state: 'delivered' } };
  if (statusCode === 410) return { ...base, disableEndpoint: true, next: { state: 'dead' } };
  const answeredAt = result.startedAt.getTime() + result.latencyMs;
  const retryAfter = statusCode !== null && HONOURS_RETRY_AFTER.has(statusCode) ? retryAfterMs(result.retryAfter, answeredAt) : undefined;
  const delay = retryDelayMs(scheduleStep, { scale: options.scale, ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }), random: options.random });
  if (delay === undefined) return { ...base, next: { state: 'dead' } };
  return { ...base, next: { state: 'retry', nextAttemptAt: new Date(answeredAt + delay) } };
}
