import { logRepeatedErrors, type Logger } from '@onsale/shared';
import { Queue, type JobsOptions } from 'bullmq';
import { DeadLetters } from './dead-letters';
import { commandIdOf, isWorkNotice, type PartitionJob } from './jobs';
import { allPartitionQueueNames, partitionFor } from './partition';
import type { RedisConnection } from './redis';

/**
 * Strict arrival order wants no BullMQ retries: a retried job would re-enter at the tail.
 * Transient failures are retried inside the processor instead.
 */
const JOB_OPTIONS: JobsOptions = { attempts: 1, removeOnComplete: true, removeOnFail: true };

/**
 * Nothing reads the queues' event streams (results go over pub/sub), so they are trimmed as short
 * as Redis trims (`MAXLEN ~`: whole stream nodes, so at most about a hundred entries stay) and a
 * rush leaves Redis the size it found it.
 */
const EVENT_STREAM_LENGTH = 0;

/**
 * One work notice (`decide`, `expire`) waits per id however often it is added; one added while
 * its id is being handled is kept and runs next, so work that arrived meanwhile is not left
 * without a job.
 */
const optionsFor = (job: PartitionJob): JobsOptions => {
  const id = commandIdOf(job);
  return isWorkNotice(job) ? { ...JOB_OPTIONS, deduplication: { id, keepLastIfActive: true } } : { ...JOB_OPTIONS, jobId: id };
};

/** The producer side of the partition queues: where every inventory command is enqueued. */
export class PartitionQueues {
  private readonly queues: readonly Queue[];
  /** Where jobs that failed every attempt are set aside for an operator. */
  readonly deadLetters: DeadLetters;

  constructor(
    connection: RedisConnection,
    private readonly options: { keyPrefix: string; partitionCount: number; logger?: Logger },
  ) {
    const logError = options.logger && logRepeatedErrors(options.logger, 'partition queue error');
    this.queues = allPartitionQueueNames(options.partitionCount).map((name) => {
      const queue = new Queue(name, { connection, prefix: options.keyPrefix, streams: { events: { maxLen: EVENT_STREAM_LENGTH } } });
      if (logError) queue.on('error', logError);
      return queue;
    });
    this.deadLetters = new DeadLetters(connection, options.keyPrefix, options.logger);
  }

  partitionOf(eventId: string): number {
    return partitionFor(eventId, this.options.partitionCount);
  }

  /** The BullMQ queue of a partition. */
  queue(partition: number): Queue {
    const queue = this.queues[partition];
    if (!queue) throw new RangeError(`partition ${partition} is outside 0..${this.options.partitionCount - 1}`);
    return queue;
  }

  /** Every partition's BullMQ queue, in partition order. */
  all(): readonly Queue[] {
    return this.queues;
  }

  /**
   * Adds the command to its partition's queue; a command whose job is still waiting is not added
   * twice. With `delayMs`, it waits that long before it can run (a draw due at salesStartAt).
   */
  async enqueue(job: PartitionJob, options: { delayMs?: number } = {}): Promise<void> {
    const delay = options.delayMs && options.delayMs > 0 ? { delay: Math.ceil(options.delayMs) } : {};
    await this.queue(job.partition).add(job.kind, job, { ...optionsFor(job), ...delay });
  }

  /** Tells the partitions of these events that they have queued requests: one `decide` per partition. */
  async enqueueDecisions(eventIds: Iterable<string>, requestId: string): Promise<void> {
    const partitions = new Set([...eventIds].map((eventId) => this.partitionOf(eventId)));
    await Promise.all([...partitions].map((partition) => this.enqueue({ kind: 'decide', partition, requestId })));
  }

  /** One writer per partition across the whole pool, enforced by BullMQ inside Redis. */
  async enforceSingleWriter(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.setGlobalConcurrency(1)));
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.map((queue) => queue.close()), this.deadLetters.close()]);
  }
}
