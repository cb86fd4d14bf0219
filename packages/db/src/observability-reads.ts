import type { Database } from './client';

/*
 * The reads behind the metrics gauges: small aggregate queries run at scrape time (and cached
 * there), never per request.
 */

export interface EventTickets {
  eventId: string;
  capacity: number;
  held: number;
  sold: number;
}

/** How long after its sales end an event still shows in the ticket gauges. */
const SHOWN_AFTER_SALES_END = '1 hour';

/**
 * Tickets per event for the events on sale or paused whose sales have not ended (or ended within
 * the last hour): the events a dashboard watches, and a bounded set of labels.
 */
export function readEventTickets({ sql }: Database): Promise<EventTickets[]> {
  return sql<EventTickets[]>`
    SELECT t.event_id AS "eventId", sum(t.capacity)::int AS capacity, sum(t.held)::int AS held, sum(t.sold)::int AS sold
    FROM ticket_types t JOIN events e ON e.id = t.event_id
    WHERE e.status IN ('on_sale', 'paused')
      AND (e.sales_end_at IS NULL OR e.sales_end_at > now() - ${SHOWN_AFTER_SALES_END}::interval)
    GROUP BY t.event_id`;
}

/**
 * The connections of one pool, found by the `application_name` it connects with, as PostgreSQL
 * sees them: open, and in use (active or inside a transaction). The connection asking is not counted.
 */
export async function readPoolConnections({ sql }: Database, applicationName: string): Promise<{ open: number; inUse: number }> {
  const [row] = await sql<{ open: number; inUse: number }[]>`
    SELECT count(*)::int AS open, (count(*) FILTER (WHERE state <> 'idle' AND pid <> pg_backend_pid()))::int AS "inUse"
    FROM pg_stat_activity
    WHERE application_name = ${applicationName}`;
  return row!;
}
