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
 * Every `intervalMs`, and at once when `nudge()` is called (a delivery of this process finished,
 * freeing one of its endpoint's in-flight slots), a pass after another while passes come back
 * full: fans the messages that decisions committed out into deliveries (one transaction,
 * committed whether or not Redis is there), then moves due deliveries from PostgreSQL to the
 * delivery queue. A committed message is never lost: it waits to be fanned out, and its
 * deliveries stay due in PostgreSQL until a pass has added their jobs to Redis and then committed;
 * with Redis away that pass rolls back and the next one tries again. Decisions never wait for this
 * (they only insert the messages), and while they are behind arrivals a pass may be skipped
 * (`yieldToDecisions`): the next one does its work.
 *
 * One pass runs at a time; a nudge or tick during it queues one more pass after it, at most (so a
 * burst of finished deliveries costs one pass, not one each). The interval stays as the fallback:
 * for another process's finished deliveries, retries coming due, and a pass that found the
 * deployment-wide hand-out lock taken.
 */
export function startWebhookRelay(database: Database, queue: Queue, options: RelayOptions, logger: Logger) {
  let running: Promise<void> | undefined;
  let again = false;
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

  function run(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        run();
      }
    });
  }

  const timer = setInterval(run, options.intervalMs);

  return {
    /** Runs a pass as soon as the one running (if any) ends: a delivery finished and its slot can be refilled. */
    nudge: run,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
