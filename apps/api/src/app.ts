import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { DatabaseClient } from '@onsale/db';
import type { EventActivityUpdates, PartitionQueues, ReservationUpdates } from '@onsale/queue';
import type { Logger } from '@onsale/shared';
import express from 'express';
import swaggerUi from 'swagger-ui-express';
import { EventCatalog } from './events/event-catalog';
import { addEventRoutes } from './events/event.routes';
import { addHealthRoutes } from './health.routes';
import { addLiveRoutes } from './live/live.routes';
import { LiveEvents } from './live/live-events';
import { createAuthenticate } from './http/authenticate';
import { openApiDocument, prepareRegistry } from './http/openapi';
import { notFoundHandler, problemHandler } from './http/problem';
import { requestLog } from './http/request-log';
import { RouteTable } from './http/route';
import { QueuedIntake } from './reservations/queued-intake';
import { ReservationService } from './reservations/reservation.service';
import { addReservationRoutes } from './reservations/reservation.routes';
import { addStreamTokenRoute } from './reservations/stream-token.routes';
import { StreamTokens } from './reservations/stream-token';

export interface AppDeps {
  database: DatabaseClient;
  queues: PartitionQueues;
  updates: ReservationUpdates;
  logger: Logger;
  jwtSecret: string;
  commandWaitMs: number;
  redisPing: () => Promise<unknown>;
  /** What the workers' commits do to events, for live viewers. */
  activity: EventActivityUpdates;
}

/** An empty route table whose routes authenticate with `jwtSecret` and are documented in one OpenAPI registry. */
export function createRouteTable(jwtSecret: string): RouteTable {
  const registry = new OpenAPIRegistry();
  prepareRegistry(registry);
  return new RouteTable(registry, createAuthenticate(jwtSecret));
}

/** The HTTP shell around a route table: request log, JSON bodies, the OpenAPI document and UI, problem+json errors. */
export function httpApp(routes: RouteTable, logger: Logger): express.Express {
  const document = openApiDocument(routes.registry);
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(logger));
  app.use(express.json({ limit: '64kb', type: ['application/json', 'application/*+json'] }));
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(undefined, { swaggerOptions: { url: '/openapi.json' } }));
  app.use(routes.router);
  app.use(notFoundHandler);
  app.use(problemHandler);
  return app;
}

/** Onsale's API: health, events, and reservations recorded as queued for their partition's writer. */
export function createApp(deps: AppDeps): express.Express {
  const routes = createRouteTable(deps.jwtSecret);
  addHealthRoutes(routes, { postgres: deps.database.ping, redis: deps.redisPing });
  addEventRoutes(routes, deps.database.db);
  const service = new ReservationService({
    database: deps.database,
    queues: deps.queues,
    intake: new QueuedIntake({ sql: deps.database.sql, queues: deps.queues, logger: deps.logger }),
    updates: deps.updates,
    catalog: new EventCatalog(deps.database.db),
    commandWaitMs: deps.commandWaitMs,
  });
  const streamTokens = new StreamTokens(deps.jwtSecret);
  addReservationRoutes(routes, {
    service,
    sql: deps.database.sql,
    updates: deps.updates,
    authenticate: createAuthenticate(deps.jwtSecret),
    streamTokens,
  });
  addStreamTokenRoute(routes, { service, streamTokens });
  const live = new LiveEvents({
    db: deps.database.db,
    sql: deps.database.sql,
    activity: deps.activity,
    partitionOf: (eventId) => deps.queues.partitionOf(eventId),
    logger: deps.logger,
  });
  addLiveRoutes(routes, live);
  return httpApp(routes, deps.logger);
}
