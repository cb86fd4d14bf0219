import type { DueDelivery } from '@onsale/db';
import type { RedisConnection } from '@onsale/queue';
import { Queue, type JobsOptions } from 'bullmq';
import { z } from 'zod';

/*
 * The delivery queue: one job per attempt of a delivery, `(delivery, attempt)`. It carries no
 * payload (PostgreSQL has it), so losing a job loses nothing: the relay hands the delivery out
 * again once its lease runs out. The `{wh}` hash tag keeps its keys in one Redis Cluster slot.
 */
export const WEBHOOK_QUEUE = 'webhooks-{wh}';

export const webhookJob = z.strictObject({ id: z.uuid(), attempt: z.int().nonnegative() });

/** One job per attempt: adding it again while it waits or runs adds nothing. */
const optionsFor = (due: DueDelivery): JobsOptions => ({ jobId: `${due.id}-${due.attempt}`, attempts: 1, removeOnComplete: true, removeOnFail: true });

export function webhookQueue(connection: RedisConnection, keyPrefix: string): Queue {
  return new Queue(WEBHOOK_QUEUE, { connection, prefix: keyPrefix, streams: { events: { maxLen: 0 } } });
}

export async function enqueueDeliveries(queue: Queue, due: readonly DueDelivery[]): Promise<void> {
  await queue.addBulk(due.map((delivery) => ({ name: 'deliver', data: { id: delivery.id, attempt: delivery.attempt }, opts: optionsFor(delivery) })));
}
