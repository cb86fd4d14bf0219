import { isTransientDatabaseError, relayDueDeliveries, type Database, type RelayLimits } from '@onsale/db';
import { withDeadline, type Logger } from '@onsale/shared';
import type { Queue } from 'bullmq';
import { enqueueDeliveries } from './webhook-queue';

export interface RelayOptions {
  intervalMs: number;
  limits: RelayLimits;
  /** How long adding a pass's jobs to Redis may take before the pass is rolled back. */
  enqueueWaitMs: number;
}

/**
 * Moves due deliveries from PostgreSQL to the delivery queue, every `intervalMs`, a pass after
 * another while passes come back full. A committed delivery is never lost: it stays due in
 * PostgreSQL until a pass has added its job to Redis and then committed; with Redis away the pass
 * rolls back and the next one tries again. Decisions never wait for this (they only insert rows).
 */
export function startWebhookRelay(database: Database, queue: Queue, options: RelayOptions, logger: Logger) {
  let running: Promise<void> | undefined;
  let stopped = false;

  async function pass(): Promise<void> {
    try {
      let handedOut: number;
      do {
        const due = await relayDueDeliveries(database, options.limits, (batch) =>
          withDeadline(enqueueDeliveries(queue, batch), options.enqueueWaitMs, { what: 'adding webhook jobs to Redis' }),
        );
        handedOut = due.length;
        if (handedOut > 0) logger.debug({ deliveries: handedOut }, 'webhook deliveries handed to the delivery queue');
      } while (handedOut === options.limits.batch && !stopped);
    } catch (error) {
      if (isTransientDatabaseError(error)) logger.warn({ err: error }, 'webhook relay: PostgreSQL unavailable, retrying');
      else logger.error({ err: error }, 'webhook relay pass failed; retrying');
    }
  }

  const timer = setInterval(() => {
    running ??= pass().finally(() => {
      running = undefined;
    });
  }, options.intervalMs);

  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
