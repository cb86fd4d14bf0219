import type { RedisConnection } from '@onsale/queue';
import { withDeadline } from '@onsale/shared';

/*
 * "Decisions are behind arrivals": a short-lived Redis key that a partition writer whose decide
 * batch came back full keeps set, and that every worker's webhook relay reads once a pass, so
 * that webhooks on any process of the machine yield to a backlog of decisions
 * (docs/webhooks.md#during-a-rush). It is only a hint: unset, unreadable or Redis away, webhooks
 * run as usual; it never touches what a decision does.
 */

/** How long the key outlives the last full batch that set it. */
const HOLD_MS = 1_000;
/** A writer sets it at most this often, whatever its batch rate. */
const REFRESH_MS = 250;
/** A read that takes longer counts as "not behind". */
const READ_WAIT_MS = 250;

export const decisionsBehindKey = (keyPrefix: string) => `${keyPrefix}:webhooks:yield`;

/**
 * For the partition writers: `mark()` after a full decide batch. One SET per `REFRESH_MS` per
 * process, sent without waiting for it; nothing is sent while the connection is not ready (it
 * would only queue).
 */
export function decisionsBehindMarker(connection: RedisConnection, keyPrefix: string) {
  const key = decisionsBehindKey(keyPrefix);
  let lastSetAt = Number.NEGATIVE_INFINITY;
  return {
    mark: (): void => {
      const now = performance.now();
      if (now - lastSetAt < REFRESH_MS || connection.status !== 'ready') return;
      lastSetAt = now;
      connection.set(key, '1', 'PX', HOLD_MS).catch(() => undefined);
    },
  };
}

/** For the relay: whether some writer marked decisions behind within the last `HOLD_MS`; false when Redis does not answer. */
export async function areDecisionsBehind(connection: RedisConnection, keyPrefix: string): Promise<boolean> {
  if (connection.status !== 'ready') return false;
  return withDeadline(connection.exists(decisionsBehindKey(keyPrefix)), READ_WAIT_MS, { what: 'reading the decisions-behind key' }).then(
    (count) => count > 0,
    () => false,
  );
}
