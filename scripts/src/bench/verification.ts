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
  /** Seats in more than one live hold or sale (the live-seat index should make this impossible). */
  seatsAssignedTwice: number;
  /**
   * Seated ticket types whose held + sold differ from their live seat assignments, plus seated
   * items whose live seats differ from their quantity (held/confirmed) or are not zero (otherwise).
   */
  seatCountMismatches: number;
  passed: boolean;
}

/** The seat checks: zero for general admission, which has no seat assignments. */
async function verifySeats(sql: postgres.Sql, events: string[]) {
  const [row] = await sql<{ twice: string; types: string; items: string }[]>`
    WITH live AS (
      SELECT a.reservation_id, a.ticket_type_id, a.seat_id
      FROM seat_assignments a JOIN ticket_types t ON t.id = a.ticket_type_id
      WHERE t.event_id = ANY(${events}::uuid[]) AND a.released_at IS NULL
    ),
    per_item AS (SELECT reservation_id, ticket_type_id, count(*) AS seats FROM live GROUP BY 1, 2),
    per_type AS (SELECT ticket_type_id, count(*) AS seats FROM live GROUP BY 1)
    SELECT
      (SELECT count(*) FROM (SELECT seat_id FROM live GROUP BY seat_id HAVING count(*) > 1) AS repeated) AS twice,
      (SELECT count(*) FROM ticket_types t LEFT JOIN per_type p ON p.ticket_type_id = t.id
        WHERE t.event_id = ANY(${events}::uuid[]) AND t.seated AND t.held + t.sold <> coalesce(p.seats, 0)) AS types,
      (SELECT count(*) FROM reservation_items i
        JOIN reservations r ON r.id = i.reservation_id
        JOIN ticket_types t ON t.id = i.ticket_type_id AND t.seated
        LEFT JOIN per_item p ON p.reservation_id = i.reservation_id AND p.ticket_type_id = i.ticket_type_id
        WHERE r.event_id = ANY(${events}::uuid[])
          AND coalesce(p.seats, 0) <> CASE WHEN r.status IN ('held', 'confirmed') THEN i.quantity ELSE 0 END) AS items`;
  return { seatsAssignedTwice: Number(row!.twice), seatCountMismatches: Number(row!.types) + Number(row!.items) };
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
    ...(await verifySeats(sql, events)),
  };
  return { ...verification, passed: Object.values(verification).every((count) => count === 0) };
}
