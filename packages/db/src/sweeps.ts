import type { SqlClient } from './client';

/** Events that have at least one hold past its expiry. */
export async function findEventsWithDueHolds(sql: SqlClient, limit = 1000): Promise<string[]> {
  const rows = await sql<{ eventId: string }[]>`
    SELECT DISTINCT event_id AS "eventId" FROM reservations
    WHERE status = 'held' AND expires_at <= clock_timestamp()
    LIMIT ${limit}`;
  return rows.map((row) => row.eventId);
}

/** Events with requests still queued after `olderThanMs`: the job that would decide them may have been lost. */
export async function findEventsWithStaleQueued(sql: SqlClient, olderThanMs: number, limit = 1000): Promise<string[]> {
  const rows = await sql<{ eventId: string }[]>`
    SELECT DISTINCT event_id AS "eventId" FROM reservations
    WHERE status = 'queued' AND created_at < clock_timestamp() - make_interval(secs => ${olderThanMs / 1000})
    LIMIT ${limit}`;
  return rows.map((row) => row.eventId);
}
