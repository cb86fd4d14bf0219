import { NotFound, reservationIdParams } from '@onsale/shared';
import type { RouteTable } from '../http/route';
import type { ReservationService } from './reservation.service';
import { streamTokenView, type StreamTokens } from './stream-token';

/** `POST /v1/reservations/:id/stream-token`: a short-lived token for following one's own reservation from a browser. */
export function addStreamTokenRoute(routes: RouteTable, deps: { service: ReservationService; streamTokens: StreamTokens }): void {
  routes.add({
    method: 'post',
    path: '/v1/reservations/:id/stream-token',
    operationId: 'createStreamToken',
    summary: "A 60-second token for the reservation's event stream, for an EventSource that cannot send a bearer header (owner)",
    tags: ['reservations'],
    access: 'customer',
    params: reservationIdParams,
    responses: {
      201: { description: 'Use it as `GET /v1/reservations/:id/events?streamToken=…`', schema: streamTokenView },
      400: { description: 'The reservation id is not a UUID' },
      401: { description: 'No valid token' },
      404: { description: 'Not found' },
    },
    handle: async ({ params, principal }) => {
      const reservation = await deps.service.get(principal, params.id);
      // Only its owner follows a reservation this way; an admin has the bearer-authenticated stream.
      if (reservation.customerId !== principal.sub) throw new NotFound(`No reservation ${params.id}.`);
      return { status: 201, body: deps.streamTokens.issue(principal, params.id), headers: { 'Cache-Control': 'no-store' } };
    },
  });
}
