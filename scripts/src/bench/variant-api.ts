import {
  addEventRoutes,
  addHealthRoutes,
  bearerTokenPolicyOf,
  createAuthenticate,
  createRouteTable,
  EventCatalog,
  httpApp,
  listen,
  prepareReservationRequest,
  reservationRequestRoute,
} from '@onsale/api';
import { createDatabase, type Database } from '@onsale/db';
import { createRedisConnection, partitionFor, type RedisConnection } from '@onsale/queue';
import { createLogger, loadApiConfig, reservationView, runUntilSignalled, type ApiConfig } from '@onsale/shared';
import { z } from 'zod';
import { IngressCeilingIntake, QueueCeilingIntake, SyncLockIntake, type BenchIntake } from './intakes';

/*
 * The API process of the benchmark's other designs: Onsale's health and event routes, and its
 * reservation route with the same authentication, validation and event lookup, answered by the
 * intake BENCH_VARIANT names instead of the queued one.
 */

const variant = z.enum(['sync-lock', 'ingress-ceiling', 'queue-ceiling']).parse(process.env.BENCH_VARIANT);

function intakeFor(config: ApiConfig, database: Database, redis: RedisConnection): BenchIntake {
  switch (variant) {
    case 'sync-lock':
      return new SyncLockIntake(database);
    case 'ingress-ceiling':
      return new IngressCeilingIntake();
    case 'queue-ceiling':
      return new QueueCeilingIntake(redis, { keyPrefix: config.KEY_PREFIX });
  }
}

runUntilSignalled(async () => {
  const config = loadApiConfig();
  const logger = createLogger({ name: `onsale-bench-${variant}`, level: config.LOG_LEVEL });
  const database = createDatabase(config.DATABASE_URL, { poolSize: config.DB_POOL_SIZE });
  const redis = createRedisConnection(config, `onsale-bench-${variant}`);
  const intake = intakeFor(config, database, redis);
  const catalog = new EventCatalog(database);
  const partitionOf = (eventId: string) => partitionFor(eventId, config.PARTITION_COUNT);

  const routes = createRouteTable(createAuthenticate(bearerTokenPolicyOf(config)));
  addHealthRoutes(routes, { postgres: database.ping, redis: () => redis.ping() });
  addEventRoutes(routes, database);
  routes.add({
    ...reservationRequestRoute,
    responses: { ...reservationRequestRoute.responses, 201: { description: 'Decided inline (sync-lock)', schema: reservationView } },
    handle: async ({ params, body, headers, principal, requestId, log }) => {
      const request = await prepareReservationRequest({ catalog, partitionOf, findSeats: async () => [] }, { principal, requestId, log }, params.eventId, body, headers['Idempotency-Key']);
      return intake.accept(request, body);
    },
  });
  const { port, drain } = await listen(httpApp(routes, logger), config.PORT);
  logger.info({ port, variant }, 'bench api listening');

  return {
    logger,
    graceMs: config.SHUTDOWN_GRACE_MS,
    close: async () => {
      await drain(config.SHUTDOWN_GRACE_MS);
      await intake.close?.();
      redis.disconnect();
      await database.close();
    },
  };
});
