import type { PaginationQuery } from '@onsale/shared';
import { and, desc, eq } from 'drizzle-orm';
import type postgres from 'postgres';
import { dateOrNull, type Queryable, type SqlClient } from './client';
import { cursorTimestamp, decodeCursor, pageOf, pastCursor, type Page } from './pagination';
import { reservations, type Reservation } from './schema';

export type ReservationWithItems = Reservation & {
  items: { ticketTypeId: string; quantity: number; ticketType: { code: string } }[];
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
const reservationColumns = (sql: SqlClient) => sql`
  r.id, r.event_id AS "eventId", r.customer_id AS "customerId", r.status, r.reason,
  r.idempotency_key AS "idempotencyKey", r.request_hash AS "requestHash", r.request_id AS "requestId",
  r.expires_at AS "expiresAt", r.version, r.created_at AS "createdAt", r.updated_at AS "updatedAt",
  r.decision_started_at AS "decisionStartedAt", r.decided_at AS "decidedAt", r.decided_by AS "decidedBy",
  (SELECT json_agg(json_build_object('ticketTypeId', i.ticket_type_id, 'quantity', i.quantity,
                                     'ticketType', json_build_object('code', t.code)) ORDER BY t.position)
   FROM reservation_items i JOIN ticket_types t ON t.id = i.ticket_type_id
   WHERE i.reservation_id = r.id) AS items`;

/**
 * Reservations with their items (ticket type codes included), `where` (and `tail`: ORDER BY,
 * LIMIT, locking) written against alias `r`.
 */
export async function selectReservations(
  sql: SqlClient,
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
  sql: SqlClient,
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

export async function findReservation(sql: SqlClient, id: string): Promise<ReservationWithItems | undefined> {
  const [reservation] = await selectReservations(sql, sql`r.id = ${id}`);
  return reservation;
}

export async function listCustomerReservations(
  db: Queryable,
  customerId: string,
  page: PaginationQuery,
): Promise<Page<ReservationWithItems>> {
  const before = decodeCursor(page.cursor);
  const rows = await db.query.reservations.findMany({
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

export interface QueuedReservationInput {
  id: string;
  eventId: string;
  /** The event's partition, `partitionFor(eventId, PARTITION_COUNT)`. */
  partition: number;
  customerId: string;
  items: { ticketTypeId: string; quantity: number }[];
  idempotencyKey: string | null;
  requestHash: string;
  requestId: string;
}

export type AcceptOutcome =
  | { kind: 'accepted'; createdAt: Date }
  /** The customer already used this Idempotency-Key; the earlier reservation is returned. */
  | { kind: 'replayed'; reservation: ReservationWithItems };

/**
 * Records accepted requests as `queued`, with their items and first history rows, in one
 * statement; arrival order is the order given. A request whose Idempotency-Key the customer used
 * before (earlier, or earlier in the same batch) returns that reservation instead.
 */
export async function acceptReservations(
  sql: SqlClient,
  inputs: readonly QueuedReservationInput[],
): Promise<AcceptOutcome[]> {
  const rows = await sql<{ id: string; createdAt: string }[]>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(inputs.map((input, ord) => ({ ...input, ord })))}::jsonb)
        AS i(id uuid, "eventId" uuid, partition smallint, "customerId" text, "idempotencyKey" text,
             "requestHash" text, "requestId" text, items jsonb, ord int)
    ), inserted AS (
      INSERT INTO reservations (id, event_id, partition, customer_id, idempotency_key, request_hash, request_id)
      SELECT id, "eventId", partition, "customerId", "idempotencyKey", "requestHash", "requestId" FROM input ORDER BY ord
      ON CONFLICT (customer_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
      RETURNING id, created_at
    ), items AS (
      INSERT INTO reservation_items (reservation_id, ticket_type_id, quantity)
      SELECT input.id, item."ticketTypeId", item.quantity
      FROM inserted JOIN input USING (id), jsonb_to_recordset(input.items) AS item("ticketTypeId" uuid, quantity int)
    ), history AS (
      INSERT INTO reservation_history (reservation_id, version, to_status, actor, request_id)
      SELECT input.id, 1, 'queued', 'customer:' || input."customerId", input."requestId" FROM inserted JOIN input USING (id)
    )
    SELECT id, created_at AS "createdAt" FROM inserted`;
  const createdAt = new Map(rows.map((row) => [row.id, new Date(row.createdAt)]));
  return Promise.all(
    inputs.map(async (input): Promise<AcceptOutcome> => {
      const at = createdAt.get(input.id);
      return at ? { kind: 'accepted', createdAt: at } : { kind: 'replayed', reservation: await earlierRequest(sql, input) };
    }),
  );
}

async function earlierRequest(sql: SqlClient, input: QueuedReservationInput): Promise<ReservationWithItems> {
  const [existing] = await selectReservations(
    sql,
    sql`r.customer_id = ${input.customerId} AND r.idempotency_key = ${input.idempotencyKey}`,
  );
  if (!existing) throw new Error('idempotency conflict without a reservation');
  return existing;
}

/** Records one accepted request; see acceptReservations. */
export async function acceptReservation(sql: SqlClient, input: QueuedReservationInput): Promise<AcceptOutcome> {
  const [outcome] = await acceptReservations(sql, [input]);
  return outcome!;
}
