import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Database } from '@onsale/db';
import type { EventActivityUpdates, PartitionQueues, RedisConnection, ReservationUpdates } from '@onsale/queue';
import { DEFAULT_DB_WAIT_MS, DEFAULT_WAITLIST_OFFER_TTL_SECONDS, type Logger } from '@onsale/shared';
import express from 'express';
import swaggerUi from 'swagger-ui-express';
import { EventCatalog } from './events/event-catalog';
import { addAdminRoutes } from './admin/admin.routes';
import { addDeadLetterRoutes } from './admin/dead-letter.routes';
import { addWebhookRoutes } from './admin/webhook.routes';
import { addEventRoutes } from './events/event.routes';
import { SeatMapCache } from './events/seat-map-cache';
import { addSeatMapRoutes } from './events/seat-map.routes';
import { addDrawRoutes } from './events/draw.routes';
import { AdminSessions } from './admin/admin-session';
import { addAdminSessionRoutes } from './admin/admin-session.routes';
import { adminRouter } from './admin/admin.router';
import { addHealthRoutes } from './health.routes';
import { addLiveRoutes } from './live/live.routes';
import { LiveEvents } from './live/live-events';
import { corsPolicy } from './http/cors';
import { createAuthenticate, type Authenticate, type BearerTokenPolicy } from './http/authenticate';
import { openApiDocument, prepareRegistry } from './http/openapi';
import { serveLeanRoutesFirst } from './http/lean-routes';
import { notFoundHandler, problemHandler } from './http/problem';
import { RateLimits, type RateLimitSettings } from './http/rate-limit';
import { requestLog, SuccessSampling } from './http/request-log';
import { securityHeaders } from './http/security-headers';
import { RouteTable } from './http/route';
import type { ApiMetrics } from './metrics';
import { EventStates } from './event-state/event-states';
import { EventAdmissions, type AdmissionSettings } from './reservations/event-admission';
import { ReservationCache } from './reservations/reservation-cache';
import { ReservationPolls } from './reservations/reservation-polls';
import { QueuedIntake } from './reservations/queued-intake';
import { ReservationService } from './reservations/reservation.service';
import { addReservationRoutes } from './reservations/reservation.routes';
import { addWaitlistRoutes } from './waitlist/waitlist.routes';
import { addStreamTokenRoute } from './reservations/stream-token.routes';
import { StreamTokens } from './reservations/stream-token';

export interface AppDeps {
  database: Database;
  queues: PartitionQueues;
  updates: ReservationUpdates;
  logger: Logger;
  /** Signs the API's own short-lived tokens (admin session, stream tokens); verifies bearer tokens unless `bearerTokens` says how. */
  jwtSecret: string;
  /** How bearer tokens are verified; by default HS256 with `jwtSecret`. */
  bearerTokens?: BearerTokenPolicy;
  /** The largest JSON body accepted (default 64 KiB); a larger one is a 413. */
  maxBodyBytes?: number;
  /** Origins whose pages may call the API (CORS_ORIGINS); none by default. */
  corsOrigins?: readonly string[];
  commandWaitMs: number;
  /** How long a reservation request waits for PostgreSQL before a 503 (default DEFAULT_DB_WAIT_MS). */
  databaseWaitMs?: number;
  redisPing: () => Promise<unknown>;
  /** How long a browser admin session lasts (default 900 s). */
  adminSessionTtlSeconds?: number;
  /** Prometheus metrics and GET /metrics; none when METRICS_ENABLED is false. */
  metrics?: ApiMetrics;
  /** What the workers' commits do to events, for live viewers and admission control. */
  activity: EventActivityUpdates;
  /** The per-event states, when the caller closes them at shutdown (`startApi`); default: the app's own, over `activity`. */
  states?: EventStates;
  /** How long a seat map read is served after its version moved (SEAT_MAP_REFRESH_MS); default 0, always the newest. */
  seatMapRefreshMs?: number;
  /** How long a waitlist offer holds its tickets (WAITLIST_OFFER_TTL_SECONDS); default DEFAULT_WAITLIST_OFFER_TTL_SECONDS. */
  waitlistOfferTtlSeconds?: number;
  /** The intake, when the caller drains it at shutdown (`startApi`); default: the app's own. */
  intake?: QueuedIntake;
  /** Sold out at once, backpressure, the per-customer cap on queued requests; all off when absent. */
  admission?: AdmissionSettings & { maxQueuedPerCustomer: number };
  /** Whether the lean routes (buy, poll, the seat map) are served before Express's router (LEAN_ROUTES); default true. */
  leanRoutes?: boolean;
  /** The share of successful requests logged (LOG_SUCCESS_SAMPLE); default 1, every one. */
  logSuccessSample?: number;
  /** Rate limits counted in `redis` under `keyPrefix`; none when absent. */
  rateLimits?: RateLimitSettings & { redis: RedisConnection; keyPrefix: string };
}

/** An empty route table whose routes authenticate with `authenticate` and are documented in one OpenAPI registry. */
export function createRouteTable(authenticate: Authenticate): RouteTable {
  const registry = new OpenAPIRegistry();
  prepareRegistry(registry);
  return new RouteTable(registry, authenticate);
}

/** The HTTP shell around a route table: request log, JSON bodies, the OpenAPI document and UI, problem+json errors. */
export function httpApp(
  routes: RouteTable,
  logger: Logger,
  metrics?: ApiMetrics,
  options: { maxBodyBytes?: number; corsOrigins?: readonly string[]; logSuccessSample?: number; leanRoutes?: boolean } = {},
): express.Express {
  const document = openApiDocument(routes.registry);
  const app = express();
  app.disable('x-powered-by');
  // Express would hash every body for a weak ETag; the API's answers are no-store, and the one
  // route that revalidates (the seat map) sets its own ETag from the map's version.
  app.disable('etag');
  const json = express.json({ limit: options.maxBodyBytes ?? 65_536, type: ['application/json', 'application/*+json'] });
  // A preflight is answered here, and every answer to an allowed origin says so (the lean routes' too).
  const cors = corsPolicy(options.corsOrigins ?? []);
  if (cors) app.use(cors);
  // One count for both paths: one success in so many is logged, lean or routed.
  const sampling = options.logSuccessSample !== undefined && options.logSuccessSample < 1 ? new SuccessSampling(options.logSuccessSample) : undefined;
  // LEAN_ROUTES=false: the lean routes are routed like the others (the benchmark's ablation measures what the lean path saves).
  if (options.leanRoutes !== false) serveLeanRoutesFirst(app, routes, { logger, sampling, metrics, json, cors });
  app.use(requestLog(logger, sampling));
  app.use(securityHeaders);
  if (metrics) {
    app.use(metrics.httpMiddleware);
    app.get('/metrics', metrics.handler);
  }
  app.use(json);
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
  const adminSessions = new AdminSessions(deps.jwtSecret, deps.adminSessionTtlSeconds ?? 900);
  const routes = apiRoutes(deps, adminSessions);
  // The queues board is pages, not API: served beside the table's routes, not in its document.
  routes.router.use(adminRouter(adminSessions, deps.queues));
  const { maxBodyBytes, corsOrigins, logSuccessSample, leanRoutes } = deps;
  return httpApp(routes, deps.logger, deps.metrics, { maxBodyBytes, corsOrigins, logSuccessSample, leanRoutes });
}

/** Every route of the API on one table: what createApp serves, and what /openapi.json documents. */
export function apiRoutes(deps: AppDeps, adminSessions = new AdminSessions(deps.jwtSecret, 900)): RouteTable {
  const authenticate = createAuthenticate(deps.bearerTokens ?? { secret: deps.jwtSecret });
  const routes = createRouteTable(authenticate);
  const limits = deps.rateLimits && limitRates(routes, deps.rateLimits, deps.logger);
  const databaseWaitMs = deps.databaseWaitMs ?? DEFAULT_DB_WAIT_MS;
  addHealthRoutes(routes, { postgres: deps.database.ping, redis: deps.redisPing });
  addEventRoutes(routes, deps.database);
  addDrawRoutes(routes, deps.database);
  const states = deps.states ?? new EventStates({ database: deps.database, activity: deps.activity, logger: deps.logger });
  addSeatMapRoutes(routes, { database: deps.database, seatMaps: new SeatMapCache({ database: deps.database, states, refreshMs: deps.seatMapRefreshMs }) });
  const admissions = new EventAdmissions(states, deps.admission ?? { maxWaitSeconds: 0, soldOutImmediate: false });
  const polls = new ReservationPolls({ database: deps.database, states, cache: new ReservationCache() });
  const service = new ReservationService({
    database: deps.database,
    queues: deps.queues,
    intake:
      deps.intake ??
      new QueuedIntake({
        database: deps.database,
        queues: deps.queues,
        logger: deps.logger,
        onAccepted: deps.metrics?.recordAccepted,
        deadlineMs: databaseWaitMs,
        maxQueuedPerCustomer: deps.admission?.maxQueuedPerCustomer || undefined,
      }),
    admissions,
    polls,
    updates: deps.updates,
    catalog: new EventCatalog(deps.database, { waitMs: databaseWaitMs }),
    commandWaitMs: deps.commandWaitMs,
  });
  const streamTokens = new StreamTokens(deps.jwtSecret);
  addReservationRoutes(routes, {
    service,
    database: deps.database,
    updates: deps.updates,
    polls,
    authenticate,
    streamTokens,
  });
  addStreamTokenRoute(routes, { service, streamTokens });
  addWaitlistRoutes(routes, {
    database: deps.database,
    states,
    reservations: service,
    offerTtlSeconds: deps.waitlistOfferTtlSeconds ?? DEFAULT_WAITLIST_OFFER_TTL_SECONDS,
  });
  const live = new LiveEvents({ database: deps.database, states });
  addLiveRoutes(routes, live);
  addAdminRoutes(routes, deps.database);
  addDeadLetterRoutes(routes, deps.queues);
  addWebhookRoutes(routes, deps.database);
  addAdminSessionRoutes(routes, adminSessions);
  // What no route answered (the queues board, a 404) still waits for its address's count.
  if (limits) routes.router.use(limits.admitUnrouted);
  return routes;
}

/** Every request counts against its client address before any route runs; authenticated ones against their customer too. */
function limitRates(routes: RouteTable, settings: NonNullable<AppDeps['rateLimits']>, logger: Logger): RateLimits {
  const limits = new RateLimits(settings, { redis: settings.redis, keyPrefix: settings.keyPrefix, logger });
  routes.countRequests(limits.countAddress);
  routes.admitRequests((req, res, principal) => limits.admit(req, res, principal));
  return limits;
}
