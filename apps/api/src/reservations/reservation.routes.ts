import type { Database } from '@onsale/db';
import type { ReservationUpdates } from '@onsale/queue';
import {
  createReservationBody,
  eventIdParams,
  idempotencyKeyHeader,
  paginated,
  paginationQuery,
  reservationIdParams,
  reservationView,
} from '@onsale/shared';
import { z } from 'zod';
import type { Authenticate } from '../http/authenticate';
import type { Reply, RouteTable } from '../http/route';
import type { CommandReply, ReservationService } from './reservation.service';
import { etagOf, type ReservationPolls } from './reservation-polls';
import { streamReservation } from './reservation-stream';
import type { StreamTokens } from './stream-token';

const tags = ['reservations'];
const locationOf = (id: string) => `/v1/reservations/${id}`;

const commandReply = (reply: CommandReply): Reply => ({
  status: reply.pending ? 202 : 200,
  body: reply.reservation,
  headers: reply.pending ? { Location: locationOf(reply.reservation.id) } : {},
});

/** `POST /v1/events/:eventId/reservations` as it is validated and documented; the handler is added with it. */
export const reservationRequestRoute = {
  method: 'post',
  path: '/v1/events/:eventId/reservations',
  operationId: 'requestReservation',
  summary: 'Ask for tickets; the request is queued and decided in arrival order',
  tags,
  access: 'customer',
  params: eventIdParams,
  // A malformed Idempotency-Key is a 400 like any other invalid input.
  headers: z.object({ 'Idempotency-Key': idempotencyKeyHeader.optional() }),
  body: createReservationBody,
  responses: {
    202: {
      description: 'Accepted and queued; poll the Location or subscribe to its events',
      schema: reservationView,
      headers: {
        Location: 'The reservation, to poll',
        ETag: 'The version (and place) to send back as If-None-Match on the first poll',
        'Idempotent-Replayed': 'The answer to an earlier request with the same Idempotency-Key and body',
      },
    },
    400: { description: 'Invalid body or Idempotency-Key' },
    401: { description: 'No valid token' },
    404: { description: 'No such event' },
    409: { description: 'sold_out: fewer tickets are left than the request asks for; nothing was recorded (a final answer)' },
    422: { description: 'Unknown ticket type, or Idempotency-Key reused with another body' },
    429: {
      description:
        'rate_limited: over a rate limit (RateLimit, RateLimit-Policy and Retry-After say which and until when); too_many_queued: the customer already has the most undecided requests for the event that one may',
    },
    503: {
      description: 'backlog_full: the event has more requests waiting than can be decided within the configured wait (Retry-After); or PostgreSQL/Redis unreachable',
      headers: { 'Retry-After': 'Seconds to wait before asking again' },
    },
  },
} as const;

export function addReservationRoutes(
  routes: RouteTable,
  deps: {
    service: ReservationService;
    database: Database;
    updates: ReservationUpdates;
    polls: ReservationPolls;
    authenticate: Authenticate;
    streamTokens: StreamTokens;
  },
): void {
  const { service } = deps;

  routes.add({
    ...reservationRequestRoute,
    lean: true,
    // The route's context is passed on as the request's: its `log` stays lazy (a child logger a buy
    // costs ~1 % of the API's CPU, and the buy path logs nothing when all goes well).
    handle: async (context) => {
      const { params, body, headers } = context;
      const { reservation, replayed } = await service.request(context, params.eventId, body, headers['Idempotency-Key']);
      return {
        status: 202,
        body: reservation,
        // The ETag a first poll sends back, so that no instance answers it with a place further back.
        headers: { Location: locationOf(reservation.id), ETag: etagOf(reservation), ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
      };
    },
  });

  routes.add({
    method: 'get',
    path: '/v1/reservations/:id',
    operationId: 'getReservation',
    summary: 'A reservation and its decision (owner or admin)',
    tags,
    access: 'customer',
    params: reservationIdParams,
    headers: z.object({ 'If-None-Match': z.string().max(1024).optional() }),
    polled: true,
    lean: true,
    responses: {
      200: {
        description:
          'The reservation, with `ETag` (its version, and its position while queued); while queued, its `queue` place and `Retry-After`: when a new poll is worth making',
        schema: reservationView,
        headers: { ETag: 'Its version, and its position while queued', 'Retry-After': 'While queued: seconds until a new poll is worth making' },
      },
      304: {
        description: '`If-None-Match` names the current ETag (or a position nearer the front than this instance knows): unchanged, no body',
        headers: { ETag: 'Its version, and its position while queued', 'Retry-After': 'While queued: seconds until a new poll is worth making' },
      },
      400: { description: 'The reservation id is not a UUID' },
      401: { description: 'No valid token' },
      404: { description: 'Not found' },
    },
    handle: async ({ params, headers, principal }) => {
      const answer = await service.poll(principal, params.id, headers['If-None-Match']);
      const replyHeaders = { ETag: answer.etag, ...(answer.retryAfterSeconds ? { 'Retry-After': String(answer.retryAfterSeconds) } : {}) };
      return answer.kind === 'not_modified' ? { status: 304, headers: replyHeaders } : { status: 200, body: answer.reservation, headers: replyHeaders };
    },
  });

  routes.add({
    method: 'get',
    path: '/v1/reservations/:id/events',
    operationId: 'streamReservation',
    summary:
      'Server-Sent Events: the current state, then every change, ending after a settled state (owner or admin: bearer token, or `?streamToken=` from POST …/stream-token)',
    tags,
    // Authenticated in the handler: a bearer token, or a stream token for a browser's EventSource.
    access: 'public',
    security: [{ bearerAuth: [] }, { streamToken: [] }],
    params: reservationIdParams,
    query: z.strictObject({ streamToken: z.string().max(2048).optional() }),
    head: { operationId: 'checkReservationStream', summary: 'Whether the stream would open (owner or admin), with its headers and no body' },
    responses: {
      200: {
        description: '`reservation` events (`id` its version), each with the reservation as data, ending after a settled state',
        events: { reservation: reservationView },
        headers: { 'Cache-Control': '`no-cache`' },
      },
      400: { description: 'The reservation id is not a UUID' },
      401: { description: 'No valid bearer or stream token' },
      403: { description: 'The stream token is for another reservation' },
      404: { description: 'Not found' },
    },
    handle: async ({ params, query, req, res }) => {
      const principal = query.streamToken ? deps.streamTokens.verify(query.streamToken, params.id) : await deps.authenticate(req, 'customer');
      await service.get(principal, params.id);
      await streamReservation(deps, params.id, res);
    },
  });

  routes.add({
    method: 'post',
    path: '/v1/reservations/:id/confirm',
    operationId: 'confirmReservation',
    summary: 'Turn a hold into a sale (owner)',
    tags,
    access: 'customer',
    params: reservationIdParams,
    responses: {
      200: { description: 'Confirmed', schema: reservationView },
      202: { description: 'Queued behind earlier requests; follow the Location', schema: reservationView, headers: { Location: 'The reservation, to poll' } },
      400: { description: 'The reservation id is not a UUID' },
      401: { description: 'No valid token' },
      404: { description: 'Not found' },
      409: { description: 'The reservation is not held (expired, cancelled, rejected or still queued)' },
    },
    handle: async (context) => commandReply(await service.confirm(context, context.params.id)),
  });

  routes.add({
    method: 'post',
    path: '/v1/reservations/:id/cancel',
    operationId: 'cancelReservation',
    summary: 'Release a queued request, a hold or a sale (owner)',
    tags,
    access: 'customer',
    params: reservationIdParams,
    responses: {
      200: { description: 'Cancelled', schema: reservationView },
      202: { description: 'The release is queued; follow the Location', schema: reservationView, headers: { Location: 'The reservation, to poll' } },
      400: { description: 'The reservation id is not a UUID' },
      401: { description: 'No valid token' },
      404: { description: 'Not found' },
      409: { description: 'Rejected or expired: nothing to release' },
    },
    handle: async (context) => commandReply(await service.cancel(context, context.params.id)),
  });

  routes.add({
    method: 'get',
    path: '/v1/customers/me/reservations',
    operationId: 'listMyReservations',
    summary: "The caller's reservations, newest first",
    tags,
    access: 'customer',
    query: paginationQuery,
    responses: {
      200: { description: 'A page of reservations', schema: paginated(reservationView) },
      400: { description: 'Invalid limit or cursor' },
      401: { description: 'No valid token' },
    },
    handle: async ({ query, principal }) => ({ status: 200, body: await service.listMine(principal, query) }),
  });
}
