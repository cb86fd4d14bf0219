import type { Connection } from './client';

/**
 * How far an event's queue has been decided, as of one snapshot. Places are handed out in commit
 * order (`event_queues`) and decided in that order, so the decided requests are every place up to
 * `settledThrough`, plus the few queued requests cancelled out of turn.
 */
export interface QueueProgress {
  eventId: string;
  /** Every request of the event with a place up to this one is settled (decided or withdrawn). */
  settledThrough: number;
  /** The tickets those requests asked for (all ticket types). */
  ticketsSettledThrough: number;
  /** The last place handed out, and the tickets asked for through it. */
  lastSeq: number;
  lastTickets: number;
  /** Places past `settledThrough` that left the queue already: requests cancelled while queued. */
  settledOutOfTurn: { seq: number; tickets: number }[];
}

/**
 * The queue progress of each event that has one, in one statement: through the queued requests'
 * place index (the head), and the cancelled ones' (out of turn). Read after a commit's writes, in
 * its transaction, it is exactly what that commit leaves.
 */
export async function readQueueProgress(sql: Connection, eventIds: readonly string[]): Promise<QueueProgress[]> {
  if (eventIds.length === 0) return [];
  const rows = await sql<
    { eventId: string; lastSeq: number; lastTickets: number; headSeq: number | null; headTicketsBefore: number | null; outOfTurn: { seq: number; tickets: number }[] | null }[]
  >`
    SELECT q.event_id AS "eventId", q.last_seq::float8 AS "lastSeq", q.last_tickets::float8 AS "lastTickets",
      head.queue_seq::float8 AS "headSeq", head.tickets_before::float8 AS "headTicketsBefore",
      (SELECT json_agg(json_build_object('seq', c.queue_seq,
                'tickets', (SELECT coalesce(sum(i.quantity), 0) FROM reservation_items i WHERE i.reservation_id = c.id))
              ORDER BY c.queue_seq)
       FROM reservations c
       WHERE c.event_id = q.event_id AND c.status = 'cancelled' AND c.queue_seq IS NOT NULL AND c.queue_seq > head.queue_seq) AS "outOfTurn"
    FROM event_queues q
    LEFT JOIN LATERAL (
      SELECT r.queue_seq, r.tickets_before FROM reservations r
      WHERE r.event_id = q.event_id AND r.status = 'queued' AND r.queue_seq IS NOT NULL
      ORDER BY r.queue_seq LIMIT 1
    ) head ON true
    WHERE q.event_id = ANY(${eventIds as string[]}::uuid[])`;
  return rows.map((row) => ({
    eventId: row.eventId,
    settledThrough: row.headSeq === null ? row.lastSeq : row.headSeq - 1,
    ticketsSettledThrough: row.headTicketsBefore ?? row.lastTickets,
    lastSeq: row.lastSeq,
    lastTickets: row.lastTickets,
    settledOutOfTurn: row.outOfTurn ?? [],
  }));
}
