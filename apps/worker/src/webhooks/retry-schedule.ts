/*
 * When a failed delivery is tried again: Standard Webhooks' schedule (as Svix runs it), continued
 * at 10 h until about three days have passed since the first attempt, with jitter so that a
 * receiver coming back is not met by every retry at once.
 */

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The delay before each retry: the first attempt is immediate; after the last, the delivery is dead. */
export const RETRY_DELAYS_MS: readonly number[] = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR, 10 * HOUR, 10 * HOUR, 10 * HOUR, 10 * HOUR];

/** A delay may be up to this share shorter or longer than scheduled. */
const JITTER = 0.2;

/** The longest Retry-After honoured (a receiver asking for more gets the schedule's next delay, at most this). */
const MAX_RETRY_AFTER_MS = 24 * HOUR;

/**
 * The delay before the retry after attempt number `step` (0 for the first attempt) failed, scaled
 * by `scale`; undefined when the schedule is exhausted. A Retry-After the receiver sent is honoured
 * when it asks for longer.
 */
export function retryDelayMs(step: number, options: { scale: number; retryAfterMs?: number; random?: () => number }): number | undefined {
  const scheduled = RETRY_DELAYS_MS[step];
  if (scheduled === undefined) return undefined;
  const jittered = scheduled * options.scale * (1 + JITTER * (2 * (options.random ?? Math.random)() - 1));
  return Math.max(Math.round(jittered), Math.min(options.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
}

/** A Retry-After header's wait in ms: seconds, or an HTTP date; undefined if absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * SECOND;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The answers whose Retry-After is honoured. */
export const HONOURS_RETRY_AFTER: ReadonlySet<number> = new Set([429, 502, 504]);
