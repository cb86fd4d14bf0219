import type { PaginationQuery } from '@onsale/shared';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from './client';
import { cursorTimestamp, decodeCursor, pageOf, pastCursor, type Page } from './pagination';
import { reservations, type Reservation } from './schema';

export type ReservationWithItems = Reservation & {
  items: { ticketTypeId: string; quantity: number; ticketType: { code: string } }[];
};

const withItems = {
  items: { columns: { ticketTypeId: true, quantity: true }, with: { ticketType: { columns: { code: true } } } },
} as const;

export async function findReservation(db: Queryable, id: string): Promise<ReservationWithItems | undefined> {
  return db.query.reservations.findFirst({ where: eq(reservations.id, id), with: withItems });
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
    with: withItems,
    extras: { cursorAt: cursorTimestamp(reservations.createdAt).as('cursor_at') },
  });
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
export async function acceptReservation(db: Queryable, input: QueuedReservationInput): Promise<AcceptOutcome> {
  const inserted = await db.execute<{ created_at: string | Date }>(sql`
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
    SELECT created_at FROM inserted`);
  const row = inserted[0];
  if (row) return { kind: 'accepted', createdAt: new Date(row.created_at) };

  const existing = await db.query.reservations.findFirst({
    where: and(eq(reservations.customerId, input.customerId), eq(reservations.idempotencyKey, input.idempotencyKey!)),
    with: withItems,
  });
  if (!existing) throw new Error('idempotency conflict without a reservation');
  return { kind: 'replayed', reservation: existing };
}
