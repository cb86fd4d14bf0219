import { randomUUID } from 'node:crypto';
import { expandSeatMap, seatCountsByTicketType, type SeatMapSpec } from '@onsale/shared';
import { sql } from 'drizzle-orm';
import { ormOf, type Database, type OrmTransaction } from './client';

/** Seats per INSERT: one statement's parameters stay a few hundred kilobytes. */
const SEATS_PER_INSERT = 20_000;

/** A PostgreSQL array literal of values that need no quoting (uuids, numbers, booleans, seat labels). */
const arrayLiteral = (values: readonly (string | number | boolean)[]) => `{${values.join(',')}}`;

/**
 * Writes a seat map's sections, rows and seats for an event whose ticket types exist: sections
 * and rows in one statement each, seats in multi-row `unnest` inserts of SEATS_PER_INSERT, so a
 * 70,000-seat stadium is a handful of statements. Returns the seat count per ticket type code.
 */
export async function insertSeatMap(
  tx: OrmTransaction,
  eventId: string,
  ticketTypeIds: ReadonlyMap<string, string>,
  spec: SeatMapSpec,
): Promise<Map<string, number>> {
  const { sections } = expandSeatMap(spec);
  const sectionRows = sections.map((section, position) => ({
    id: randomUUID(),
    ticketTypeId: ticketTypeIds.get(section.ticketType)!,
    code: section.code,
    position,
  }));
  await tx.execute(sql`
    INSERT INTO seat_sections (id, event_id, ticket_type_id, code, position)
    SELECT id, ${eventId}::uuid, ticket_type_id, code, position
    FROM unnest(${arrayLiteral(sectionRows.map((s) => s.id))}::uuid[], ${arrayLiteral(sectionRows.map((s) => s.ticketTypeId))}::uuid[],
                ${arrayLiteral(sectionRows.map((s) => s.code))}::text[], ${arrayLiteral(sectionRows.map((s) => s.position))}::smallint[])
      AS s(id, ticket_type_id, code, position)`);
  const rows = sections.flatMap((section, index) =>
    section.rows.map((row, position) => ({ id: randomUUID(), section: sectionRows[index]!, label: row.label, position, seats: row.seats })),
  );
  await tx.execute(sql`
    INSERT INTO seat_rows (id, section_id, label, position)
    SELECT * FROM unnest(${arrayLiteral(rows.map((r) => r.id))}::uuid[], ${arrayLiteral(rows.map((r) => r.section.id))}::uuid[],
                         ${arrayLiteral(rows.map((r) => r.label))}::text[], ${arrayLiteral(rows.map((r) => r.position))}::int[])`);
  const seats = rows.flatMap((row) => row.seats.map((seat) => ({ ...seat, rowId: row.id, ticketTypeId: row.section.ticketTypeId })));
  for (let start = 0; start < seats.length; start += SEATS_PER_INSERT) {
    const chunk = seats.slice(start, start + SEATS_PER_INSERT);
    await tx.execute(sql`
      INSERT INTO seats (event_id, ticket_type_id, row_id, number, label, accessible, restricted_view)
      SELECT ${eventId}::uuid, * FROM unnest(
        ${arrayLiteral(chunk.map((s) => s.ticketTypeId))}::uuid[], ${arrayLiteral(chunk.map((s) => s.rowId))}::uuid[],
        ${arrayLiteral(chunk.map((s) => s.number))}::int[], ${arrayLiteral(chunk.map((s) => s.label))}::text[],
        ${arrayLiteral(chunk.map((s) => s.accessible))}::boolean[], ${arrayLiteral(chunk.map((s) => s.restrictedView))}::boolean[])`);
  }
  return seatCountsByTicketType(sections);
}

/** The seats a request names, with their ticket types; labels the event has no seat for are missing. */
export async function findSeatsByLabel(
  { sql: sqlClient }: Database,
  eventId: string,
  labels: readonly string[],
): Promise<{ label: string; ticketTypeId: string }[]> {
  return sqlClient<{ label: string; ticketTypeId: string }[]>`
    SELECT label, ticket_type_id AS "ticketTypeId" FROM seats
    WHERE event_id = ${eventId} AND label = ANY(${labels as string[]}::text[])`;
}

export type ReplaceSeatMapOutcome = { kind: 'replaced' } | { kind: 'not_found' } | { kind: 'sales_started' };

/**
 * Replaces an event's seat map while its sales have not started (a future `salesStartAt`, no
 * seat held or sold), with its inventory locked as a decision locks it. Ticket types in the new
 * map become seated with their seat count as capacity; ticket types it leaves out stop being
 * seated and keep their capacity. Every ticket type's inventory version moves on.
 */
export async function replaceSeatMap(database: Database, eventId: string, spec: SeatMapSpec): Promise<ReplaceSeatMapOutcome> {
  return ormOf(database).transaction(async (tx) => {
    const locked = await tx.execute<{ id: string; code: string; held: number; sold: number; salesNotStarted: boolean }>(sql`
      SELECT t.id, t.code, t.held, t.sold, coalesce(e.sales_start_at > clock_timestamp(), false) AS "salesNotStarted"
      FROM ticket_types t JOIN events e ON e.id = t.event_id
      WHERE t.event_id = ${eventId}::uuid ORDER BY t.id FOR NO KEY UPDATE OF t`);
    if (locked.length === 0) return { kind: 'not_found' };
    if (locked.some((row) => !row.salesNotStarted || row.held + row.sold > 0)) return { kind: 'sales_started' };
    await tx.execute(sql`DELETE FROM seat_sections WHERE event_id = ${eventId}::uuid`);
    const counts = await insertSeatMap(tx, eventId, new Map(locked.map((row) => [row.code, row.id])), spec);
    const seated = [...counts].map(([code, capacity]) => ({ id: locked.find((row) => row.code === code)!.id, capacity }));
    await tx.execute(sql`
      UPDATE ticket_types t SET
        seated = m.capacity IS NOT NULL,
        capacity = coalesce(m.capacity, t.capacity),
        inventory_version = t.inventory_version + 1
      FROM ticket_types o LEFT JOIN jsonb_to_recordset(${JSON.stringify(seated)}::jsonb) AS m(id uuid, capacity int) ON m.id = o.id
      WHERE t.id = o.id AND o.event_id = ${eventId}::uuid`);
    return { kind: 'replaced' };
  });
}
