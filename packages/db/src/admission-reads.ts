import type { Database } from './client';
import { readQueueProgress, type QueueProgress } from './queue-progress';
import type { Stock } from '@onsale/domain';

/** A ticket type's counters with what its seats' version is made of. */
export type SnapshotStock = Stock & {
  /** `ticket_types.inventory_version`: bumped by every decision, release and seat map replacement. */
  inventoryVersion: number;
  /** Sold as assigned seats (a seat map replacement may change it). */
  seated: boolean;
};

/** What the API keeps of an event between the workers' commits, as PostgreSQL has it now. */
export interface EventSnapshot {
  /** Its ticket types' counters and inventory versions, as the last commit left them. */
  ticketTypes: SnapshotStock[];
  /** How long its oldest queued request has waited; null when none waits. */
  oldestQueuedMs: number | null;
  /** How far its queue is decided; undefined while no request was ever recorded for it. */
  queue: Omit<QueueProgress, 'eventId'> | undefined;
  /** Per ticket type: waitlist entries waiting and holding offers (`waitlist_lines`; zero without one). */
  waitlist?: { ticketTypeId: string; waiting: number; offered: number }[];
}

/**
 * Two statements sent together: the counters with the age of the oldest queued request (through
 * the queued requests' place index), and the queue's progress.
 */
export async function readEventSnapshot({ sql }: Database, eventId: string): Promise<EventSnapshot> {
  const [rows, [progress]] = await Promise.all([
    sql<(Omit<SnapshotStock, 'inventoryVersion'> & { inventoryVersion: string; oldestQueuedMs: number | null; waiting: number; offered: number })[]>`
      SELECT t.id, t.capacity, t.held, t.sold, t.seated, t.inventory_version AS "inventoryVersion",
        coalesce(w.waiting, 0) AS waiting, coalesce(w.offered, 0) AS offered, (
        SELECT (extract(epoch FROM clock_timestamp() - r.created_at) * 1000)::int FROM reservations r
        WHERE r.event_id = ${eventId} AND r.status = 'queued' AND r.queue_seq IS NOT NULL
        ORDER BY r.queue_seq LIMIT 1
      ) AS "oldestQueuedMs"
      FROM ticket_types t LEFT JOIN waitlist_lines w ON w.ticket_type_id = t.id
      WHERE t.event_id = ${eventId} ORDER BY t.position`,
    readQueueProgress(sql, [eventId]),
  ]);
  const queue = progress && (({ eventId: _, ...rest }) => rest)(progress);
  return {
    ticketTypes: rows.map(({ oldestQueuedMs: _, waiting: _w, offered: _o, inventoryVersion, ...stock }) => ({ ...stock, inventoryVersion: Number(inventoryVersion) })),
    oldestQueuedMs: rows[0]?.oldestQueuedMs ?? null,
    queue,
    waitlist: rows.map(({ id, waiting, offered }) => ({ ticketTypeId: id, waiting, offered })),
  };
}
