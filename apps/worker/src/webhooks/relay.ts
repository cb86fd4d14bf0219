import { fanOutMessages, isTransientDatabaseError, relayDueDeliveries, type Database, type RelayLimits } from '@onsale/db';
import { withDeadline, type Logger } from '@onsale/shared';
import type { Queue } from 'bullmq';
import { enqueueDeliveries } from './webhook-queue';
import type { WebhookYield } from './webhook-yield';

export interface RelayOptions {
  intervalMs: number;
  limits: RelayLimits;
  /** Messages one pass fans out into deliveries at most. */
  fanOutBatch: number;
  /** How long adding a pass's jobs to Redis may take before the pass is rolled back. */
  enqueueWaitMs: number;
  /** Asked once a pass: true skips it (decisions are behind; webhook-yield.ts). */
  yieldToDecisions?: WebhookYield['shouldYield'];
}

/**
 * Every `intervalMs`, a pass after another while passes come back full: fans the messages that
 * decisions committed out into deliveries (one transaction, committed whether or not Redis is
 * there), then moves due deliveries from PostgreSQL to the delivery queue. A committed message is
 * never lost: it waits to be fanned out, and its deliveries stay due in PostgreSQL until a pass
 * has added their jobs to Redis and then committed; with Redis away that pass rolls back and the
 * next one tries again. Decisions never wait for this (they only insert the messages), and while
 * they are behind arrivals a pass may be skipped (`yieldToDecisions`): the next one does its work.
 */
export function startWebhookRelay(database: Database, queue: Queue, options: RelayOptions, logger: Logger) {
  let running: Promise<void> | undefined;
  let stopped = false;

  async function pass(): Promise<void> {
    try {
      if (await options.yieldToDecisions?.()) return;
      let fannedOut: number;
      let handedOut: number;
      do {
        fannedOut = await fanOutMessages(database, options.fanOutBatch);
        const due = await relayDueDeliveries(database, options.limits, (batch) =>
          withDeadline(enqueueDeliveries(queue, batch), options.enqueueWaitMs, { what: 'adding webhook jobs to Redis' }),
        );
        handedOut = due.length;
        if (fannedOut > 0 || handedOut > 0) logger.debug({ messages: fannedOut, deliveries: handedOut }, 'webhook messages fanned out, deliveries handed to the delivery queue');
      } while ((fannedOut === options.fanOutBatch || handedOut === options.limits.batch) && !stopped);
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
