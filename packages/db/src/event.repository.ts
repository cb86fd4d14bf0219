import type { CreateEventBody, PaginationQuery, UpdateEventBody } from '@onsale/shared';
import { asc, eq } from 'drizzle-orm';
import type { Database, Queryable } from './client';
import { cursorTimestamp, decodeCursor, pageOf, pastCursor, type Page } from './pagination';
import { events, ticketTypes, type Event, type TicketType } from './schema';
import { insertSeatMap } from './seat-map.repository';

export type EventWithTicketTypes = Event & { ticketTypes: TicketType[] };

const withTicketTypes = { ticketTypes: { orderBy: [asc(ticketTypes.position)] } };
const optionalDate = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : new Date(value);

export async function createEvent(db: Database, body: CreateEventBody): Promise<EventWithTicketTypes> {
  return db.transaction(async (tx) => {
    const [event] = await tx
      .insert(events)
      .values({
        name: body.name,
        startsAt: new Date(body.startsAt),
        salesStartAt: optionalDate(body.salesStartAt),
        salesEndAt: optionalDate(body.salesEndAt),
        holdTtlSeconds: body.holdTtlSeconds,
        maxTicketsPerCustomer: body.maxTicketsPerCustomer,
      })
      .returning();
    const seated = new Set(body.seatMap?.sections.map((section) => section.ticketType));
    const types = await tx
      .insert(ticketTypes)
      .values(body.ticketTypes.map((ticketType, position) => ({ ...ticketType, eventId: event!.id, position, seated: seated.has(ticketType.code) })))
      .returning();
    if (body.seatMap) await insertSeatMap(tx, event!.id, new Map(types.map((type) => [type.code, type.id])), body.seatMap);
    return { ...event!, ticketTypes: types.sort((a, b) => a.position - b.position) };
  });
}

export async function findEvent(db: Queryable, id: string): Promise<EventWithTicketTypes | undefined> {
  return db.query.events.findFirst({ where: eq(events.id, id), with: withTicketTypes });
}

export async function listEvents(db: Queryable, page: PaginationQuery): Promise<Page<EventWithTicketTypes>> {
  const after = decodeCursor(page.cursor);
  const rows = await db.query.events.findMany({
    where: after ? pastCursor(events.createdAt, events.id, '>', after) : undefined,
    orderBy: [asc(events.createdAt), asc(events.id)],
    limit: page.limit + 1,
    with: withTicketTypes,
    extras: { cursorAt: cursorTimestamp(events.createdAt).as('cursor_at') },
  });
  return pageOf(rows, page.limit);
}

export async function updateEvent(
  db: Database,
  id: string,
  patch: UpdateEventBody,
): Promise<EventWithTicketTypes | undefined> {
  const [updated] = await db
    .update(events)
    .set({
      status: patch.status,
      salesStartAt: optionalDate(patch.salesStartAt),
      salesEndAt: optionalDate(patch.salesEndAt),
    })
    .where(eq(events.id, id))
    .returning({ id: events.id });
  return updated ? findEvent(db, id) : undefined;
}
