import { randomUUID, createHash } from 'node:crypto';
import { acceptReservation, createEvent, type Database, type QueuedReservationInput } from '@onsale/db';
import { partitionFor } from '@onsale/queue';
import { DEFAULT_PARTITION_COUNT, type CreateEventBody } from '@onsale/shared';

export function eventBody(overrides: Partial<CreateEventBody> = {}): CreateEventBody {
  return {
    name: 'Stadium tour',
    startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    holdTtlSeconds: 600,
    ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5000, capacity: 100 }],
    ...overrides,
  };
}

export async function givenEvent(database: Database, overrides: Partial<CreateEventBody> = {}) {
  return createEvent(database, eventBody(overrides));
}

type EventOfTypes = { id: string; ticketTypes: { id: string; code: string }[] };

/** A request as the API records it; items by ticket type code. */
export function queuedReservationInput(
  event: EventOfTypes,
  items: { ticketType: string; quantity: number }[],
  request: { customerId?: string; idempotencyKey?: string | null } = {},
): QueuedReservationInput {
  const id = randomUUID();
  const byCode = new Map(event.ticketTypes.map((ticketType) => [ticketType.code, ticketType.id]));
  return {
    id,
    eventId: event.id,
    partition: partitionFor(event.id, DEFAULT_PARTITION_COUNT),
    customerId: request.customerId ?? `customer-${randomUUID()}`,
    items: items.map((item) => ({ ticketTypeId: byCode.get(item.ticketType)!, quantity: item.quantity })),
    idempotencyKey: request.idempotencyKey ?? null,
    requestHash: createHash('sha256').update(JSON.stringify(items)).digest('hex'),
    requestId: `test-${id}`,
  };
}

/** Records a queued reservation as the API does; items by ticket type code. */
export async function givenQueuedReservation(
  database: Database,
  event: EventOfTypes,
  items: { ticketType: string; quantity: number }[],
  customerId = `customer-${randomUUID()}`,
) {
  const input = queuedReservationInput(event, items, { customerId });
  await acceptReservation(database, input);
  return { id: input.id, eventId: event.id, customerId };
}
