import { Queue, type JobsOptions } from 'bullmq';
import { decideJobId, jobIdFor, type PartitionJob } from '../contracts/jobs';
import { logRepeatedErrors, type Logger } from '../logger';
import { allPartitionQueueNames, partitionFor } from '../partition';
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
 * One `decide` job waits per partition however many requests arrive; one that arrives while the
 * partition's batch is being decided is kept and runs next, so no request is left without a job.
 */
const decideOptions = (id: string): JobsOptions => ({ ...JOB_OPTIONS, deduplication: { id, keepLastIfActive: true } });

/** The producer side of the partition queues: where every inventory command is enqueued. */
export class PartitionQueues {
  private readonly queues: readonly Queue[];

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
  }

  partitionOf(eventId: string): number {
    return partitionFor(eventId, this.options.partitionCount);
  }

  queueFor(eventId: string): Queue {
    return this.queues[this.partitionOf(eventId)]!;
  }

  /** The job id of a command, or for `decide` its partition's deduplication id; results are published under it. */
  commandIdFor(job: PartitionJob): string {
    return job.kind === 'decide' ? decideJobId(this.partitionOf(job.eventId)) : jobIdFor(job);
  }

  /** Adds the command to its event's partition; a command whose job is still waiting is not added twice. */
  async enqueue(job: PartitionJob): Promise<void> {
    const id = this.commandIdFor(job);
    await this.queueFor(job.eventId).add(job.kind, job, job.kind === 'decide' ? decideOptions(id) : { ...JOB_OPTIONS, jobId: id });
  }

  /** Tells the partitions of these events that they have queued requests: one `decide` per partition. */
  async enqueueDecisions(eventIds: Iterable<string>, requestId: string): Promise<void> {
    const onePerPartition = new Map<number, string>();
    for (const eventId of eventIds) onePerPartition.set(this.partitionOf(eventId), eventId);
    await Promise.all([...onePerPartition.values()].map((eventId) => this.enqueue({ kind: 'decide', eventId, requestId })));
  }

  /** One writer per partition across the whole pool, enforced by BullMQ inside Redis. */
  async enforceSingleWriter(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.setGlobalConcurrency(1)));
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
  }
}
