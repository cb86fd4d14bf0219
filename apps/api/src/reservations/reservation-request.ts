import { createHash, randomUUID } from 'node:crypto';
import type { EventWithTicketTypes, QueuedReservationInput } from '@onsale/db';
import { NotFound, UnprocessableRequest, type CreateReservationBody, type ReservationView, type StoredSeatRequest } from '@onsale/shared';
import type { EventCatalog } from '../events/event-catalog';
import type { RequestContext } from './request-context';

/** What tells a replay (same key, same request) from a reused Idempotency-Key. */
export const requestHashOf = (eventId: string, body: CreateReservationBody) =>
  createHash('sha256')
    .update(JSON.stringify({ eventId, items: body.items, seats: body.seats, allowSplit: body.allowSplit }))
    .digest('hex');

/** Finds the ticket type of each named seat of the event; labels it has no seat for are missing. */
export type SeatLookup = (eventId: string, labels: readonly string[]) => Promise<{ label: string; ticketTypeId: string }[]>;

interface PreparedItems {
  items: QueuedReservationInput['items'];
  seatRequest: StoredSeatRequest | null;
}

/** Exact seats: their ticket types from the map (each seat a ticket), or 422 naming the labels the event has no seat for. */
async function exactSeatItems(lookup: SeatLookup, eventId: string, labels: readonly string[]): Promise<PreparedItems> {
  const found = new Map((await lookup(eventId, labels)).map((seat) => [seat.label, seat.ticketTypeId]));
  const unknown = labels.flatMap((label, index) =>
    found.has(label) ? [] : [{ path: `body.seats.${index}`, message: `the event has no seat ${label}` }],
  );
  if (unknown.length > 0) throw new UnprocessableRequest('The event has no such seat.', unknown);
  const byType: Record<string, string[]> = {};
  for (const label of labels) (byType[found.get(label)!] ??= []).push(label);
  return {
    items: Object.entries(byType).map(([ticketTypeId, typeLabels]) => ({ ticketTypeId, quantity: typeLabels.length })),
    seatRequest: { kind: 'exact', labels: byType },
  };
}

/** Items by ticket type code: ids, or 422 naming unknown codes; best-available options when a seated type is asked for. */
function countedItems(event: EventWithTicketTypes, body: CreateReservationBody, items: NonNullable<CreateReservationBody['items']>): PreparedItems {
  const byCode = new Map(event.ticketTypes.map((ticketType) => [ticketType.code, ticketType]));
  const unknown = items.flatMap((item, index) =>
    byCode.has(item.ticketType) ? [] : [{ path: `body.items.${index}.ticketType`, message: `unknown code ${item.ticketType}` }],
  );
  if (unknown.length > 0) throw new UnprocessableRequest('The event sells no such ticket type.', unknown);
  const seated = items.filter((item) => byCode.get(item.ticketType)!.seated);
  return {
    items: items.map((item) => ({ ticketTypeId: byCode.get(item.ticketType)!.id, quantity: item.quantity })),
    seatRequest:
      seated.length === 0
        ? null
        : {
            kind: 'best',
            together: seated.filter((item) => item.together).map((item) => byCode.get(item.ticketType)!.id),
            allowSplit: body.allowSplit ?? false,
          },
  };
}

/**
 * Checks a request against its event (does it exist, does it sell these codes) and turns it into
 * the row to record: ticket type ids, the event's partition, a new reservation id.
 */
export async function prepareReservationRequest(
  deps: { catalog: EventCatalog; partitionOf: (eventId: string) => number; findSeats: SeatLookup },
  context: RequestContext,
  eventId: string,
  body: CreateReservationBody,
  idempotencyKey: string | undefined,
): Promise<QueuedReservationInput> {
  const event = await deps.catalog.get(eventId);
  if (!event) throw new NotFound(`No event ${eventId}.`);
  const { items, seatRequest } = body.seats
    ? await exactSeatItems(deps.findSeats, eventId, body.seats)
    : countedItems(event, body, body.items!);
  return {
    id: randomUUID(),
    eventId,
    partition: deps.partitionOf(eventId),
    customerId: context.principal.sub,
    items,
    seatRequest,
    idempotencyKey: idempotencyKey ?? null,
    requestHash: requestHashOf(eventId, body),
    requestId: context.requestId,
  };
}

/** A request just recorded, as the 202 shows it: nothing read back from the database but its time. */
export function queuedView(
  request: QueuedReservationInput,
  body: CreateReservationBody,
  createdAt: Date,
  /** Needed for exact seats, whose items come from the seats' ticket types. */
  event?: EventWithTicketTypes,
): ReservationView {
  const codes = new Map(event?.ticketTypes.map((ticketType) => [ticketType.id, ticketType.code]));
  const items = body.items
    ? body.items.map(({ ticketType, quantity }) => ({ ticketType, quantity }))
    : request.items.map((item) => ({ ticketType: codes.get(item.ticketTypeId) ?? item.ticketTypeId, quantity: item.quantity }));
  const at = createdAt.toISOString();
  return {
    id: request.id,
    eventId: request.eventId,
    customerId: request.customerId,
    status: 'queued',
    items,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}
