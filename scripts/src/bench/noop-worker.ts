import { allPartitionQueueNames, createRedisConnection } from '@onsale/queue';
import { createLogger, loadWorkerConfig, runUntilSignalled } from '@onsale/shared';
import { Queue, Worker } from 'bullmq';
import { COMPLETION_BUCKET_MS, completionsKey } from './variants';

/*
 * The queue-ceiling variant's worker: one BullMQ Worker per partition queue, global concurrency 1
 * per queue as Onsale's writers run, and a processor that does nothing. It counts completed jobs
 * per 50 ms bucket in a Redis hash, from which the benchmark reads its "decisions" over time.
 */

const FLUSH_INTERVAL_MS = 250;

runUntilSignalled(async () => {
  const config = loadWorkerConfig();
  const logger = createLogger({ name: 'onsale-bench-noop-worker', level: config.LOG_LEVEL }).child({ workerId: config.WORKER_ID });
  const connection = createRedisConnection(config, `onsale-bench-noop-${config.WORKER_ID}`);
  const names = allPartitionQueueNames(config.PARTITION_COUNT);

  const queues = names.map((name) => new Queue(name, { connection, prefix: config.KEY_PREFIX }));
  await Promise.all(queues.map((queue) => queue.setGlobalConcurrency(1)));

  const pending = new Map<number, number>();
  const workers = names.map((name) => {
    const worker = new Worker(name, async () => {}, { connection, prefix: config.KEY_PREFIX, concurrency: 1 });
    worker.on('completed', () => {
      const bucket = Math.floor(Date.now() / COMPLETION_BUCKET_MS);
      pending.set(bucket, (pending.get(bucket) ?? 0) + 1);
    });
    worker.on('error', (error) => logger.error({ err: error, queue: name }, 'no-op worker error'));
    return worker;
  });

  const flush = async () => {
    if (pending.size === 0) return;
    const batch = connection.pipeline();
    for (const [bucket, count] of pending) batch.hincrby(completionsKey(config.KEY_PREFIX), String(bucket), count);
    pending.clear();
    await batch.exec();
  };
  const flusher = setInterval(() => void flush(), FLUSH_INTERVAL_MS);
  logger.info({ partitions: config.PARTITION_COUNT }, 'no-op worker started');

  return {
    logger,
    graceMs: config.SHUTDOWN_GRACE_MS,
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
      clearInterval(flusher);
      await flush();
      await Promise.all(queues.map((queue) => queue.close()));
      connection.disconnect();
    },
  };
});
