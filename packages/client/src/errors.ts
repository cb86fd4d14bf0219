import type { components } from './openapi';
import type { RejectedReservation, RejectionReason } from './types';

export type Problem = components['schemas']['Problem'];

/** The API answered with an error: its status and, when it sent one, its problem+json. */
export class OnsaleApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
    operation: string,
  ) {
    super(`${operation}: ${status} ${problem ? `${problem.title}: ${problem.detail}` : 'no problem details'}`);
    this.name = 'OnsaleApiError';
  }
}

/** The API could not be reached at all (wrong URL, refused, DNS). */
export class OnsaleUnreachable extends Error {
  constructor(baseUrl: string, cause: unknown) {
    super(`cannot reach the Onsale API at ${baseUrl}: ${cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : String(cause)}`, { cause });
    this.name = 'OnsaleUnreachable';
  }
}

/**
 * A request for tickets was turned down: `reserve` and `decision` throw it instead of resolving
 * with a hold. `reason` says why; `reservation` is the rejected reservation when one was recorded
 * (a partition writer decided it), absent when the API refused the request at once and recorded
 * nothing (`409`).
 */
export class ReservationRejected extends Error {
  readonly code: RejectionReason;
  constructor(
    readonly reason: RejectionReason,
    readonly eventId: string,
    readonly reservation?: RejectedReservation,
    detail?: string,
  ) {
    super(`reserve on ${eventId}: rejected, ${reason}${reservation ? ` (reservation ${reservation.id})` : ' (nothing recorded)'}${detail ? `: ${detail}` : ''}`);
    this.name = 'ReservationRejected';
    this.code = reason;
  }
}

/**
 * Fewer tickets are left than the request asks for, whether the API answered `409 sold_out` at
 * once (nothing recorded: `reservation` is absent) or a partition writer decided it (`reservation`
 * is the rejected one). Thrown by `request`, `reserve` and `decision`.
 */
export class SoldOut extends ReservationRejected {
  constructor(eventId: string, reservation?: RejectedReservation, detail?: string) {
    super('sold_out', eventId, reservation, detail);
    this.name = 'SoldOut';
  }
}

/** The error a rejected reservation is told with: SoldOut for `sold_out`, ReservationRejected otherwise. */
export function rejectionOf(reservation: RejectedReservation): ReservationRejected {
  return reservation.reason === 'sold_out' ? new SoldOut(reservation.eventId, reservation) : new ReservationRejected(reservation.reason, reservation.eventId, reservation);
}
