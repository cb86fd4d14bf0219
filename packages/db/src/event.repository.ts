import { eventStatusesBecoming, InvariantViolated, StateConflict, type CreateEventBody, type EventStatus, type PaginationQuery, type UpdateEventBody } from '@onsale/shared';
import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { ormOf, type Database } from './client';
import { cursorTimestamp, decodeCursor, pageOf, pastCursor, type Page } from './pagination';
import { events, ticketTypes, type Event, type TicketType } from './schema';
import { insertSeatMap } from './seat-map.repository';
import { openDraw } from './fair-draw';

export type EventWithTicketTypes = Event & { ticketTypes: TicketType[] };

const withTicketTypes = { ticketTypes: { orderBy: [asc(ticketTypes.position)] } };
const optionalDate = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : new Date(value);

/** Who creates an event, and the create's Idempotency-Key with the hash of its body. */
export interface EventCreation {
  /** The admin's token `sub`: Idempotency-Keys are unique per admin. */
  createdBy: string;
  idempotencyKey?: string;
  requestHash?: string;
}

export async function createEvent(database: Database, body: CreateEventBody, creation?: EventCreation): Promise<EventWithTicketTypes> {
  return (await createEventOnce(database, body, creation)).event;
}

/**
 * Creates an event; or, when its admin already created one with this Idempotency-Key, returns that
 * one, `replayed` (its `requestHash` tells a retry from a key reused for another body). Concurrent
 * creates with one key make one event: the unique index makes the second wait for the first.
 */
export async function createEventOnce(
  database: Database,
  body: CreateEventBody,
  creation?: EventCreation,
): Promise<{ event: EventWithTicketTypes; replayed: boolean }> {
  const created = await ormOf(database).transaction(async (tx) => {
    const [event] = await tx
      .insert(events)
      .values({
        name: body.name,
        startsAt: new Date(body.startsAt),
        salesStartAt: optionalDate(body.salesStartAt),
        salesEndAt: optionalDate(body.salesEndAt),
        preQueueOpensAt: optionalDate(body.preQueueOpensAt),
        holdTtlSeconds: body.holdTtlSeconds,
        maxTicketsPerCustomer: body.maxTicketsPerCustomer,
        createdBy: creation?.createdBy,
        idempotencyKey: creation?.idempotencyKey,
        requestHash: creation?.requestHash,
      })
      .onConflictDoNothing({ target: [events.createdBy, events.idempotencyKey], where: sql`${events.idempotencyKey} IS NOT NULL` })
      .returning();
    if (!event) return undefined;
    if (event.preQueueOpensAt && event.salesStartAt) {
      await openDraw(tx, { id: event.id, preQueueOpensAt: event.preQueueOpensAt, salesStartAt: event.salesStartAt });
    }
    const seated = new Set(body.seatMap?.sections.map((section) => section.ticketType));
    const types = await tx
      .insert(ticketTypes)
      .values(body.ticketTypes.map((ticketType, position) => ({ ...ticketType, eventId: event!.id, position, seated: seated.has(ticketType.code) })))
      .returning();
    if (body.seatMap) await insertSeatMap(tx, event!.id, new Map(types.map((type) => [type.code, type.id])), body.seatMap);
    return { ...event!, ticketTypes: types.sort((a, b) => a.position - b.position) };
  });
  if (created) return { event: created, replayed: false };
  const earlier = await ormOf(database).query.events.findFirst({
    where: and(eq(events.createdBy, creation?.createdBy ?? ''), eq(events.idempotencyKey, creation?.idempotencyKey ?? '')),
    with: withTicketTypes,
  });
  if (!earlier) throw new InvariantViolated('an Idempotency-Key conflict without the event that holds the key');
  return { event: earlier, replayed: true };
}

export async function findEvent(database: Database, id: string): Promise<EventWithTicketTypes | undefined> {
  return ormOf(database).query.events.findFirst({ where: eq(events.id, id), with: withTicketTypes });
}

/** What `listEvents` narrows the list to; each unset: any. */
export interface EventListFilter {
  status?: EventStatus;
  /** Events starting at or after this time. */
  startsFrom?: string;
  /** Events starting before this time. */
  startsBefore?: string;
}

export async function listEvents(database: Database, page: PaginationQuery & EventListFilter): Promise<Page<EventWithTicketTypes>> {
  const after = decodeCursor(page.cursor);
  const rows = await ormOf(database).query.events.findMany({
    where: and(
      after ? pastCursor(events.createdAt, events.id, '>', after) : undefined,
      page.status === undefined ? undefined : eq(events.status, page.status),
      page.startsFrom === undefined ? undefined : gte(events.startsAt, new Date(page.startsFrom)),
      page.startsBefore === undefined ? undefined : lt(events.startsAt, new Date(page.startsBefore)),
    ),
    orderBy: [asc(events.createdAt), asc(events.id)],
    limit: page.limit + 1,
    with: withTicketTypes,
    extras: { cursorAt: cursorTimestamp(events.createdAt).as('cursor_at') },
  });
  return pageOf(rows, page.limit);
}

export async function updateEvent(
  database: Database,
  id: string,
  patch: UpdateEventBody,
): Promise<EventWithTicketTypes | undefined> {
  // A status change is made only from a status allowed to become it (EVENT_STATUS_TRANSITIONS), in
  // the UPDATE itself: two concurrent PATCHes cannot both pass a check made before it.
  const to = patch.status;
  if (patch.salesStartAt !== undefined && (await findEvent(database, id))?.preQueueOpensAt) {
    throw new StateConflict(`Event ${id} has a pre-queue, drawn at its salesStartAt: salesStartAt cannot be changed.`);
  }
  const [updated] = await ormOf(database)
    .update(events)
    .set({
      status: to,
      salesStartAt: optionalDate(patch.salesStartAt),
      salesEndAt: optionalDate(patch.salesEndAt),
    })
    .where(to === undefined ? eq(events.id, id) : and(eq(events.id, id), inArray(events.status, eventStatusesBecoming(to))))
    .returning({ id: events.id });
  if (updated) return findEvent(database, id);
  const current = to === undefined ? undefined : await findEvent(database, id);
  if (current) throw new StateConflict(`Event ${id} is ${current.status}; it cannot become ${to}.`, { eventStatus: current.status });
  return undefined;
}
