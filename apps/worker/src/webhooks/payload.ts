import type { DeliveryToSend } from '@onsale/db';

/** A webhook's body, as Standard Webhooks shapes it. */
export interface WebhookPayload {
  type: string;
  /** When the change committed. */
  timestamp: string;
  data: Record<string, unknown>;
}

/**
 * The body of a delivery. A reservation's webhook is thin (`{ id, eventId, status, sequence }`,
 * the status its type names; a receiver reads the rest from GET /v1/reservations/:id), built here
 * from the message's columns so that the decision stores no payload. Other types carry their
 * stored `data`, with `sequence` when they are about a reservation.
 */
export function webhookPayload(delivery: Pick<DeliveryToSend, 'type' | 'createdAt' | 'eventId' | 'reservationId' | 'sequence' | 'data'>): WebhookPayload {
  const { type, sequence } = delivery;
  // Only a reservation's message stores no data (a constraint of webhook_messages).
  const data =
    delivery.data === null
      ? { id: delivery.reservationId, eventId: delivery.eventId, status: type.slice('reservation.'.length), sequence }
      : { ...(delivery.data as Record<string, unknown>), ...(sequence === null ? {} : { sequence }) };
  return { type, timestamp: delivery.createdAt.toISOString(), data };
}
