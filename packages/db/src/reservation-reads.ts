import type { PaginationQuery } from '@onsale/shared';
import { and, desc, eq } from 'drizzle-orm';
import type postgres from 'postgres';
import { dateOrNull, ormOf, type Connection, type Database } from './client';
import { notAwaitingDraw } from './draw-pending';
import { cursorTimestamp, decodeCursor, pageOf, pastCursor, type Page } from './pagination';
import { reservations, type Reservation } from './schema';

export type ReservationWithItems = Reservation & {
  items: { ticketTypeId: string; quantity: number; ticketType: { code: string } }[];
  /** The labels of the seats it holds, bought or held before its hold ended; none for general admission. */
  seatLabels?: string[] | null;
};

type ReservationRow = Omit<ReservationWithItems, 'expiresAt' | 'createdAt' | 'updatedAt' | 'decisionStartedAt' | 'decidedAt'> &
  Record<'expiresAt' | 'createdAt' | 'updatedAt' | 'decisionStartedAt' | 'decidedAt', string | null>;

function toReservation(row: ReservationRow): ReservationWithItems {
  return {
    ...row,
    expiresAt: dateOrNull(row.expiresAt),
    createdAt: new Date(row.createdAt!),
    updatedAt: new Date(row.updatedAt!),
    decisionStartedAt: dateOrNull(row.decisionStartedAt),
    decidedAt: dateOrNull(row.decidedAt),
  };
}

/** The columns `toReservation` reads, with the items (ticket type codes included), for alias `r`. */
const reservationColumns = (sql: Connection) => sql`
  r.id, r.event_id AS "eventId", r.customer_id AS "customerId", r.status, r.reason,
  r.idempotency_key AS "idempotencyKey", r.request_hash AS "requestHash", r.request_id AS "requestId",
  r.expires_at AS "expiresAt", r.version, r.created_at AS "createdAt", r.updated_at AS "updatedAt",
  r.decision_started_at AS "decisionStartedAt", r.decided_at AS "decidedAt", r.decided_by AS "decidedBy",
  r.seat_request AS "seatRequest", r.taken_seats AS "takenSeats",
  r.queue_seq::float8 AS "queueSeq", r.tickets_before::float8 AS "ticketsBefore",
  (SELECT array_agg(s.label ORDER BY s.id) FROM seat_assignments a JOIN seats s ON s.id = a.seat_id
   WHERE a.reservation_id = r.id) AS "seatLabels",
  (SELECT json_agg(json_build_object('ticketTypeId', i.ticket_type_id, 'quantity', i.quantity,
                                     'ticketType', json_build_object('code', t.code)) ORDER BY t.position)
   FROM reservation_items i JOIN ticket_types t ON t.id = i.ticket_type_id
   WHERE i.reservation_id = r.id) AS items`;

/**
 * Reservations with their items (ticket type codes included), `where` (and `tail`: ORDER BY,
 * LIMIT, locking) written against alias `r`.
 */
export async function selectReservations(
  sql: Connection,
  where: postgres.Fragment,
  tail: postgres.Fragment = sql``,
): Promise<ReservationWithItems[]> {
  const rows = await sql<ReservationRow[]>`SELECT ${reservationColumns(sql)} FROM reservations r WHERE ${where} ${tail}`;
  return rows.map(toReservation);
}

/**
 * selectReservations, each with the tickets its customer already holds or bought for its event
 * (what the per-customer limit counts), read by the same statement, so from the same snapshot.
 */
export async function selectReservationsWithLiveTickets(
  sql: Connection,
  where: postgres.Fragment,
  tail: postgres.Fragment,
): Promise<{ reservation: ReservationWithItems; liveTickets: number }[]> {
  const rows = await sql<(ReservationRow & { liveTickets: number })[]>`
    SELECT ${reservationColumns(sql)},
      (SELECT coalesce(sum(li.quantity), 0)::int
       FROM reservations l JOIN reservation_items li ON li.reservation_id = l.id
       WHERE l.event_id = r.event_id AND l.customer_id = r.customer_id AND l.status IN ('held', 'confirmed')) AS "liveTickets"
    FROM reservations r WHERE ${where} ${tail}`;
  return rows.map(({ liveTickets, ...row }) => ({ reservation: toReservation(row), liveTickets }));
}

/** The customer's reservation made with this Idempotency-Key, if any. */
export function findReservationByIdempotencyKey(database: Database, customerId: string, idempotencyKey: string): Promise<ReservationWithItems | undefined> {
  return reservationByIdempotencyKey(database.sql, customerId, idempotencyKey);
}

export async function reservationByIdempotencyKey(sql: Connection, customerId: string, idempotencyKey: string): Promise<ReservationWithItems | undefined> {
  const [reservation] = await selectReservations(sql, sql`r.customer_id = ${customerId} AND r.idempotency_key = ${idempotencyKey}`);
  return reservation;
}

export function findReservation(database: Database, id: string): Promise<ReservationWithItems | undefined> {
  return reservationById(database.sql, id);
}

export async function reservationById(sql: Connection, id: string): Promise<ReservationWithItems | undefined> {
  const [reservation] = await selectReservations(sql, sql`r.id = ${id}`);
  return reservation;
}

export async function listCustomerReservations(
  database: Database,
  customerId: string,
  page: PaginationQuery,
): Promise<Page<ReservationWithItems>> {
  const before = decodeCursor(page.cursor);
  const rows = await ormOf(database).query.reservations.findMany({
    where: and(
      eq(reservations.customerId, customerId),
      before ? pastCursor(reservations.createdAt, reservations.id, '<', before) : undefined,
    ),
    orderBy: [desc(reservations.createdAt), desc(reservations.id)],
    limit: page.limit + 1,
    extras: { cursorAt: cursorTimestamp(reservations.createdAt).as('cursor_at') },
    with: {
      items: {
        columns: { ticketTypeId: true, quantity: true },
        with: { ticketType: { columns: { code: true, position: true } } },
      },
    },
  });
  // Items in the event's display order, as selectReservations gives them.
  for (const row of rows) row.items.sort((a, b) => a.ticketType.position - b.ticketType.position);
  return pageOf(rows, page.limit);
}

/** The events of the partition's next `limit` queued requests: what its next batch will lock. */
export function findEventsQueuedInPartition(database: Database, partition: number, limit: number): Promise<string[]> {
  return eventsQueuedInPartition(database.sql, partition, limit);
}

export async function eventsQueuedInPartition(sql: Connection, partition: number, limit: number): Promise<string[]> {
  const rows = await sql<{ eventId: string }[]>`
    SELECT DISTINCT event_id AS "eventId" FROM (
      SELECT event_id FROM reservations r WHERE partition = ${partition} AND status = 'queued'
        ${notAwaitingDraw(sql)}
      ORDER BY arrival LIMIT ${limit}
    ) AS next`;
  return rows.map((row) => row.eventId);
}

/** The ids of an event's queued requests in its partition, in arrival order. */
export async function findQueuedReservationIds({ sql }: Database, partition: number, eventId: string, limit: number): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    SELECT id FROM reservations
    WHERE partition = ${partition} AND status = 'queued' AND event_id = ${eventId}
    ORDER BY arrival LIMIT ${limit}`;
  return rows.map((row) => row.id);
}

/** Events that have at least one hold past its expiry. */
export async function findEventsWithDueHolds({ sql }: Database, limit = 1000): Promise<string[]> {
  const rows = await sql<{ eventId: string }[]>`
    SELECT DISTINCT event_id AS "eventId" FROM reservations
    WHERE status = 'held' AND expires_at <= clock_timestamp()
    LIMIT ${limit}`;
  return rows.map((row) => row.eventId);
}

/** Events with requests still queued after `olderThanMs`: the job that would decide them may have been lost. */
export async function findEventsWithStaleQueued({ sql }: Database, olderThanMs: number, limit = 1000): Promise<string[]> {
  const rows = await sql<{ eventId: string }[]>`
    SELECT DISTINCT event_id AS "eventId" FROM reservations r
    WHERE status = 'queued' AND created_at < clock_timestamp() - make_interval(secs => ${olderThanMs / 1000}) ${notAwaitingDraw(sql)}
    LIMIT ${limit}`;
  return rows.map((row) => row.eventId);
}

/** Partitions with at least one queued request (one scan of the queued requests' partial index). */
export async function findPartitionsWithQueued({ sql }: Database): Promise<number[]> {
  const rows = await sql<{ partition: number }[]>`SELECT DISTINCT partition FROM reservations WHERE status = 'queued'`;
  return rows.map((row) => row.partition);
}
