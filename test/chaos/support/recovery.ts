import type { RushAttempt } from './rush';

/** When the first 202 answered at or after `since` arrived (`Date.now()` time), if one did. */
export function firstAcceptedAfter(attempts: readonly RushAttempt[], since: number): number | undefined {
  const answeredAt = attempts
    .filter((attempt) => attempt.status === 202 && attempt.sentAt + attempt.latencyMs >= since)
    .map((attempt) => attempt.sentAt + attempt.latencyMs);
  return answeredAt.length === 0 ? undefined : Math.min(...answeredAt);
}

/** Attempts sent in [from, to). */
export const attemptsSentBetween = (attempts: readonly RushAttempt[], from: number, to: number) =>
  attempts.filter((attempt) => attempt.sentAt >= from && attempt.sentAt < to);
