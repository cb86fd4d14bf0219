import type { SqlClient } from './client';

/** Events that have at least one hold past its expiry. */
export async function findEventsWithDueHolds(sql: SqlClient, limit = 1000): Promise<string[]> {
  const rows = await sql<{ eventId: string }[]>`
    SELECT DISTINCT event_id AS "eventId" FROM reservations
    WHERE status = 'held' AND expires_at <= clock_timestamp()
    LIMIT ${limit}`;
  return rows.map((row) => row.eventId);
}

/** Accepted requests still queued after `olderThanMs`: their job may have been lost. */
export async function findStaleQueuedReservations(
  sql: SqlClient,
  olderThanMs: number,
  limit = 1000,
): Promise<{ id: string; eventId: string; requestId: string | null }[]> {
  return sql<{ id: string; eventId: string; requestId: string | null }[]>`
    SELECT id, event_id AS "eventId", request_id AS "requestId" FROM reservations
    WHERE status = 'queued' AND created_at < clock_timestamp() - make_interval(secs => ${olderThanMs / 1000})
    ORDER BY created_at
    LIMIT ${limit}`;
}
