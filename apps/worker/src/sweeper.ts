import { findEventsWithDueHolds, findEventsWithStaleQueued, type Sql } from '@onsale/db';
import type { PartitionQueues } from '@onsale/queue';
import type { Logger } from '@onsale/shared';

export interface SweeperOptions {
  intervalMs: number;
  requeueAfterMs: number;
}

/**
 * Finds work that time creates: holds past their expiry become `expire` commands on their event's
 * partition (so inventory keeps one writer), and events whose accepted requests wait too long
 * (their `decide` job lost: Redis restarted without persistence, API died between commit and
 * enqueue) get a `decide` job again.
 * Every worker process sweeps; job ids keep the commands from piling up.
 */
export function startSweeper(sql: Sql, queues: PartitionQueues, options: SweeperOptions, logger: Logger) {
  let lastRequeue = Date.now();
  let running: Promise<void> | undefined;

  async function sweepDueHolds(): Promise<void> {
    const eventIds = await findEventsWithDueHolds(sql);
    await Promise.all(
      eventIds.map((eventId) =>
        queues.enqueue({ kind: 'expire', partition: queues.partitionOf(eventId), eventId, requestId: `sweep-expire-${eventId}` }),
      ),
    );
  }

  async function requeueLostRequests(): Promise<void> {
    const eventIds = await findEventsWithStaleQueued(sql, options.requeueAfterMs);
    await queues.enqueueDecisions(eventIds, 'sweep-requeue');
    if (eventIds.length > 0) logger.info({ events: eventIds.length }, 'requeued events with undecided requests');
  }

  async function sweep(): Promise<void> {
    try {
      await sweepDueHolds();
      if (Date.now() - lastRequeue >= options.requeueAfterMs) {
        lastRequeue = Date.now();
        await requeueLostRequests();
      }
    } catch (error) {
      logger.error({ err: error }, 'sweep failed');
    }
  }

  const timer = setInterval(() => {
    running ??= sweep().finally(() => {
      running = undefined;
    });
  }, options.intervalMs);

  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
