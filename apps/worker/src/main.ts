import { createDatabaseClient } from '@onsale/db';
import { ConfigError, createLogger, createRedisConnection, loadWorkerConfig, PartitionQueues } from '@onsale/shared';
import { createCommandHandler } from './command-handler';
import { startPartitionWriters } from './partition-writers';
import { ReservationPublisher } from './reservation-publisher';
import { startSweeper } from './sweeper';

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const logger = createLogger({ name: 'onsale-worker', level: config.LOG_LEVEL }).child({ workerId: config.WORKER_ID });
  const database = createDatabaseClient(config.DATABASE_URL, { poolSize: config.DB_POOL_SIZE });
  const connection = createRedisConnection(config.REDIS_URL, `onsale-worker-${config.WORKER_ID}`);
  const queues = new PartitionQueues(connection, { keyPrefix: config.KEY_PREFIX, partitionCount: config.PARTITION_COUNT });
  await queues.enforceSingleWriter();

  const handle = createCommandHandler({
    db: database.db,
    publisher: new ReservationPublisher(connection, config.KEY_PREFIX),
    logger,
    workerId: config.WORKER_ID,
    retryBudgetMs: 60_000,
  });
  const writers = startPartitionWriters(
    {
      connection,
      keyPrefix: config.KEY_PREFIX,
      partitionCount: config.PARTITION_COUNT,
      workerId: config.WORKER_ID,
      lockDurationMs: config.WORKER_LOCK_DURATION_MS,
      stalledIntervalMs: config.WORKER_STALLED_INTERVAL_MS,
    },
    handle,
    logger,
  );
  const sweeper = startSweeper(
    database.db,
    queues,
    { intervalMs: config.SWEEP_INTERVAL_MS, requeueAfterMs: config.REQUEUE_AFTER_MS },
    logger,
  );
  logger.info({ partitions: config.PARTITION_COUNT }, 'worker started');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping');
    await sweeper.stop();
    await writers.close();
    await queues.close();
    connection.disconnect();
    await database.close();
    logger.info('worker stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
