import {
  createEvent,
  findEvent,
  isConstraintViolation,
  listEvents,
  toEventView,
  updateEvent,
  type Database,
} from '@onsale/db';
import {
  createEventBody,
  eventIdParams,
  eventView,
  NotFound,
  paginated,
  paginationQuery,
  StateConflict,
  updateEventBody,
  ValidationFailed,
  type UpdateEventBody,
} from '@onsale/shared';
import type { RouteTable } from '../http/route';

const tags = ['events'];

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
    responses: {
      201: { description: 'Created', schema: eventView },
      400: { description: 'Invalid body' },
      401: { description: 'No valid token' },
      403: { description: 'Not an admin' },
    },
    handle: async ({ body }) => {
      const event = toEventView(await createEvent(db, body));
      return { status: 201, body: event, headers: { Location: `/v1/events/${event.id}` } };
    },
  });

  routes.add({
    method: 'get',
    path: '/v1/events',
    operationId: 'listEvents',
    summary: 'List events, oldest first',
    tags,
    access: 'public',
    query: paginationQuery,
    responses: { 200: { description: 'A page of events', schema: paginated(eventView) }, 400: { description: 'Invalid limit or cursor' } },
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
