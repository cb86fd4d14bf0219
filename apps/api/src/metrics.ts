import { queuedBacklog, readEventTickets, readPoolConnections, type Database, type QueuedBacklog } from '@onsale/db';
import type { PartitionQueues } from '@onsale/queue';
import { addPoolGauges, addReachabilityGauge, addReadGauge, cachedReading, createMetricsRegistry, type Sample } from '@onsale/shared';
import type { Request, RequestHandler, Response } from 'express';
import { Counter, Histogram, type Registry } from 'prom-client';

/*
 * What the API exports on GET /metrics: HTTP traffic, requests accepted, and the deployment's
 * state read at scrape time (tickets, backlog, queue states), plus its pool and reachability.
 * Names, labels and meaning: docs/observability.md.
 */

export interface ApiMetricsDeps {
  database: Database;
  queues: PartitionQueues;
  partitionCount: number;
  poolSize: number;
  /** The `application_name` this process's pool connects with. */
  applicationName: string;
  postgresPing: () => Promise<unknown>;
  redisPing: () => Promise<unknown>;
}

/** The label of every request that matched no route: one series, however many URLs are tried. */
export const UNMATCHED_ROUTE = 'unmatched';

/** How long a scrape-time reading of PostgreSQL or Redis is reused. */
const READING_TTL_MS = 1_000;

const BULLMQ_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;

/** The route template a request matched (`/v1/events/:eventId/reservations`), never its URL. */
export function routeTemplateOf(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? `${req.baseUrl}${route.path}` : UNMATCHED_ROUTE;
}

export class ApiMetrics {
  readonly registry: Registry = createMetricsRegistry();

  private readonly httpDuration = new Histogram({
    name: 'onsale_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status: time until the response was written (its _count counts requests)',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly accepted = new Counter({
    name: 'onsale_reservations_accepted_total',
    help: 'Reservation requests recorded as queued (a 202), by event',
    labelNames: ['event_id'],
    registers: [this.registry],
  });

  constructor(deps: ApiMetricsDeps) {
    addReachabilityGauge(this.registry, { postgres: deps.postgresPing, redis: deps.redisPing });
    addPoolGauges(this.registry, deps.poolSize, () => readPoolConnections(deps.database, deps.applicationName));
    this.addDeploymentGauges(deps);
  }

  /** Times every request and counts it by its route template once its response is finished. */
  readonly httpMiddleware: RequestHandler = (req, res, next) => {
    this.timeRequest(req, res);
    next();
  };

  /** Times a request until its response is written; `route` when it is known before routing (a lean route). */
  timeRequest(req: Request, res: Response, route?: string): void {
    const end = this.httpDuration.startTimer();
    res.once('finish', () => end({ method: req.method, route: route ?? routeTemplateOf(req), status: res.statusCode }));
  }

  /** GET /metrics: the Prometheus text format. */
  readonly handler: RequestHandler = async (_req, res) => {
    res.set('Content-Type', this.registry.contentType).send(await this.registry.metrics());
  };

  /** Called by the intake for every request it recorded as queued. */
  readonly recordAccepted = (eventId: string): void => {
    this.accepted.inc({ event_id: eventId });
  };

  private addDeploymentGauges(deps: ApiMetricsDeps): void {
    const backlog = cachedReading(() => queuedBacklog(deps.database), READING_TTL_MS);
    const tickets = cachedReading(() => readEventTickets(deps.database), READING_TTL_MS);
    const jobCounts = cachedReading(
      () => Promise.all(Array.from({ length: deps.partitionCount }, (_, partition) => deps.queues.queue(partition).getJobCounts(...BULLMQ_STATES))),
      READING_TTL_MS,
    );
    const partitions = Array.from({ length: deps.partitionCount }, (_, partition) => String(partition));
    const perPartition = async (value: (group: QueuedBacklog) => number, combine: (a: number, b: number) => number) => {
      const byPartition = new Map(partitions.map((partition) => [partition, 0]));
      for (const group of await backlog()) {
        const partition = String(group.partition);
        byPartition.set(partition, combine(byPartition.get(partition) ?? 0, value(group)));
      }
      return [...byPartition].map(([partition, count]): Sample<'partition'> => [{ partition }, count]);
    };

    addReadGauge(
      this.registry,
      {
        name: 'onsale_tickets',
        help: 'Tickets of each event on sale or paused (ended within the last hour included), by state: available, held, sold',
        labelNames: ['event_id', 'state'],
      },
      async () =>
        (await tickets()).flatMap(({ eventId, capacity, held, sold }): Sample<'event_id' | 'state'>[] => [
          [{ event_id: eventId, state: 'available' }, capacity - held - sold],
          [{ event_id: eventId, state: 'held' }, held],
          [{ event_id: eventId, state: 'sold' }, sold],
        ]),
    );
    addReadGauge(
      this.registry,
      { name: 'onsale_backlog_reservations', help: 'Requests queued for a decision, by partition (every partition, 0 when empty)', labelNames: ['partition'] },
      () => perPartition((group) => group.queued, (a, b) => a + b),
    );
    addReadGauge(
      this.registry,
      { name: 'onsale_backlog_oldest_age_seconds', help: "Age of the partition's oldest queued request (0 when none is queued)", labelNames: ['partition'] },
      () => perPartition((group) => Math.max(0, (Date.now() - group.oldestQueuedAt.getTime()) / 1000), Math.max),
    );
    addReadGauge(
      this.registry,
      {
        name: 'onsale_event_backlog_reservations',
        help: 'Requests queued for a decision, by event (every event the ticket gauges show, 0 when none waits)',
        labelNames: ['event_id'],
      },
      async () => {
        const [groups, shown] = await Promise.all([backlog(), tickets()]);
        const queued = new Map(shown.map(({ eventId }) => [eventId, 0]));
        for (const group of groups) queued.set(group.eventId, (queued.get(group.eventId) ?? 0) + group.queued);
        return [...queued].map(([eventId, count]): Sample<'event_id'> => [{ event_id: eventId }, count]);
      },
    );
    addReadGauge(
      this.registry,
      { name: 'onsale_dead_letters', help: 'Partition jobs set aside as dead letters, waiting for an operator (GET /v1/admin/dead-letters)', labelNames: [] },
      async () => [[{}, await deps.queues.deadLetters.count()]],
    );
    addReadGauge(
      this.registry,
      {
        name: 'onsale_queue_jobs',
        help: 'BullMQ jobs of each partition queue by state (waiting, active, delayed, prioritized, failed)',
        labelNames: ['partition', 'state'],
      },
      async () =>
        (await jobCounts()).flatMap((counts, partition) =>
          BULLMQ_STATES.map((state): Sample<'partition' | 'state'> => [{ partition: String(partition), state }, counts[state] ?? 0]),
        ),
    );
  }
}
