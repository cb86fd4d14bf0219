import { createHash, randomUUID } from 'node:crypto';
import type { QueuedReservationInput } from '@onsale/db';
import { NotFound, UnprocessableRequest, type CreateReservationBody, type ReservationView } from '@onsale/shared';
import type { EventCatalog } from '../events/event-catalog';
import type { RequestContext } from './request-context';

/** What tells a replay (same key, same request) from a reused Idempotency-Key. */
export const requestHashOf = (eventId: string, body: CreateReservationBody) =>
  createHash('sha256').update(JSON.stringify({ eventId, items: body.items })).digest('hex');

/**
 * Checks a request against its event (does it exist, does it sell these codes) and turns it into
 * the row to record: ticket type ids, the event's partition, a new reservation id.
 */
export async function prepareReservationRequest(
  deps: { catalog: EventCatalog; partitionOf: (eventId: string) => number },
  context: RequestContext,
  eventId: string,
  body: CreateReservationBody,
  idempotencyKey: string | undefined,
): Promise<QueuedReservationInput> {
  const event = await deps.catalog.get(eventId);
  if (!event) throw new NotFound(`No event ${eventId}.`);
  const idsByCode = new Map(event.ticketTypes.map((ticketType) => [ticketType.code, ticketType.id]));
  const unknown = body.items.flatMap((item, index) =>
    idsByCode.has(item.ticketType) ? [] : [{ path: `body.items.${index}.ticketType`, message: `unknown code ${item.ticketType}` }],
  );
  if (unknown.length > 0) throw new UnprocessableRequest('The event sells no such ticket type.', unknown);
  return {
    id: randomUUID(),
    eventId,
    partition: deps.partitionOf(eventId),
    customerId: context.principal.sub,
    items: body.items.map((item) => ({ ticketTypeId: idsByCode.get(item.ticketType)!, quantity: item.quantity })),
    idempotencyKey: idempotencyKey ?? null,
    requestHash: requestHashOf(eventId, body),
    requestId: context.requestId,
  };
}

/** A request just recorded, as the 202 shows it: nothing read back from the database but its time. */
export function queuedView(request: QueuedReservationInput, body: CreateReservationBody, createdAt: Date): ReservationView {
  const at = createdAt.toISOString();
  return {
    id: request.id,
    eventId: request.eventId,
    customerId: request.customerId,
    status: 'queued',
    items: body.items,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}
