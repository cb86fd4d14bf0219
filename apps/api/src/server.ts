import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { hostname } from 'node:os';
import { applicationName, claimPartitionCountAtStart, createDatabase } from '@onsale/db';
import { createRedisConnection, EventActivityUpdates, PartitionQueues, ReservationUpdates } from '@onsale/queue';
import { corsOriginsOf, exitOnFatal, type ApiConfig, type Logger } from '@onsale/shared';
import type express from 'express';
import { EventStates } from './event-state/event-states';
import { createApp } from './app';
import { QueuedIntake } from './reservations/queued-intake';
import { bearerTokenPolicyOf, sessionSecretOf } from './http/authenticate';
import { answerClientErrorsAsProblems, limitSlowClients } from './http/client-errors';
import { drainableServer, type DrainResult } from './http/graceful-close';
import { expressServer } from './http/lean-routes';
import { ApiMetrics } from './metrics';

export interface ListeningServer {
  server: Server;
  port: number;
  /** Stops accepting, answers what is in flight for up to `graceMs`, ends event streams, then closes the rest. */
  drain(graceMs: number): Promise<DrainResult>;
}

/**
 * Connections the kernel may hold for the API before it accepts them (capped by
 * net.core.somaxconn, 4096 on current Linux). Node's default, 511, overflows when thousands of
 * buyers connect in the same second: the connections past it are reset, and each buyer retries.
 */
const LISTEN_BACKLOG = 4_096;

/** Listens on `port` (0: any free one) and resolves once it does. */
export async function listen(app: express.Express, port: number): Promise<ListeningServer> {
  const server = expressServer(app).listen({ port, backlog: LISTEN_BACKLOG });
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  server.keepAliveTimeout = 65_000;
  limitSlowClients(server);
  answerClientErrorsAsProblems(server);
  const { drain } = drainableServer(server);
  return { server, port: (server.address() as AddressInfo).port, drain };
}

/** Starts the HTTP API; `close()` stops accepting, answers what is in flight, ends open streams and disconnects. */
export async function startApi(config: ApiConfig, logger: Logger, options: { onFatal?: (error: Error) => void } = {}) {
  const poolName = applicationName('api', `${hostname()}-${process.pid}`);
  const database = createDatabase(config.DATABASE_URL, { poolSize: config.DB_POOL_SIZE, applicationName: poolName });
  const stopClaiming = await claimPartitionCountAtStart(database, config.PARTITION_COUNT, options.onFatal ?? exitOnFatal(logger));
  const redis = createRedisConnection(config, 'onsale-api');
  const subscriber = createRedisConnection(config, 'onsale-api-updates');
  // Two rate-limit counts per request: on a connection of their own, concurrent requests' counts share socket writes.
  const counters = createRedisConnection(config, 'onsale-api-rate-limits', { autoPipelining: true });
  const queues = new PartitionQueues(redis, { keyPrefix: config.KEY_PREFIX, partitionCount: config.PARTITION_COUNT, logger });
  const metrics = config.METRICS_ENABLED
    ? new ApiMetrics({
        database,
        queues,
        partitionCount: config.PARTITION_COUNT,
        poolSize: config.DB_POOL_SIZE,
        applicationName: poolName,
        postgresPing: database.ping,
        redisPing: () => redis.ping(),
      })
    : undefined;
  const intake = new QueuedIntake({
    database,
    queues,
    logger,
    onAccepted: metrics?.recordAccepted,
    deadlineMs: config.DB_WAIT_MS,
    maxQueuedPerCustomer: config.MAX_QUEUED_PER_CUSTOMER || undefined,
  });
  // Every `ready` after the first is a reconnect: Redis may be back without the jobs of the requests recorded before.
  const requeueAfterReconnect = () => {
    intake.requeueWaiting().catch((error: unknown) => logger.error({ err: error }, 'requeueing after a Redis reconnect failed'));
  };
  redis.once('ready', () => redis.on('ready', requeueAfterReconnect));
  const activity = new EventActivityUpdates(subscriber, config.KEY_PREFIX, logger);
  const states = new EventStates({ database, activity, logger, refreshMs: config.EVENT_STATE_REFRESH_MS });
  const app = createApp({
    database,
    queues,
    updates: new ReservationUpdates(subscriber, config.KEY_PREFIX, logger),
    logger,
    jwtSecret: sessionSecretOf(config),
    bearerTokens: bearerTokenPolicyOf(config),
    maxBodyBytes: config.MAX_BODY_BYTES,
    corsOrigins: corsOriginsOf(config.CORS_ORIGINS),
    seatMapRefreshMs: config.SEAT_MAP_REFRESH_MS,
    waitlistOfferTtlSeconds: config.WAITLIST_OFFER_TTL_SECONDS,
    commandWaitMs: config.COMMAND_WAIT_MS,
    databaseWaitMs: config.DB_WAIT_MS,
    adminSessionTtlSeconds: config.ADMIN_SESSION_TTL_SECONDS,
    redisPing: () => Promise.all([redis.ping(), counters.ping()]),
    metrics,
    intake,
    activity,
    states,
    admission: {
      maxWaitSeconds: config.ADMISSION_MAX_WAIT_SECONDS,
      soldOutImmediate: config.ADMISSION_SOLD_OUT_IMMEDIATE,
      maxQueuedPerCustomer: config.MAX_QUEUED_PER_CUSTOMER,
    },
    logSuccessSample: config.LOG_SUCCESS_SAMPLE,
    leanRoutes: config.LEAN_ROUTES,
    rateLimits: config.RATE_LIMIT_ENABLED
      ? {
          redis: counters,
          keyPrefix: config.KEY_PREFIX,
          windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
          customerWrites: config.RATE_LIMIT_CUSTOMER_WRITES,
          customerReads: config.RATE_LIMIT_CUSTOMER_READS,
          perIp: config.RATE_LIMIT_PER_IP,
          reconcileMs: config.RATE_LIMIT_RECONCILE_MS,
          writesCountedHere: config.RATE_LIMIT_WRITES_COUNTED_HERE,
        }
      : undefined,
  });
  // Behind a load balancer, the client's address (the per-address rate limit's key) is in X-Forwarded-For.
  app.set('trust proxy', config.TRUST_PROXY_HOPS);
  const { port, drain } = await listen(app, config.PORT);
  logger.info({ port }, 'api listening');

  return {
    port,
    /**
     * Graceful: no new connections; requests in flight (and so the write batcher's) answered within
     * SHUTDOWN_GRACE_MS, event streams ended; then the `decide` jobs of the last batches added
     * before Redis is let go, so that no accepted request is left to the requeue sweep.
     */
    close: async () => {
      stopClaiming();
      redis.off('ready', requeueAfterReconnect);
      const drained = await drain(config.SHUTDOWN_GRACE_MS);
      await intake.drain();
      // Requests cut off by the grace period are worth a warning; a clean drain is routine.
      if (drained.forced > 0) logger.warn(drained, 'http drained');
      else logger.info(drained, 'http drained');
      await queues.close();
      await states.close();
      redis.disconnect();
      subscriber.disconnect();
      counters.disconnect();
      await database.close();
    },
  };
}
