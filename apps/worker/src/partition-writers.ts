import { allPartitionQueueNames, commandIdOf, isWorkNotice, partitionJob, type RedisConnection } from '@onsale/queue';
import { InvalidJobPayload, logRepeatedErrors, withDeadline, type Logger } from '@onsale/shared';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import pLimit from 'p-limit';
import type { CommandHandler } from './command-handler';
import type { JobOrigin, PoisonGuard } from './poison-jobs';

export interface PartitionWritersOptions {
  connection: RedisConnection;
  keyPrefix: string;
  partitionCount: number;
  workerId: string;
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** Partition commands running at once in this process (`WRITER_CONCURRENCY`). */
  writerConcurrency: number;
  /** Gives each job its bounded attempts and sets aside the one that fails them all. */
  poison: PoisonGuard;
}

/** Why a payload failed the job contract, one issue after another. */
function invalidPayload(issues: readonly { path: readonly PropertyKey[]; message: string }[]): InvalidJobPayload {
  const detail = issues.map((issue) => `${issue.path.map(String).join('.') || '(payload)'}: ${issue.message}`).join('; ');
  return new InvalidJobPayload(`invalid partition job payload: ${detail}`);
}

/**
 * One BullMQ worker per partition queue in this process. With the queues' global concurrency
 * at 1, a partition has one active job across the whole pool: the other processes are hot
 * standbys that take over when the writer dies (after lock expiry + one stalled check). The
 * process runs at most `writerConcurrency` commands at once, first come first served; a job
 * waiting for its slot keeps its lock (BullMQ renews it), so its partition stays single-writer.
 */
export function startPartitionWriters(options: PartitionWritersOptions, handle: CommandHandler, logger: Logger) {
  const slots = pLimit(options.writerConcurrency);
  const processorFor = (queue: string, partition: number) => async (job: Job): Promise<void> => {
    const origin: JobOrigin = { queue, partition, jobId: job.id, name: job.name };
    const parsed = partitionJob.safeParse(job.data);
    // No attempt can handle it: it fails validation the same way every time.
    if (!parsed.success) return options.poison.setAside(origin, job.data, invalidPayload(parsed.error.issues));
    if (parsed.data.partition !== partition) {
      // Its producer hashes events onto another PARTITION_COUNT: deciding here could give an event two writers.
      logger.error({ jobId: job.id, jobPartition: parsed.data.partition, queuePartition: partition }, 'job on the wrong partition dropped');
      throw new UnrecoverableError('job on the wrong partition queue');
    }
    const noticeId = isWorkNotice(parsed.data) ? commandIdOf(parsed.data) : undefined;
    await slots(() => options.poison.attempt({ ...origin, noticeId }, job.data, () => handle(parsed.data)));
  };

  const logWorkerError = logRepeatedErrors(logger, 'partition worker error');
  const workers = allPartitionQueueNames(options.partitionCount).map((queueName, partition) => {
    const worker = new Worker(queueName, processorFor(queueName, partition), {
      connection: options.connection,
      prefix: options.keyPrefix,
      name: options.workerId,
      concurrency: 1,
      lockDuration: options.lockDurationMs,
      stalledInterval: options.stalledIntervalMs,
      // A job redelivered after a crash decides nothing twice; fail it only if it keeps killing writers.
      maxStalledCount: 3,
    });
    worker.on('failed', (job, error) =>
      logger.error({ err: error, jobId: job?.id, queue: queueName }, 'partition job failed'),
    );
    worker.on('stalled', (jobId) => logger.warn({ jobId, queue: queueName }, 'stalled job redelivered'));
    worker.on('error', logWorkerError);
    return worker;
  });

  return {
    /**
     * Stops taking jobs and waits up to `graceMs` for the active ones to finish; each job that
     * finishes hands its partition back at once (no next job is fetched). False if some were
     * still running: the caller lets Redis go without them, and their locks lapse for a standby.
     */
    close: async (graceMs: number): Promise<boolean> => {
      const closed = Promise.all(workers.map((worker) => worker.close()));
      return withDeadline(closed, graceMs, { what: 'closing the partition workers' }).then(
        () => true,
        () => false,
      );
    },
  };
}
