import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { hostname } from 'node:os';
import { applicationName, claimPartitionCountAtStart, createDatabaseClient } from '@onsale/db';
import { createRedisConnection, EventActivityUpdates, PartitionQueues, ReservationUpdates } from '@onsale/queue';
import { exitOnFatal, type ApiConfig, type Logger } from '@onsale/shared';
import type express from 'express';
import { createApp } from './app';
import { answerClientErrorsAsProblems, limitSlowClients } from './http/client-errors';
import { ApiMetrics } from './metrics';

/** Listens on `port` (0: any free one) and resolves once it does. */
export async function listen(app: express.Express, port: number): Promise<{ server: Server; port: number }> {
  const server = app.listen(port);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  server.keepAliveTimeout = 65_000;
  limitSlowClients(server);
  answerClientErrorsAsProblems(server);
  return { server, port: (server.address() as AddressInfo).port };
}

/** Stops accepting and closes every connection, SSE streams included, rather than wait for them. */
export async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

/** Starts the HTTP API; `close()` stops accepting, ends open streams and disconnects. */
export async function startApi(config: ApiConfig, logger: Logger, options: { onFatal?: (error: Error) => void } = {}) {
  const poolName = applicationName('api', `${hostname()}-${process.pid}`);
  const database = createDatabaseClient(config.DATABASE_URL, { poolSize: config.DB_POOL_SIZE, applicationName: poolName });
  const stopClaiming = await claimPartitionCountAtStart(database, config.PARTITION_COUNT, options.onFatal ?? exitOnFatal(logger));
  const redis = createRedisConnection(config, 'onsale-api');
  const subscriber = createRedisConnection(config, 'onsale-api-updates');
  const queues = new PartitionQueues(redis, { keyPrefix: config.KEY_PREFIX, partitionCount: config.PARTITION_COUNT, logger });
  const app = createApp({
    database,
    queues,
    updates: new ReservationUpdates(subscriber, config.KEY_PREFIX, logger),
    logger,
    jwtSecret: config.JWT_SECRET,
    commandWaitMs: config.COMMAND_WAIT_MS,
    adminSessionTtlSeconds: config.ADMIN_SESSION_TTL_SECONDS,
    redisPing: () => redis.ping(),
    metrics: config.METRICS_ENABLED
      ? new ApiMetrics({
          sql: database.sql,
          queues,
          partitionCount: config.PARTITION_COUNT,
          poolSize: config.DB_POOL_SIZE,
          applicationName: poolName,
          postgresPing: database.ping,
          redisPing: () => redis.ping(),
        })
      : undefined,
    activity: new EventActivityUpdates(subscriber, config.KEY_PREFIX, logger),
    admission: {
      maxWaitSeconds: config.ADMISSION_MAX_WAIT_SECONDS,
      soldOutImmediate: config.ADMISSION_SOLD_OUT_IMMEDIATE,
      maxQueuedPerCustomer: config.MAX_QUEUED_PER_CUSTOMER,
    },
    rateLimits: config.RATE_LIMIT_ENABLED
      ? {
          redis,
          keyPrefix: config.KEY_PREFIX,
          windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
          customerWrites: config.RATE_LIMIT_CUSTOMER_WRITES,
          customerReads: config.RATE_LIMIT_CUSTOMER_READS,
          perIp: config.RATE_LIMIT_PER_IP,
        }
      : undefined,
  });
  // Behind a load balancer, the client's address (the per-address rate limit's key) is in X-Forwarded-For.
  app.set('trust proxy', config.TRUST_PROXY_HOPS);
  const { server, port } = await listen(app, config.PORT);
  logger.info({ port }, 'api listening');

  return {
    port,
    close: async () => {
      stopClaiming();
      await closeServer(server);
      await queues.close();
      redis.disconnect();
      subscriber.disconnect();
      await database.close();
    },
  };
}
