import { randomUUID } from 'node:crypto';
import { deadLetterView, logRepeatedErrors, type DeadLetterView, type Logger } from '@onsale/shared';
import { Queue } from 'bullmq';
import type { RedisConnection } from './redis';

/** The hash tag keeps the queue's keys in one Redis Cluster slot, as BullMQ's scripts need. */
export const DEAD_LETTER_QUEUE = 'dead-letters-{dl}';

export type NewDeadLetter = Omit<DeadLetterView, 'id'>;

/**
 * Partition jobs that failed every attempt, kept for an operator to read, redrive or delete.
 * A BullMQ queue that no worker consumes: each dead letter is one waiting job, oldest first, so
 * it lives where the jobs did, survives what they survive (AOF), and shows on the queues board.
 */
export class DeadLetters {
  private readonly queue: Queue;

  constructor(connection: RedisConnection, keyPrefix: string, logger?: Logger) {
    this.queue = new Queue(DEAD_LETTER_QUEUE, { connection, prefix: keyPrefix, streams: { events: { maxLen: 0 } } });
    if (logger) this.queue.on('error', logRepeatedErrors(logger, 'dead-letter queue error'));
  }

  async add(letter: NewDeadLetter): Promise<DeadLetterView> {
    const deadLetter = { ...letter, id: randomUUID() };
    await this.queue.add(letter.kind, deadLetter, { jobId: deadLetter.id });
    return deadLetter;
  }

  /** Oldest first, `limit` from `offset`; entries whose data is not a dead letter are skipped. */
  async list(offset: number, limit: number): Promise<{ items: DeadLetterView[]; total: number }> {
    const [jobs, total] = await Promise.all([this.queue.getJobs(['waiting'], offset, offset + limit - 1, true), this.count()]);
    return { items: jobs.flatMap((job) => parsed(job.data)), total };
  }

  async get(id: string): Promise<DeadLetterView | undefined> {
    const job = await this.queue.getJob(id);
    return job ? parsed(job.data)[0] : undefined;
  }

  /** True if this call removed it (false: already gone). */
  async remove(id: string): Promise<boolean> {
    return (await this.queue.remove(id)) === 1;
  }

  count(): Promise<number> {
    return this.queue.getWaitingCount();
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

const parsed = (data: unknown): DeadLetterView[] => {
  const result = deadLetterView.safeParse(data);
  return result.success ? [result.data] : [];
};
