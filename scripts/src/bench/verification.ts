import type postgres from 'postgres';

/*
 * Every run that decides in PostgreSQL is checked by SQL after its processes have stopped.
 * A run that fails any check is FAILED, whatever its speed.
 */

export interface Verification {
  /** Tickets held or sold beyond a ticket type's capacity, summed over ticket types. */
  oversoldTickets: number;
  /** Ticket types whose held + sold counters differ from the quantities of their held/confirmed reservations. */
  counterMismatches: number;
  /** Reservation ids answered 2xx that are not in the database. */
  missing: number;
  /** Reservation ids answered 2xx still queued after the drain wait. */
  undecided: number;
  /** Reservations that left `queued` more than once. */
  decidedTwice: number;
  passed: boolean;
}

export async function verifyRun(sql: postgres.Sql, eventIds: readonly string[], acceptedIds: readonly string[]): Promise<Verification> {
  const events = eventIds as string[];
  const [inventory] = await sql<{ oversold: string; mismatches: string }[]>`
    WITH live AS (
      SELECT t.id, t.capacity, t.held, t.sold,
             coalesce(sum(i.quantity) FILTER (WHERE r.status IN ('held', 'confirmed')), 0) AS quantity
      FROM ticket_types t
      LEFT JOIN reservation_items i ON i.ticket_type_id = t.id
      LEFT JOIN reservations r ON r.id = i.reservation_id
      WHERE t.event_id = ANY(${events}::uuid[])
      GROUP BY t.id
    )
    SELECT coalesce(sum(greatest(quantity - capacity, 0)), 0) AS oversold,
           count(*) FILTER (WHERE quantity <> held + sold) AS mismatches
    FROM live`;
  const [accepted] = await sql<{ missing: string; undecided: string }[]>`
    SELECT count(*) FILTER (WHERE r.id IS NULL) AS missing, count(*) FILTER (WHERE r.status = 'queued') AS undecided
    FROM unnest(${acceptedIds as string[]}::uuid[]) AS a(id)
    LEFT JOIN reservations r ON r.id = a.id`;
  const [twice] = await sql<{ count: string }[]>`
    SELECT count(*) AS count FROM (
      SELECT h.reservation_id FROM reservation_history h JOIN reservations r ON r.id = h.reservation_id
      WHERE h.from_status = 'queued' AND r.event_id = ANY(${events}::uuid[])
      GROUP BY h.reservation_id HAVING count(*) > 1
    ) AS repeated`;
  const verification = {
    oversoldTickets: Number(inventory!.oversold),
    counterMismatches: Number(inventory!.mismatches),
    missing: Number(accepted!.missing),
    undecided: Number(accepted!.undecided),
    decidedTwice: Number(twice!.count),
  };
  return { ...verification, passed: Object.values(verification).every((count) => count === 0) };
}
