import { z } from 'zod';
import { isoDateTime, storableText } from './common';
import { reservationSeatView, seatLabel } from './seat-map';
import { ticketTypeCode } from './ticket-type-code';

export const RESERVATION_STATUSES = ['queued', 'held', 'rejected', 'confirmed', 'cancelled', 'expired'] as const;
export const reservationStatus = z.enum(RESERVATION_STATUSES).meta({ id: 'ReservationStatus' });
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
  /** Exact seats: some were already held or sold (named in `takenSeats`). */
  'seats_taken',
  /** Best available with `together`: no row has that many adjacent free seats, and `allowSplit` was not given. */
  'not_together_available',
  /** Exact seats: a seat no longer exists (the map was replaced after the request was recorded). */
  'unknown_seats',
  /** The database refused to record the decision however it was retried; logged with the request's id. */
  'internal_error',
] as const;
export const rejectionReason = z.enum(REJECTION_REASONS).meta({ id: 'RejectionReason' });
export type RejectionReason = z.infer<typeof rejectionReason>;

/**
 * General admission or best available (`items`; `together` asks seated items for adjacent seats
 * in one row, `allowSplit` accepts separate seats when no row has room), or exact seats by label
 * (`seats`, all or nothing).
 */
export const createReservationBody = z
  .strictObject({
    items: z
      .array(z.strictObject({ ticketType: ticketTypeCode, quantity: z.int().min(1).max(100), together: z.boolean().optional() }))
      .min(1)
      .max(20)
      .optional(),
    seats: z.array(seatLabel).min(1).max(100).optional(),
    allowSplit: z.boolean().optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.items === undefined) === (body.seats === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['items'], message: 'give exactly one of items and seats' });
    }
    if (body.seats && body.allowSplit !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['allowSplit'], message: 'only with items' });
    }
    const seen = new Set<string>();
    body.items?.forEach((item, index) => {
      if (seen.has(item.ticketType)) {
        ctx.addIssue({ code: 'custom', path: ['items', index, 'ticketType'], message: 'listed twice' });
      }
      seen.add(item.ticketType);
    });
    const seenSeats = new Set<string>();
    body.seats?.forEach((label, index) => {
      if (seenSeats.has(label)) ctx.addIssue({ code: 'custom', path: ['seats', index], message: 'listed twice' });
      seenSeats.add(label);
    });
  })
  .meta({ id: 'CreateReservationRequest' });
export type CreateReservationBody = z.infer<typeof createReservationBody>;

export const idempotencyKeyHeader = storableText(1, 255);

export const QUEUE_OUTLOOKS = ['likely_available', 'likely_sold_out', 'unknown'] as const;

/**
 * A queued request's place in its event's queue, as the API instance that answers knows it from
 * the workers' commits: exact (the event is decided in arrival order by one writer), and never
 * going up while it waits.
 */
export const queuePlace = z.object({
  /** 1: the next request of the event to be decided. */
  position: z.int().positive(),
  /** Requests of the event recorded before it and not decided yet (position − 1). */
  requestsAhead: z.int().nonnegative(),
  /** The tickets those requests ask for, all ticket types together. */
  ticketsAhead: z.int().nonnegative(),
  /** When it should be decided, from the event's measured (smoothed) decision rate; null while there is no rate. */
  estimatedDecisionAt: isoDateTime.nullable(),
  /**
   * `likely_available`: even if every request ahead were granted, enough tickets of its types would
   * be left; `likely_sold_out`: the tickets asked for ahead of it already exceed what is left;
   * `unknown`: in between, or not known.
   */
  outlook: z.enum(QUEUE_OUTLOOKS),
}).meta({ id: 'QueuePlace' });
export type QueuePlace = z.infer<typeof queuePlace>;

/**
 * A request waiting in its event's pre-queue (or arrived after salesStartAt, before the draw
 * ran): no position until the draw at `drawAt` puts the pre-queue in a random order, anyone can
 * check how (GET /v1/events/{eventId}/draw).
 */
export const preQueuePlace = z.object({
  position: z.null(),
  /** When the draw runs: the event's salesStartAt. */
  drawAt: isoDateTime,
}).meta({ id: 'PreQueuePlace' });
export type PreQueuePlace = z.infer<typeof preQueuePlace>;

export const reservationView = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  customerId: z.string(),
  status: reservationStatus,
  reason: rejectionReason.optional(),
  items: z.array(z.object({ ticketType: z.string(), quantity: z.int() })),
  /** The seats it holds or held (seated ticket types only). */
  seats: z.array(reservationSeatView).optional(),
  /** A `seats_taken` rejection: the asked-for seats that were already taken. */
  takenSeats: z.array(z.string()).optional(),
  expiresAt: isoDateTime.optional(),
  createdAt: isoDateTime,
  decidedAt: isoDateTime.optional(),
  updatedAt: isoDateTime,
  /** Increases by one with every state change; SSE event ids use it. */
  version: z.int(),
  /**
   * While `queued`: its place in the event's queue (absent when the answering instance cannot tell
   * yet); `position: null` with `drawAt` while it waits for the event's draw.
   */
  queue: z.union([queuePlace, preQueuePlace]).optional(),
}).meta({ id: 'Reservation' });
export type ReservationView = z.infer<typeof reservationView>;

export const reservationIdParams = z.strictObject({ id: z.uuid() });
