import type { paths } from './openapi';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;

export type Event = Json<paths['/v1/events/{eventId}']['get']['responses'][200]>;
export type EventPage = Json<paths['/v1/events']['get']['responses'][200]>;
type CreateEventBody = paths['/v1/events']['post']['requestBody']['content']['application/json'];
/** The body of `POST /v1/events`; `holdTtlSeconds` may be left out (600 s), though the document marks its defaulted field required. */
export type CreateEvent = Omit<CreateEventBody, 'holdTtlSeconds'> & Partial<Pick<CreateEventBody, 'holdTtlSeconds'>>;
export type UpdateEvent = paths['/v1/events/{eventId}']['patch']['requestBody']['content']['application/json'];
export type SeatMap = Json<paths['/v1/events/{eventId}/seats']['get']['responses'][200]>;

/** A reservation as the API sends it, every field its status may carry (see `Reservation`). */
type ReservationBody = Json<paths['/v1/reservations/{id}']['get']['responses'][200]>;
export type ReservationStatus = ReservationBody['status'];
/** Why a request was rejected: `sold_out`, `limit_exceeded`, `sales_closed`, `seats_taken`, … */
export type RejectionReason = NonNullable<ReservationBody['reason']>;
/** A queued request's place in its event's queue (`position` 1: the next to be decided), with its ETA and outlook. */
export type QueuePlace = Extract<NonNullable<ReservationBody['queue']>, { position: number }>;
/** A request waiting for its event's fair draw: no position until the draw at `drawAt`. */
export type PreQueuePlace = Extract<NonNullable<ReservationBody['queue']>, { position: null }>;
/** What every reservation has, whatever its status. */
type ReservationBase = Omit<ReservationBody, 'status' | 'reason' | 'expiresAt' | 'queue' | 'takenSeats'>;

/** Past the queue: no `queue` place; only a rejection has a `reason`. */
interface DecidedReservation extends ReservationBase {
  queue?: undefined;
  reason?: undefined;
}

/** Recorded, waiting for its event's partition writer to decide it. */
export interface QueuedReservation extends ReservationBase {
  reason?: undefined;
  status: 'queued';
  /**
   * Its place in the event's queue; absent when the answering API instance cannot tell yet;
   * `position: null` while it waits for the event's draw (`drawAt`).
   */
  queue?: QueuePlace | PreQueuePlace;
}
/** Tickets held for the customer until `expiresAt`: confirm (pay) or cancel before then. */
export interface HeldReservation extends DecidedReservation {
  status: 'held';
  expiresAt: string;
}
/** Decided against: `reason` says why (`takenSeats` names the seats of a `seats_taken`). */
export interface RejectedReservation extends Omit<DecidedReservation, 'reason'> {
  status: 'rejected';
  reason: RejectionReason;
  takenSeats?: string[];
}
/** Sold. It can still be cancelled. */
export interface ConfirmedReservation extends DecidedReservation {
  status: 'confirmed';
  expiresAt?: string;
}
/** Released by its customer (or an admin): a request, a hold or a sale. */
export interface CancelledReservation extends DecidedReservation {
  status: 'cancelled';
  expiresAt?: string;
}
/** A hold not confirmed before its `expiresAt`: its tickets went back on sale. */
export interface ExpiredReservation extends DecidedReservation {
  status: 'expired';
  expiresAt?: string;
}

/** A reservation, discriminated by `status`: narrow on it to reach the fields that status has. */
export type Reservation = QueuedReservation | HeldReservation | RejectedReservation | ConfirmedReservation | CancelledReservation | ExpiredReservation;
/** A reservation after which nothing changes unless its customer acts again (a sale can still be cancelled). */
export type SettledReservation = RejectedReservation | ConfirmedReservation | CancelledReservation | ExpiredReservation;

export type ReservationItem = { ticketType: string; quantity: number; together?: boolean };
/**
 * What `POST /v1/events/{eventId}/reservations` takes: best available `items` (`together` asks a
 * seated item for adjacent seats in one row; `allowSplit` accepts separate seats when no row has
 * room), or exact `seats` by label (all or nothing).
 */
export type ReservationRequest = paths['/v1/events/{eventId}/reservations']['post']['requestBody']['content']['application/json'];

export type Backlog = Json<paths['/v1/admin/backlog']['get']['responses'][200]>;
type SalesBody = Json<paths['/v1/admin/events/{eventId}/sales']['get']['responses'][200]>;
/** A page of an event's sales: its confirmed reservations. */
export type SalesPage = Omit<SalesBody, 'items'> & { items: ConfirmedReservation[] };
export type DeadLetterPage = Json<paths['/v1/admin/dead-letters']['get']['responses'][200]>;
export type DeadLetter = DeadLetterPage['items'][number];
export type Redrive = Json<paths['/v1/admin/dead-letters/{id}/redrive']['post']['responses'][200]>;

/** A webhook endpoint as the admin API shows it (never its secret). */
export type WebhookEndpoint = Json<paths['/v1/admin/webhooks/endpoints/{id}']['get']['responses'][200]>;
/** An endpoint with its signing secret: only in the answer to a registration or a rotation. */
export type WebhookEndpointWithSecret = Json<paths['/v1/admin/webhooks/endpoints']['post']['responses'][201]>;
export type WebhookEventType = WebhookEndpoint['eventTypes'][number];
export type CreateWebhookEndpoint = paths['/v1/admin/webhooks/endpoints']['post']['requestBody']['content']['application/json'];
export type UpdateWebhookEndpoint = paths['/v1/admin/webhooks/endpoints/{id}']['patch']['requestBody']['content']['application/json'];
export type WebhookDeliveryPage = Json<paths['/v1/admin/webhooks/endpoints/{id}/deliveries']['get']['responses'][200]>;
/** One message to one endpoint: its state and every attempt (time, latency, status or error). */
export type WebhookDelivery = WebhookDeliveryPage['items'][number];

/**
 * A customer's place on a ticket type's waitlist: `waiting` (with its `position`), then `offered`
 * (its `offer` is a hold of the returned tickets: confirm it before `offer.expiresAt`), then
 * `accepted`, `lapsed` or `declined`; `left` when the customer left while waiting.
 */
export type WaitlistEntry = Json<paths['/v1/events/{eventId}/waitlist/{entryId}']['get']['responses'][200]>;
export type WaitlistEntryStatus = WaitlistEntry['status'];
/** An event's waitlist entries (a customer's own, or everyone's for an admin) and, for an admin, each ticket type's counters. */
export type WaitlistEntryList = Json<paths['/v1/events/{eventId}/waitlist']['get']['responses'][200]>;

/** An event's fair draw: its commitment and method, and once it ran, its seed (see `checkDraw`). */
export type Draw = Json<paths['/v1/events/{eventId}/draw']['get']['responses'][200]>;
/** A page of a drawn pre-queue's entries, position 1 first: each the SHA-256 of its request id, with its rank. */
export type DrawEntryPage = Json<paths['/v1/events/{eventId}/draw/entries']['get']['responses'][200]>;
export type DrawEntry = DrawEntryPage['items'][number];

/** States after which a reservation changes no more (unless its customer acts again). */
export const SETTLED: readonly ReservationStatus[] = ['rejected', 'confirmed', 'cancelled', 'expired'];

export const isSettled = (reservation: Reservation): reservation is SettledReservation => SETTLED.includes(reservation.status);
