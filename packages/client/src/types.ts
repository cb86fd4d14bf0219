import type { paths } from './openapi';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;

export type Event = Json<paths['/v1/events/{eventId}']['get']['responses'][200]>;
export type EventPage = Json<paths['/v1/events']['get']['responses'][200]>;
export type CreateEvent = paths['/v1/events']['post']['requestBody']['content']['application/json'];
export type UpdateEvent = paths['/v1/events/{eventId}']['patch']['requestBody']['content']['application/json'];
export type Reservation = Json<paths['/v1/reservations/{id}']['get']['responses'][200]>;
export type ReservationItem = Reservation['items'][number];
/** What `POST /v1/events/{eventId}/reservations` takes: items (with `together` for seats), or exact seats. */
export type ReservationRequest = paths['/v1/events/{eventId}/reservations']['post']['requestBody']['content']['application/json'];
export type SeatMap = Json<paths['/v1/events/{eventId}/seats']['get']['responses'][200]>;
export type ReservationStatus = Reservation['status'];
/** A queued request's place in its event's queue (`position` 1: the next to be decided), with its ETA and outlook. */
export type QueuePlace = NonNullable<Reservation['queue']>;
export type Backlog = Json<paths['/v1/admin/backlog']['get']['responses'][200]>;
export type SalesPage = Json<paths['/v1/admin/events/{eventId}/sales']['get']['responses'][200]>;
export type DeadLetterPage = Json<paths['/v1/admin/dead-letters']['get']['responses'][200]>;
export type DeadLetter = DeadLetterPage['items'][number];
export type Redrive = Json<paths['/v1/admin/dead-letters/{id}/redrive']['post']['responses'][200]>;

/** States after which a reservation changes no more. */
export const SETTLED: readonly ReservationStatus[] = ['rejected', 'confirmed', 'cancelled', 'expired'];
