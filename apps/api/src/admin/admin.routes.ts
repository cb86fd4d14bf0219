import { confirmedSales, queuedBacklog, type Database, type QueuedBacklog } from '@onsale/db';
import { toReservationView } from '@onsale/domain';
import { backlogView, eventIdParams, salesPage, salesQuery, type BacklogView } from '@onsale/shared';
import type { RouteTable } from '../http/route';

const tags = ['admin'];

/** The per-event backlog, and its sum per partition (events, requests, oldest of them). */
function toBacklogView(rows: QueuedBacklog[], readAt: Date): BacklogView {
  const ageMs = (at: Date) => Math.max(0, readAt.getTime() - at.getTime());
  const partitions = new Map<number, { partition: number; events: number; queued: number; oldestQueuedAt: Date }>();
  for (const row of rows) {
    const partition = partitions.get(row.partition) ?? { partition: row.partition, events: 0, queued: 0, oldestQueuedAt: row.oldestQueuedAt };
    partition.events += 1;
    partition.queued += row.queued;
    if (row.oldestQueuedAt < partition.oldestQueuedAt) partition.oldestQueuedAt = row.oldestQueuedAt;
    partitions.set(row.partition, partition);
  }
  return {
    readAt: readAt.toISOString(),
    partitions: [...partitions.values()].map((p) => ({ ...p, oldestQueuedAt: p.oldestQueuedAt.toISOString(), oldestQueuedAgeMs: ageMs(p.oldestQueuedAt) })),
    events: rows.map((row) => ({ ...row, oldestQueuedAt: row.oldestQueuedAt.toISOString(), oldestQueuedAgeMs: ageMs(row.oldestQueuedAt) })),
  };
}

/** What operators read: the queued backlog, and an event's sales for export. */
export function addAdminRoutes(routes: RouteTable, database: Database): void {
  routes.add({
    method: 'get',
    path: '/v1/admin/backlog',
    operationId: 'getBacklog',
    summary: 'Requests still queued, per partition and per event, with the age of the oldest',
    tags,
    access: 'admin',
    responses: {
      200: { description: 'The backlog, read from PostgreSQL', schema: backlogView },
      401: { description: 'No valid token' },
      403: { description: 'Not an admin' },
    },
    handle: async () => ({ status: 200, body: toBacklogView(await queuedBacklog(database), new Date()) }),
  });

  routes.add({
    method: 'get',
    path: '/v1/admin/events/:eventId/sales',
    operationId: 'listSales',
    summary: "An event's confirmed reservations in arrival order, a page at a time",
    tags,
    access: 'admin',
    params: eventIdParams,
    query: salesQuery,
    responses: {
      200: { description: 'A page of sales', schema: salesPage },
      400: { description: 'Invalid event id, limit or cursor' },
      401: { description: 'No valid token' },
      403: { description: 'Not an admin' },
    },
    handle: async ({ params, query }) => {
      const { sales, lastArrival, total } = await confirmedSales(database, params.eventId, { limit: query.limit, afterArrival: query.cursor });
      const nextCursor = sales.length === query.limit && lastArrival ? lastArrival : null;
      return { status: 200, body: { items: sales.map(toReservationView), nextCursor, total } };
    },
  });
}
