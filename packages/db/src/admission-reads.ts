import type { SqlClient } from './client';
import type { EventBacklog } from './admin-reads';

/** What the API's admission control needs of an event: tickets left per ticket type, and its backlog. */
export interface EventAdmissionSnapshot extends EventBacklog {
  /** Capacity − held − sold, by ticket type id. */
  available: Map<string, number>;
}

/**
 * One statement: the event's counters as the last commit left them, and its queued requests
 * with the age of the oldest (one scan of the partition's queued index, as `readEventBacklog`).
 */
export async function readEventAdmission(sql: SqlClient, eventId: string, partition: number): Promise<EventAdmissionSnapshot> {
  const rows = await sql<{ id: string; available: number; queued: number; oldestQueuedMs: number | null }[]>`
    SELECT t.id, (t.capacity - t.held - t.sold)::int AS available, b.queued, b."oldestQueuedMs"
    FROM ticket_types t, (
      SELECT count(*)::int AS queued,
        (extract(epoch FROM clock_timestamp() - min(created_at)) * 1000)::int AS "oldestQueuedMs"
      FROM reservations
      WHERE partition = ${partition} AND status = 'queued' AND event_id = ${eventId}
    ) b
    WHERE t.event_id = ${eventId}`;
  return {
    available: new Map(rows.map((row) => [row.id, row.available])),
    queued: rows[0]?.queued ?? 0,
    oldestQueuedMs: rows[0]?.oldestQueuedMs ?? null,
  };
}
