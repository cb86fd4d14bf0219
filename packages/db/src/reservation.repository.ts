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

/** Reservations with their items (ticket type codes included), `where` written against alias `r`. */
export async function selectReservations(
  sql: SqlClient,
  where: postgres.Fragment,
): Promise<ReservationWithItems[]> {
  const rows = await sql<ReservationRow[]>`
    SELECT r.id, r.event_id AS "eventId", r.customer_id AS "customerId", r.status, r.reason,
      r.idempotency_key AS "idempotencyKey", r.request_hash AS "requestHash", r.request_id AS "requestId",
      r.expires_at AS "expiresAt", r.version, r.created_at AS "createdAt", r.updated_at AS "updatedAt",
      r.decision_started_at AS "decisionStartedAt", r.decided_at AS "decidedAt", r.decided_by AS "decidedBy",
      (SELECT json_agg(json_build_object('ticketTypeId', i.ticket_type_id, 'quantity', i.quantity,
                                         'ticketType', json_build_object('code', t.code)) ORDER BY t.position)
       FROM reservation_items i JOIN ticket_types t ON t.id = i.ticket_type_id
       WHERE i.reservation_id = r.id) AS items
    FROM reservations r
    WHERE ${where}`;
  return rows.map(toReservation);
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
 * Records an accepted request as `queued`, with its items and its first history row, in one
 * statement. An Idempotency-Key the customer used before returns that reservation instead.
 */
export async function acceptReservation(sql: SqlClient, input: QueuedReservationInput): Promise<AcceptOutcome> {
  const [row] = await sql<{ createdAt: string }[]>`
    WITH inserted AS (
      INSERT INTO reservations (id, event_id, customer_id, idempotency_key, request_hash, request_id)
      VALUES (${input.id}, ${input.eventId}, ${input.customerId}, ${input.idempotencyKey},
              ${input.requestHash}, ${input.requestId})
      ON CONFLICT (customer_id, idempotency_key) DO NOTHING
      RETURNING id, created_at
    ), items AS (
      INSERT INTO reservation_items (reservation_id, ticket_type_id, quantity)
      SELECT inserted.id, item."ticketTypeId", item.quantity
      FROM inserted, jsonb_to_recordset(${JSON.stringify(input.items)}::jsonb) AS item("ticketTypeId" uuid, quantity int)
    ), history AS (
      INSERT INTO reservation_history (reservation_id, version, to_status, actor, request_id)
      SELECT inserted.id, 1, 'queued', ${`customer:${input.customerId}`}, ${input.requestId} FROM inserted
    )
    SELECT created_at AS "createdAt" FROM inserted`;
  if (row) return { kind: 'accepted', createdAt: new Date(row.createdAt) };

  const [existing] = await selectReservations(
    sql,
    sql`r.customer_id = ${input.customerId} AND r.idempotency_key = ${input.idempotencyKey}`,
  );
  if (!existing) throw new Error('idempotency conflict without a reservation');
  return { kind: 'replayed', reservation: existing };
}
