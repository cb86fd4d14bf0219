import type { Database } from './client';
import { selectReservations, type ReservationWithItems } from './reservation-reads';

export interface QueuedBacklog {
  eventId: string;
  eventName: string;
  partition: number;
  queued: number;
  /** When the oldest request still queued was recorded. */
  oldestQueuedAt: Date;
}

/**
 * Requests still queued, per event (with its partition): one scan of the partial index on queued
 * requests, so its cost follows the backlog, not the table.
 */
export async function queuedBacklog({ sql }: Database): Promise<QueuedBacklog[]> {
  const rows = await sql<(Omit<QueuedBacklog, 'oldestQueuedAt'> & { oldestQueuedAt: string })[]>`
    SELECT q.event_id AS "eventId", e.name AS "eventName", q.partition, q.queued, q.oldest AS "oldestQueuedAt"
    FROM (
      SELECT event_id, partition, count(*)::int AS queued, min(created_at) AS oldest
      FROM reservations WHERE status = 'queued' GROUP BY event_id, partition
    ) q JOIN events e ON e.id = q.event_id
    ORDER BY q.partition, q.oldest`;
  return rows.map((row) => ({ ...row, oldestQueuedAt: new Date(row.oldestQueuedAt) }));
}

/**
 * An event's confirmed reservations in arrival order, `limit` at a time after the arrival
 * `afterArrival`; with the event's total, so an export can show its progress.
 */
export async function confirmedSales(
  { sql }: Database,
  eventId: string,
  page: { limit: number; afterArrival?: string },
): Promise<{ sales: ReservationWithItems[]; lastArrival: string | undefined; total: number }> {
  const after = page.afterArrival ? sql`AND r.arrival > ${page.afterArrival}` : sql``;
  const [rows, [counted]] = await Promise.all([
    sql<{ id: string; arrival: string }[]>`
      SELECT r.id, r.arrival::text AS arrival FROM reservations r
      WHERE r.event_id = ${eventId} AND r.status = 'confirmed' ${after}
      ORDER BY r.arrival LIMIT ${page.limit}`,
    sql<{ total: number }[]>`SELECT count(*)::int AS total FROM reservations WHERE event_id = ${eventId} AND status = 'confirmed'`,
  ]);
  const sales = rows.length === 0 ? [] : await selectReservations(sql, sql`r.id IN ${sql(rows.map((row) => row.id))}`, sql`ORDER BY r.arrival`);
  // As text: arrival is a bigint, and the cursor must survive the round trip exactly.
  return { sales, lastArrival: rows.at(-1)?.arrival, total: counted!.total };
}

export interface EventBacklog {
  queued: number;
  oldestQueuedMs: number | null;
}

/** An event's queued requests and the age of the oldest: one scan of its partition's queued index. */
export async function readEventBacklog({ sql }: Database, eventId: string, partition: number): Promise<EventBacklog> {
  const [row] = await sql<{ queued: number; oldestQueuedMs: number | null }[]>`
    SELECT count(*)::int AS queued,
      (extract(epoch FROM clock_timestamp() - min(created_at)) * 1000)::int AS "oldestQueuedMs"
    FROM reservations
    WHERE partition = ${partition} AND status = 'queued' AND event_id = ${eventId}`;
  return { queued: row!.queued, oldestQueuedMs: row!.oldestQueuedMs };
}
