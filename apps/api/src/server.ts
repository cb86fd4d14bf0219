import type { AddressInfo } from 'node:net';
import { createDatabaseClient, type DatabaseClient } from '@onsale/db';
import { createRedisConnection, PartitionQueues, type ApiConfig, type Logger, type RedisConnection } from '@onsale/shared';
import { createApp } from './app';
import type { ReservationIntake } from './reservations/reservation-intake';
import { ReservationUpdates } from './reservations/reservation-updates';

export interface ApiResources {
  database: DatabaseClient;
  redis: RedisConnection;
  queues: PartitionQueues;
}

export interface StartApiOptions {
  /** Replaces Onsale's queued intake (the benchmark's other designs). */
  createIntake?: (resources: ApiResources) => ReservationIntake;
}

/** Starts the HTTP API; `close()` stops accepting, ends open streams and disconnects. */
export async function startApi(config: ApiConfig, logger: Logger, options: StartApiOptions = {}) {
  const database = createDatabaseClient(config.DATABASE_URL, { poolSize: config.DB_POOL_SIZE });
  const redis = createRedisConnection(config, 'onsale-api');
  const subscriber = createRedisConnection(config, 'onsale-api-updates');
  const queues = new PartitionQueues(redis, { keyPrefix: config.KEY_PREFIX, partitionCount: config.PARTITION_COUNT, logger });
  const intake = options.createIntake?.({ database, redis, queues });
  const app = createApp({
    database,
    queues,
    intake,
    updates: new ReservationUpdates(subscriber, config.KEY_PREFIX, logger),
    logger,
    jwtSecret: config.JWT_SECRET,
    commandWaitMs: config.COMMAND_WAIT_MS,
    redisPing: () => redis.ping(),
  });
  const server = app.listen(config.PORT);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  server.keepAliveTimeout = 65_000;
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, 'api listening');

  return {
    port,
    close: async () => {
      // SSE streams hold connections open: close them rather than wait.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await intake?.close?.();
      await queues.close();
      redis.disconnect();
      subscriber.disconnect();
      await database.close();
    },
  };
}
