import { z } from 'zod';
import { isoDateTime, storableText } from './common';
import { ticketTypeCode } from './event';

export const RESERVATION_STATUSES = ['queued', 'held', 'rejected', 'confirmed', 'cancelled', 'expired'] as const;
export const reservationStatus = z.enum(RESERVATION_STATUSES);
export type ReservationStatus = z.infer<typeof reservationStatus>;

/**
 * States after which a reservation changes only if its owner acts again (a sale can still be
 * cancelled). An SSE stream ends after one of these.
 */
export const SETTLED_STATUSES: readonly ReservationStatus[] = ['rejected', 'confirmed', 'cancelled', 'expired'];

export const REJECTION_REASONS = [
  'sold_out',
  'limit_exceeded',
  'sales_closed',
  'event_not_on_sale',
  'unknown_ticket_type',
  /** The database refused to record the decision however it was retried; logged with the request's id. */
  'internal_error',
] as const;
export const rejectionReason = z.enum(REJECTION_REASONS);
export type RejectionReason = z.infer<typeof rejectionReason>;

export const createReservationBody = z
  .strictObject({
    items: z
      .array(z.strictObject({ ticketType: ticketTypeCode, quantity: z.int().min(1).max(100) }))
      .min(1)
      .max(20),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.items.forEach((item, index) => {
      if (seen.has(item.ticketType)) {
        ctx.addIssue({ code: 'custom', path: ['items', index, 'ticketType'], message: 'listed twice' });
      }
      seen.add(item.ticketType);
    });
  });
export type CreateReservationBody = z.infer<typeof createReservationBody>;

export const idempotencyKeyHeader = storableText(1, 255);

export const reservationView = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  customerId: z.string(),
  status: reservationStatus,
  reason: rejectionReason.optional(),
  items: z.array(z.object({ ticketType: z.string(), quantity: z.int() })),
  expiresAt: isoDateTime.optional(),
  createdAt: isoDateTime,
  decidedAt: isoDateTime.optional(),
  updatedAt: isoDateTime,
  /** Increases by one with every state change; SSE event ids use it. */
  version: z.int(),
});
export type ReservationView = z.infer<typeof reservationView>;

export const reservationIdParams = z.strictObject({ id: z.uuid() });
