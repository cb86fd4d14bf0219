import type { Database } from '@onsale/db';
import type { RedisConnection } from '@onsale/queue';
import { withDeadline, type Logger, type WorkerConfig } from '@onsale/shared';
import type { Registry } from 'prom-client';
import { areDecisionsBehind } from './decisions-behind';
import { startDeliveryWorkers } from './delivery-worker';
import { allowedNetworks } from './network-guard';
import { startWebhookRelay } from './relay';
import { WebhookMetrics } from './webhook-metrics';
import { webhookQueue } from './webhook-queue';
import { webhookYield } from './webhook-yield';

/** The most deliveries one relay pass hands out. */
const RELAY_BATCH = 500;
/** The most messages one relay pass fans out into deliveries. */
const FAN_OUT_BATCH = 2_000;
/** How long a relay pass may wait for Redis to take its jobs before it rolls back. */
const ENQUEUE_WAIT_MS = 5_000;

/**
 * Starts webhook delivery in this worker process: the relay (PostgreSQL → delivery queue) and the
 * delivery workers, on their own queue and Redis connection, apart from the partition writers, so
 * that a slow or dead endpoint never holds up a decision; and both wait while decisions are behind
 * arrivals, so that webhooks take no CPU from a backlog of decisions (docs/webhooks.md#during-a-rush).
 */
export function startWebhookDelivery(
  deps: { database: Database; connection: RedisConnection; logger: Logger; registry?: Registry },
  config: WorkerConfig,
) {
  const logger = deps.logger.child({ component: 'webhooks' });
  const metrics = deps.registry ? new WebhookMetrics(deps.registry, deps.database) : undefined;
  const queue = webhookQueue(deps.connection, config.KEY_PREFIX);
  queue.on('error', () => undefined); // the relay logs what fails
  const workers = startDeliveryWorkers(
    deps.database,
    {
      connection: deps.connection,
      keyPrefix: config.KEY_PREFIX,
      concurrency: config.WEBHOOK_CONCURRENCY,
      timeoutMs: config.WEBHOOK_TIMEOUT_MS,
      retryScale: config.WEBHOOK_RETRY_SCALE,
      allowed: allowedNetworks(config.WEBHOOK_ALLOW_PRIVATE_NETWORKS),
      onAttempt: metrics?.recordAttempt,
      // A finished attempt frees a slot of its endpoint: refill it now, not at the next interval.
      onFinished: () => relay.nudge(),
    },
    logger,
  );
  // While decisions are behind arrivals, on any worker, relay passes are skipped and deliveries paused (for at most WEBHOOK_MAX_YIELD_MS).
  const yieldToDecisions = webhookYield(
    {
      maxYieldMs: config.WEBHOOK_MAX_YIELD_MS,
      decisionsBehind: () => areDecisionsBehind(deps.connection, config.KEY_PREFIX),
      onChange: async (yielding) => {
        metrics?.recordYielding(yielding);
        if (yielding) await workers.pause(true);
        else await workers.resume();
      },
      onYieldedPass: metrics?.recordYieldedPass,
    },
    logger,
  );
  const relay = startWebhookRelay(
    deps.database,
    queue,
    {
      intervalMs: config.WEBHOOK_RELAY_INTERVAL_MS,
      enqueueWaitMs: ENQUEUE_WAIT_MS,
      fanOutBatch: FAN_OUT_BATCH,
      yieldToDecisions: yieldToDecisions.shouldYield,
      limits: {
        perEndpoint: config.WEBHOOK_ENDPOINT_CONCURRENCY,
        batch: RELAY_BATCH,
        // A job not finished by then was lost (its attempt cannot last longer than the timeout).
        leaseMs: 2 * config.WEBHOOK_TIMEOUT_MS + 30_000,
      },
    },
    logger,
  );
  return {
    /**
     * Stops handing out deliveries and waits up to `graceMs` for the attempts in flight; one still
     * running then is left (its delivery stays enqueued, and is handed out again after its lease,
     * under the same webhook-id).
     */
    close: async (graceMs: number) => {
      await relay.stop();
      const finished = await withDeadline(workers.close(), graceMs, { what: 'closing the webhook delivery workers' }).then(
        () => true,
        () => false,
      );
      if (finished) await queue.close();
      else logger.warn({ graceMs }, 'webhook attempts still running at shutdown: left to their lease');
    },
  };
}
