import { findDueDraws, findEventsWithDueHolds, findEventsWithStaleQueued, isTransientDatabaseError, type Database } from '@onsale/db';
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
 * enqueue) get a `decide` job again. A worker's first sweep gives every event with queued requests
 * its job, whatever their age: its own start may follow a loss nobody else saw.
 * Every worker process sweeps; job ids keep the commands from piling up.
 */
export function startSweeper(database: Database, queues: PartitionQueues, options: SweeperOptions, logger: Logger) {
  let lastRequeue = Date.now();
  /**
   * Set when jobs may have been lost: the next sweep that reaches PostgreSQL gives every queued event its job.
   * Set at start: jobs may have been lost while no worker ran (a whole-site restart with a Redis that came
   * back empty), and nothing else would requeue them before REQUEUE_AFTER_MS.
   */
  let requeueEverything = true;
  let running: Promise<void> | undefined;

  async function sweepDueHolds(): Promise<void> {
    const eventIds = await findEventsWithDueHolds(database);
    await Promise.all(
      eventIds.map((eventId) =>
        queues.enqueue({ kind: 'expire', partition: queues.partitionOf(eventId), eventId, requestId: `sweep-expire-${eventId}` }),
      ),
    );
  }

  /**
   * Events whose draw has not run and is due before the next sweep: a `draw` job on their
   * partition, delayed until their salesStartAt (one waits per event). A job lost, or run a moment
   * early, is added again by the sweeps after.
   */
  async function sweepDueDraws(): Promise<void> {
    const draws = await findDueDraws(database, options.intervalMs);
    await Promise.all(
      draws.map(({ eventId, dueInMs }) =>
        queues.enqueue({ kind: 'draw', partition: queues.partitionOf(eventId), eventId, requestId: `sweep-draw-${eventId}` }, { delayMs: dueInMs }),
      ),
    );
  }

  async function requeueLostRequests(olderThanMs: number): Promise<void> {
    const eventIds = await findEventsWithStaleQueued(database, olderThanMs);
    await queues.enqueueDecisions(eventIds, 'sweep-requeue');
    if (eventIds.length > 0) logger.info({ events: eventIds.length, olderThanMs }, 'requeued events with undecided requests');
  }

  async function sweep(): Promise<void> {
    try {
      await sweepDueHolds();
      await sweepDueDraws();
      if (requeueEverything) {
        // This worker just started, or partition jobs may have failed while PostgreSQL was away
        // (their retry budget ran out): every event with queued requests gets its job now, not
        // after REQUEUE_AFTER_MS.
        requeueEverything = false;
        lastRequeue = Date.now();
        logger.info('requeueing every event with queued requests');
        await requeueLostRequests(0);
      } else if (Date.now() - lastRequeue >= options.requeueAfterMs) {
        lastRequeue = Date.now();
        await requeueLostRequests(options.requeueAfterMs);
      }
    } catch (error) {
      if (isTransientDatabaseError(error)) requeueEverything = true;
      logger.error({ err: error }, 'sweep failed');
    }
  }

  const timer = setInterval(() => {
    running ??= sweep().finally(() => {
      running = undefined;
    });
  }, options.intervalMs);

  return {
    /**
     * A `decide` job was set aside after its retries: the sweep's own requeue may have run while it
     * was still retrying (and been deduplicated against it), so the next sweep requeues again.
     */
    requeueEverythingNext: () => {
      requeueEverything = true;
    },
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
