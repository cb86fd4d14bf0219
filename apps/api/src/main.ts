import { createDatabaseClient } from '@onsale/db';
import { ConfigError, createLogger, createRedisConnection, loadApiConfig, PartitionQueues } from '@onsale/shared';
import { createApp } from './app';
import { ReservationUpdates } from './reservations/reservation-updates';

async function main(): Promise<void> {
  const config = loadApiConfig();
  const logger = createLogger({ name: 'onsale-api', level: config.LOG_LEVEL });
  const database = createDatabaseClient(config.DATABASE_URL, { poolSize: config.DB_POOL_SIZE });
  const redis = createRedisConnection(config.REDIS_URL, 'onsale-api');
  const subscriber = createRedisConnection(config.REDIS_URL, 'onsale-api-updates');
  const queues = new PartitionQueues(redis, { keyPrefix: config.KEY_PREFIX, partitionCount: config.PARTITION_COUNT });
  const app = createApp({
    db: database.db,
    queues,
    updates: new ReservationUpdates(subscriber, config.KEY_PREFIX, logger),
    logger,
    jwtSecret: config.JWT_SECRET,
    commandWaitMs: config.COMMAND_WAIT_MS,
    checks: { postgres: database.ping, redis: () => redis.ping() },
  });
  const server = app.listen(config.PORT, () => logger.info({ port: config.PORT }, 'api listening'));
  server.keepAliveTimeout = 65_000;

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'api stopping');
    server.close(async () => {
      await queues.close();
      redis.disconnect();
      subscriber.disconnect();
      await database.close();
      process.exit(0);
    });
    // SSE streams hold connections open; do not wait on them for ever.
    setTimeout(() => process.exit(0), 10_000).unref();
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
