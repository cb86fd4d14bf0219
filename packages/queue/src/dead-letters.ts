import { createHash, randomUUID } from 'node:crypto';
import { deadLetterView, logRepeatedErrors, type DeadLetterView, type Logger } from '@onsale/shared';
import { Queue } from 'bullmq';
import type { RedisConnection } from './redis';

/** The hash tag keeps the queue's keys in one Redis Cluster slot, as BullMQ's scripts need. */
export const DEAD_LETTER_QUEUE = 'dead-letters-{dl}';

export type NewDeadLetter = Omit<DeadLetterView, 'id'>;

/**
 * Partition jobs that failed every attempt, kept for an operator to read, redrive or delete.
 * A BullMQ queue that no worker consumes: each dead letter is one waiting job, oldest first, so
 * it lives where the jobs did and survives what they survive (AOF).
 */
export class DeadLetters {
  private readonly queue: Queue;

  constructor(connection: RedisConnection, keyPrefix: string, logger?: Logger) {
    this.queue = new Queue(DEAD_LETTER_QUEUE, { connection, prefix: keyPrefix, streams: { events: { maxLen: 0 } } });
    if (logger) this.queue.on('error', logRepeatedErrors(logger, 'dead-letter queue error'));
  }

  /**
   * Adds a dead letter. With `onePer`, at most one letter waits per that key: the sweeps re-add a
   * failing work notice (`decide`, `expire`) every few seconds, and one letter says as much as a
   * thousand (the first one stays).
   */
  async add(letter: NewDeadLetter, options: { onePer?: string } = {}): Promise<DeadLetterView> {
    const id = options.onePer ? uuidFrom(options.onePer) : randomUUID();
    await this.queue.add(letter.kind, { ...letter, id }, { jobId: id });
    return { ...letter, id };
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

  /** Removes it; one already gone is no error. */
  async remove(id: string): Promise<void> {
    await this.queue.remove(id);
  }

  count(): Promise<number> {
    return this.queue.getWaitingCount();
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

/** A stable UUID-shaped id for a key (SHA-256, with the version and variant bits of a name-based UUID). */
function uuidFrom(key: string): string {
  const hex = createHash('sha256').update(`dead-letter:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const parsed = (data: unknown): DeadLetterView[] => {
  const result = deadLetterView.safeParse(data);
  return result.success ? [result.data] : [];
};
