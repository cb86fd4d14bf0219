import { Queue, type JobsOptions } from 'bullmq';
import { jobIdFor, type PartitionJob } from '../contracts/jobs';
import { allPartitionQueueNames, partitionFor } from '../partition';
import type { RedisConnection } from './redis';

/**
 * Strict arrival order wants no BullMQ retries: a retried job would re-enter at the tail.
 * Transient failures are retried inside the processor instead.
 */
const JOB_OPTIONS: JobsOptions = { attempts: 1, removeOnComplete: true, removeOnFail: true };

/** The producer side of the partition queues: where every inventory command is enqueued. */
export class PartitionQueues {
  private readonly queues: readonly Queue[];

  constructor(
    connection: RedisConnection,
    private readonly options: { keyPrefix: string; partitionCount: number },
  ) {
    this.queues = allPartitionQueueNames(options.partitionCount).map(
      (name) => new Queue(name, { connection, prefix: options.keyPrefix }),
    );
  }

  queueFor(eventId: string): Queue {
    return this.queues[partitionFor(eventId, this.options.partitionCount)]!;
  }

  /** Adds the command to its event's partition; a command whose job is still waiting is not added twice. */
  async enqueue(job: PartitionJob): Promise<void> {
    await this.queueFor(job.eventId).add(job.kind, job, { ...JOB_OPTIONS, jobId: jobIdFor(job) });
  }

  /** One writer per partition across the whole pool, enforced by BullMQ inside Redis. */
  async enforceSingleWriter(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.setGlobalConcurrency(1)));
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
  }
}
