import { findEventsWithDueHolds, findStaleQueuedReservations, type Sql } from '@onsale/db';
import type { Logger, PartitionQueues } from '@onsale/shared';

export interface SweeperOptions {
  intervalMs: number;
  requeueAfterMs: number;
}

/**
 * Finds work that time creates: holds past their expiry become `expire` commands on their event's
 * partition (so inventory keeps one writer), and accepted requests whose job was lost (Redis
 * restarted without persistence, API died between commit and enqueue) are enqueued again.
 * Every worker process sweeps; job ids keep the commands from piling up.
 */
export function startSweeper(sql: Sql, queues: PartitionQueues, options: SweeperOptions, logger: Logger) {
  let lastRequeue = Date.now();
  let running: Promise<void> | undefined;

  async function sweepDueHolds(): Promise<void> {
    const eventIds = await findEventsWithDueHolds(sql);
    await Promise.all(
      eventIds.map((eventId) => queues.enqueue({ kind: 'expire', eventId, requestId: `sweep-expire-${eventId}` })),
    );
  }

  async function requeueLostRequests(): Promise<void> {
    const stale = await findStaleQueuedReservations(sql, options.requeueAfterMs);
    await Promise.all(
      stale.map((reservation) =>
        queues.enqueue({
          kind: 'reserve',
          eventId: reservation.eventId,
          reservationId: reservation.id,
          requestId: reservation.requestId ?? `sweep-requeue-${reservation.id}`,
        }),
      ),
    );
    if (stale.length > 0) logger.info({ count: stale.length }, 'requeued queued reservations without a decision');
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
