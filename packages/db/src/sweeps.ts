import { sql } from 'drizzle-orm';
import type { Queryable } from './client';

/** Events that have at least one hold past its expiry. */
export async function findEventsWithDueHolds(db: Queryable, limit = 1000): Promise<string[]> {
  const rows = await db.execute<{ event_id: string }>(sql`
    SELECT DISTINCT event_id FROM reservations
    WHERE status = 'held' AND expires_at <= clock_timestamp()
    LIMIT ${limit}`);
  return rows.map((row) => row.event_id);
}

/** Accepted requests still queued after `olderThanMs`: their job may have been lost. */
export async function findStaleQueuedReservations(
  db: Queryable,
  olderThanMs: number,
  limit = 1000,
): Promise<{ id: string; eventId: string; requestId: string | null }[]> {
  const rows = await db.execute<{ id: string; event_id: string; request_id: string | null }>(sql`
    SELECT id, event_id, request_id FROM reservations
    WHERE status = 'queued' AND created_at < clock_timestamp() - make_interval(secs => ${olderThanMs / 1000})
    ORDER BY created_at
    LIMIT ${limit}`);
  return rows.map((row) => ({ id: row.id, eventId: row.event_id, requestId: row.request_id }));
}
