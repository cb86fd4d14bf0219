import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { DatabaseClient } from '@onsale/db';
import type { Logger, PartitionQueues } from '@onsale/shared';
import express from 'express';
import swaggerUi from 'swagger-ui-express';
import { EventCatalog } from './events/event-catalog';
import { addEventRoutes } from './events/event.routes';
import { addHealthRoutes } from './health.routes';
import { createAuthenticate } from './http/authenticate';
import { openApiDocument, prepareRegistry } from './http/openapi';
import { notFoundHandler, problemHandler } from './http/problem';
import { requestLog } from './http/request-log';
import { RouteTable } from './http/route';
import { QueuedIntake } from './reservations/queued-intake';
import type { ReservationIntake } from './reservations/reservation-intake';
import { ReservationService } from './reservations/reservation.service';
import { addReservationRoutes } from './reservations/reservation.routes';
import type { ReservationUpdates } from './reservations/reservation-updates';

export interface AppDeps {
  database: DatabaseClient;
  queues: PartitionQueues;
  updates: ReservationUpdates;
  logger: Logger;
  jwtSecret: string;
  commandWaitMs: number;
  redisPing: () => Promise<unknown>;
  /** Where accepted requests go; Onsale's queued intake unless the benchmark swaps in another design. */
  intake?: ReservationIntake;
}

export function createApp(deps: AppDeps): express.Express {
  const registry = new OpenAPIRegistry();
  prepareRegistry(registry);
  const routes = new RouteTable(registry, createAuthenticate(deps.jwtSecret));
  addHealthRoutes(routes, { postgres: deps.database.ping, redis: deps.redisPing });
  addEventRoutes(routes, deps.database.db);
  const service = new ReservationService({
    database: deps.database,
    queues: deps.queues,
    intake: deps.intake ?? new QueuedIntake({ sql: deps.database.sql, queues: deps.queues, logger: deps.logger }),
    updates: deps.updates,
    catalog: new EventCatalog(deps.database.db),
    commandWaitMs: deps.commandWaitMs,
  });
  addReservationRoutes(routes, { service, sql: deps.database.sql, updates: deps.updates });
  const document = openApiDocument(registry);

  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(deps.logger));
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
