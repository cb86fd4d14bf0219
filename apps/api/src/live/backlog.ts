import type { SqlClient } from '@onsale/db';

export interface Backlog {
  queued: number;
  oldestQueuedMs: number | null;
}

/** An event's queued requests and the age of the oldest: one scan of its partition's queued index. */
export async function readBacklog(sql: SqlClient, eventId: string, partition: number): Promise<Backlog> {
  const [row] = await sql<{ queued: number; oldestQueuedMs: number | null }[]>`
    SELECT count(*)::int AS queued,
      (extract(epoch FROM clock_timestamp() - min(created_at)) * 1000)::int AS "oldestQueuedMs"
    FROM reservations
    WHERE partition = ${partition} AND status = 'queued' AND event_id = ${eventId}`;
  return { queued: row!.queued, oldestQueuedMs: row!.oldestQueuedMs };
}
