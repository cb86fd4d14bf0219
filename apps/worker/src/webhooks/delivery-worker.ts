import { finishAttempt, startAttempt, type AttemptOutcome, type Database } from '@onsale/db';
import type { RedisConnection } from '@onsale/queue';
import { logRepeatedErrors, type Logger } from '@onsale/shared';
import { Worker, type Job } from 'bullmq';
import type { BlockList } from 'node:net';
import { attemptDelivery } from './http-attempt';
import { outcomeOf } from './outcome';
import { webhookPayload } from './payload';
import { WEBHOOK_QUEUE, webhookJob } from './webhook-queue';

export interface DeliveryWorkerOptions {
  connection: RedisConnection;
  keyPrefix: string;
  /** Deliveries this process makes at once. */
  concurrency: number;
  timeoutMs: number;
  retryScale: number;
  allowed: BlockList;
  onAttempt?: (outcome: AttemptOutcome) => void;
  /** Told when a job is done with (an attempt recorded, or none to make): its endpoint may have a slot free. */
  onFinished?: () => void;
}

/**
 * The delivery workers: each job is one attempt of one delivery. The attempt is made only if it is
 * still the delivery's next (a job added twice, or for a delivery redelivered or finished since,
 * does nothing), and its result is recorded with the next due time. A job whose recording fails
 * (PostgreSQL away) leaves the delivery enqueued; the relay hands it out again after the lease.
 */
export function startDeliveryWorkers(database: Database, options: DeliveryWorkerOptions, logger: Logger): Worker {
  const deliver = async (job: Job): Promise<void> => {
    const due = webhookJob.safeParse(job.data);
    if (!due.success) {
      logger.error({ jobId: job.id, issues: due.error.issues }, 'webhook job dropped: not a delivery attempt');
      return;
    }
    const delivery = await startAttempt(database.sql, due.data);
    if (!delivery) return;
    const body = JSON.stringify(webhookPayload(delivery));
    const result = await attemptDelivery(
      { url: delivery.url, messageId: delivery.messageId, body, secrets: delivery.secrets, allowPrivate: delivery.allowPrivate },
      { timeoutMs: options.timeoutMs, allowed: options.allowed },
    );
    const outcome = outcomeOf(result, delivery.scheduleStep, { scale: options.retryScale });
    const recorded = await finishAttempt(database.sql, due.data, outcome);
    options.onAttempt?.(outcome);
    logger.info(
      {
        deliveryId: delivery.id,
        messageId: delivery.messageId,
        type: delivery.type,
        attempt: due.data.attempt + 1,
        statusCode: result.statusCode,
        latencyMs: result.latencyMs,
        error: result.error ?? undefined,
        next: outcome.next.state,
        ...(outcome.next.state === 'retry' ? { nextAttemptAt: outcome.next.nextAttemptAt.toISOString() } : {}),
        ...(outcome.disableEndpoint ? { endpointDisabled: 'gone' } : {}),
        ...(recorded ? {} : { recorded: false }),
      },
      'webhook attempt',
    );
  };
  const worker = new Worker(
    WEBHOOK_QUEUE,
    async (job: Job) => {
      await deliver(job);
      options.onFinished?.();
    },
    {
      connection: options.connection,
      prefix: options.keyPrefix,
      concurrency: options.concurrency,
      // An attempt lasts at most the timeout; the lock outlives it, so a live attempt is not taken as stalled.
      lockDuration: Math.max(30_000, options.timeoutMs * 2),
    },
  );
  worker.on('error', logRepeatedErrors(logger, 'webhook delivery worker error'));
  // The delivery stays enqueued; the relay hands it out again once its lease runs out.
  worker.on('failed', (job, error) => logger.warn({ err: error, jobId: job?.id }, 'webhook attempt failed before its result was recorded'));
  return worker;
}
