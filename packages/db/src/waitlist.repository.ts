import type { ReservationStatus, WaitlistEntryStatus } from '@onsale/shared';
import type postgres from 'postgres';
import type { Connection, Database } from './client';

/*
 * The waitlist's writes that move no inventory (join, leave) and its reads. Joins and leaves are
 * the API's own: they take the ticket type's line row (`waitlist_lines`) as their lock, never the
 * event's inventory, so they never wait for a decision batch. Offers are the event writer's
 * (`waitlist-offers.ts`).
 */

/** An entry with its ticket type's code, its offer's reservation state, and its place while waiting. */
export interface WaitlistEntryRecord {
  id: string;
  eventId: string;
  ticketTypeId: string;
  ticketType: string;
  customerId: string;
  quantity: number;
  status: WaitlistEntryStatus;
  /** 1 for the next waiting entry of its type; null once offered or closed. */
  position: number | null;
  offerTtlSeconds: number;
  joinedAt: Date;
  offer: { reservationId: string; quantity: number; offeredAt: Date; expiresAt: Date | null; reservationStatus: ReservationStatus } | null;
}

export interface WaitlistLineCounts {
  ticketTypeId: string;
  ticketType: string;
  waiting: number;
  waitingTickets: number;
  offered: number;
}

type EntryRow = Omit<WaitlistEntryRecord, 'joinedAt' | 'offer'> & {
  joinedAt: string;
  offerReservationId: string | null;
  offeredQuantity: number | null;
  offeredAt: string | null;
  offerExpiresAt: string | null;
  offerStatus: ReservationStatus | null;
};

const entryColumns = (sql: Connection) => sql`
  w.id, w.event_id AS "eventId", w.ticket_type_id AS "ticketTypeId", t.code AS "ticketType", w.customer_id AS "customerId",
  w.quantity, w.status, w.offer_ttl_seconds AS "offerTtlSeconds", w.joined_at AS "joinedAt",
  CASE WHEN w.status = 'waiting' THEN (
    SELECT count(*)::int + 1 FROM waitlist_entries a WHERE a.ticket_type_id = w.ticket_type_id AND a.status = 'waiting' AND a.seq < w.seq
  ) END AS position,
  w.offer_reservation_id AS "offerReservationId", w.offered_quantity AS "offeredQuantity", w.offered_at AS "offeredAt",
  r.expires_at AS "offerExpiresAt", r.status AS "offerStatus"`;

function toEntry(row: EntryRow): WaitlistEntryRecord {
  const { offerReservationId, offeredQuantity, offeredAt, offerExpiresAt, offerStatus, joinedAt, ...entry } = row;
  return {
    ...entry,
    joinedAt: new Date(joinedAt),
    offer:
      offerReservationId && offeredQuantity && offeredAt && offerStatus
        ? {
            reservationId: offerReservationId,
            quantity: offeredQuantity,
            offeredAt: new Date(offeredAt),
            expiresAt: offerExpiresAt ? new Date(offerExpiresAt) : null,
            reservationStatus: offerStatus,
          }
        : null,
  };
}

async function selectEntries(sql: Connection, where: postgres.Fragment, tail: postgres.Fragment = sql``): Promise<WaitlistEntryRecord[]> {
  const rows = await sql<EntryRow[]>`
    SELECT ${entryColumns(sql)}
    FROM waitlist_entries w JOIN ticket_types t ON t.id = w.ticket_type_id LEFT JOIN reservations r ON r.id = w.offer_reservation_id
    WHERE ${where} ${tail}`;
  return rows.map(toEntry);
}

export interface WaitlistJoin {
  id: string;
  eventId: string;
  ticketTypeId: string;
  customerId: string;
  quantity: number;
  /** How long an offer to the entry will hold its tickets. */
  offerTtlSeconds: number;
  requestId: string;
}

export type JoinOutcome =
  | { kind: 'joined'; entry: WaitlistEntryRecord }
  /** The customer already has an active entry for the type: the same join repeated, or one for another quantity. */
  | { kind: 'already'; entry: WaitlistEntryRecord };

/**
 * Adds the customer at the end of the ticket type's waitlist, or answers their active entry for
 * it. The line's row is locked first, so joins of a type take their places one after another and
 * a repeated join sees the entry the first committed (the partial unique index backs it).
 */
export async function joinWaitlist(database: Database, join: WaitlistJoin): Promise<JoinOutcome> {
  return (await database.sql.begin(async (tx) => {
    await tx`
      INSERT INTO waitlist_lines (ticket_type_id, event_id) VALUES (${join.ticketTypeId}, ${join.eventId})
      ON CONFLICT (ticket_type_id) DO UPDATE SET last_seq = waitlist_lines.last_seq`;
    const [active] = await selectEntries(
      tx,
      tx`w.event_id = ${join.eventId} AND w.customer_id = ${join.customerId} AND w.ticket_type_id = ${join.ticketTypeId} AND w.status IN ('waiting', 'offered')`,
    );
    if (active) return { kind: 'already', entry: active };
    await tx`
      WITH line AS (
        UPDATE waitlist_lines SET last_seq = last_seq + 1, waiting = waiting + 1, waiting_tickets = waiting_tickets + ${join.quantity}
        WHERE ticket_type_id = ${join.ticketTypeId}
        RETURNING last_seq
      )
      INSERT INTO waitlist_entries (id, event_id, ticket_type_id, customer_id, quantity, seq, arrival, offer_ttl_seconds, request_id)
      SELECT ${join.id}, ${join.eventId}, ${join.ticketTypeId}, ${join.customerId}, ${join.quantity}, line.last_seq,
        nextval(pg_get_serial_sequence('reservations', 'arrival')), ${join.offerTtlSeconds}, ${join.requestId}
      FROM line`;
    const [entry] = await selectEntries(tx, tx`w.id = ${join.id}`);
    return { kind: 'joined', entry: entry! };
  })) as JoinOutcome;
}

export type LeaveOutcome =
  | { kind: 'left'; entry: WaitlistEntryRecord }
  /** An offer is out: declining it is cancelling its hold, through the event's writer. */
  | { kind: 'offered'; entry: WaitlistEntryRecord }
  | { kind: 'closed'; entry: WaitlistEntryRecord }
  | { kind: 'not_found' };

/**
 * Takes a waiting entry out of its line. A line the writer is offering tickets of at this moment
 * is locked by it: the leave waits for that commit and then finds the entry offered, or waiting.
 */
export async function leaveWaitlist(database: Database, target: { eventId: string; entryId: string; customerId?: string }): Promise<LeaveOutcome> {
  const left = (await database.sql.begin(async (tx) => {
    // The line first, as every waitlist writer locks it (see waitlist-offers.ts): then the entry.
    await tx`
      SELECT l.ticket_type_id FROM waitlist_lines l JOIN waitlist_entries w ON w.ticket_type_id = l.ticket_type_id
      WHERE w.id = ${target.entryId} FOR UPDATE OF l`;
    const owner = target.customerId === undefined ? tx`` : tx`AND customer_id = ${target.customerId}`;
    const [row] = await tx<{ id: string }[]>`
      WITH left_line AS (
        UPDATE waitlist_entries SET status = 'left', closed_at = clock_timestamp()
        WHERE id = ${target.entryId} AND event_id = ${target.eventId} AND status = 'waiting' ${owner}
        RETURNING id, ticket_type_id, quantity
      ), counted AS (
        UPDATE waitlist_lines l SET waiting = l.waiting - 1, waiting_tickets = l.waiting_tickets - left_line.quantity
        FROM left_line WHERE l.ticket_type_id = left_line.ticket_type_id
      )
      SELECT id FROM left_line`;
    return row;
  })) as { id: string } | undefined;
  const entry = await findWaitlistEntry(database, target.eventId, target.entryId);
  if (!entry || (target.customerId !== undefined && entry.customerId !== target.customerId)) return { kind: 'not_found' };
  if (left) return { kind: 'left', entry };
  return entry.status === 'offered' ? { kind: 'offered', entry } : { kind: 'closed', entry };
}

export async function findWaitlistEntry(database: Database, eventId: string, entryId: string): Promise<WaitlistEntryRecord | undefined> {
  const [entry] = await selectEntries(database.sql, database.sql`w.id = ${entryId} AND w.event_id = ${eventId}`);
  return entry;
}

/** The event's entries, in join order per ticket type: one customer's, or (no customer) everyone's, at most `limit`. */
export function listWaitlist(database: Database, eventId: string, options: { customerId?: string; limit: number }): Promise<WaitlistEntryRecord[]> {
  const { sql } = database;
  const customer = options.customerId === undefined ? sql`` : sql`AND w.customer_id = ${options.customerId}`;
  return selectEntries(sql, sql`w.event_id = ${eventId} ${customer}`, sql`ORDER BY t.position, w.seq LIMIT ${options.limit}`);
}

/** Each ticket type's waitlist counters (types that never had one are missing). */
export async function readWaitlistLines(database: Database, eventId: string): Promise<WaitlistLineCounts[]> {
  return database.sql<WaitlistLineCounts[]>`
    SELECT l.ticket_type_id AS "ticketTypeId", t.code AS "ticketType", l.waiting, l.waiting_tickets AS "waitingTickets", l.offered
    FROM waitlist_lines l JOIN ticket_types t ON t.id = l.ticket_type_id
    WHERE l.event_id = ${eventId} ORDER BY t.position`;
}

/** The tickets the customer holds or bought for the event: what `maxTicketsPerCustomer` counts. */
export async function customerLiveTickets(database: Database, eventId: string, customerId: string): Promise<number> {
  const [row] = await database.sql<{ tickets: number }[]>`
    SELECT coalesce(sum(i.quantity), 0)::int AS tickets
    FROM reservations r JOIN reservation_items i ON i.reservation_id = r.id
    WHERE r.event_id = ${eventId} AND r.customer_id = ${customerId} AND r.status IN ('held', 'confirmed')`;
  return row!.tickets;
}
