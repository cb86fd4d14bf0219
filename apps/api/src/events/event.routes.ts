import { createHash } from 'node:crypto';
import {
  createEventOnce,
  findEvent,
  isConstraintViolation,
  listEvents,
  updateEvent,
  type Database,
} from '@onsale/db';
import { toEventView } from '@onsale/domain';
import {
  createEventBody,
  eventIdParams,
  eventListQuery,
  eventView,
  IdempotencyKeyReused,
  idempotencyKeyHeader,
  NotFound,
  paginated,
  StateConflict,
  updateEventBody,
  ValidationFailed,
  type CreateEventBody,
  type UpdateEventBody,
} from '@onsale/shared';
import { z } from 'zod';
import type { RouteTable } from '../http/route';

const tags = ['events'];

/** What tells a retried create (same key, same body) from a reused Idempotency-Key: the parsed body, in the schema's key order. */
const eventRequestHashOf = (body: CreateEventBody) => createHash('sha256').update(JSON.stringify(body)).digest('hex');

/**
 * Applies a PATCH. An empty one is a 400 (there is no column to set), and a sales window that the
 * patch would invert together with the stored bound is a 409: the schema can only compare the
 * bounds the request itself carries, the database's check constraint compares the result.
 */
async function patchEvent(db: Database, eventId: string, patch: UpdateEventBody) {
  if (Object.values(patch).every((value) => value === undefined)) {
    throw new ValidationFailed('The request body changes nothing.', [
      { path: 'body', message: 'send at least one of status, salesStartAt, salesEndAt' },
    ]);
  }
  try {
    return await updateEvent(db, eventId, patch);
  } catch (error) {
    if (isConstraintViolation(error, 'events_sales_window_ordered')) {
      throw new StateConflict('The sales window would end before it starts: salesEndAt must be after salesStartAt.');
    }
    throw error;
  }
}

export function addEventRoutes(routes: RouteTable, db: Database): void {
  routes.add({
    method: 'post',
    path: '/v1/events',
    operationId: 'createEvent',
    summary: 'Create an event with its ticket types',
    tags,
    access: 'admin',
    body: createEventBody,
    // As for a reservation: a retry with the same key and body gets the event created first.
    headers: z.object({ 'Idempotency-Key': idempotencyKeyHeader.optional() }),
    responses: {
      201: {
        description: 'Created; with `Idempotent-Replayed: true`, the event this admin created before with the same Idempotency-Key and body',
        schema: eventView,
        headers: { Location: 'The event', 'Idempotent-Replayed': 'The event created before with the same Idempotency-Key and body' },
      },
      400: { description: 'Invalid body or Idempotency-Key' },
      401: { description: 'No valid token' },
      403: { description: 'Not an admin' },
      422: { description: 'Idempotency-Key reused with another body' },
    },
    handle: async ({ body, headers, principal }) => {
      const idempotencyKey = headers['Idempotency-Key'];
      const requestHash = idempotencyKey === undefined ? undefined : eventRequestHashOf(body);
      const { event, replayed } = await createEventOnce(db, body, { createdBy: principal.sub, idempotencyKey, requestHash });
      if (replayed && event.requestHash !== requestHash) {
        throw new IdempotencyKeyReused(`Idempotency-Key ${idempotencyKey} was used for a different event.`);
      }
      const view = toEventView(event);
      return { status: 201, body: view, headers: { Location: `/v1/events/${view.id}`, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) } };
    },
  });

  routes.add({
    method: 'get',
    path: '/v1/events',
    operationId: 'listEvents',
    summary: 'List events, oldest first; by status and start time',
    tags,
    access: 'public',
    query: eventListQuery,
    responses: { 200: { description: 'A page of events', schema: paginated(eventView) }, 400: { description: 'Invalid limit, cursor or filter' } },
    handle: async ({ query }) => {
      const page = await listEvents(db, query);
      return { status: 200, body: { items: page.items.map(toEventView), nextCursor: page.nextCursor } };
    },
  });

  routes.add({
    method: 'get',
    path: '/v1/events/:eventId',
    operationId: 'getEvent',
    summary: 'An event with live availability per ticket type',
    tags,
    access: 'public',
    params: eventIdParams,
    responses: {
      200: { description: 'The event', schema: eventView },
      400: { description: 'The event id is not a UUID' },
      404: { description: 'No such event' },
    },
    handle: async ({ params }) => {
      const event = await findEvent(db, params.eventId);
      if (!event) throw new NotFound(`No event ${params.eventId}.`);
      return { status: 200, body: toEventView(event) };
    },
  });

  routes.add({
    method: 'patch',
    path: '/v1/events/:eventId',
    operationId: 'updateEvent',
    summary: 'Pause, resume or cancel sales, or move the sales window',
    tags,
    access: 'admin',
    params: eventIdParams,
    body: updateEventBody,
    responses: {
      200: { description: 'The updated event', schema: eventView },
      400: { description: 'Invalid or empty body' },
      401: { description: 'No valid token' },
      403: { description: 'Not an admin' },
      404: { description: 'No such event' },
      409: { description: 'The sales window would end before it starts, or the event cannot move to that status (EVENT_STATUS_TRANSITIONS: a cancelled event stays cancelled)' },
    },
    handle: async ({ params, body }) => {
      const event = await patchEvent(db, params.eventId, body);
      if (!event) throw new NotFound(`No event ${params.eventId}.`);
      return { status: 200, body: toEventView(event) };
    },
  });
}
