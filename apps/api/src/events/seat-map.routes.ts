import { findEvent, replaceSeatMap, toEventView, type Database } from '@onsale/db';
import {
  eventIdParams,
  eventView,
  NotFound,
  replaceSeatMapBody,
  seatMapIssues,
  seatMapView,
  StateConflict,
  ValidationFailed,
} from '@onsale/shared';
import { z } from 'zod';
import type { RouteTable } from '../http/route';
import type { SeatMapCache } from './seat-map-cache';

const tags = ['events'];

const etagOf = (version: string) => `"${version}"`;

/** True when an If-None-Match header names the ETag (or is `*`). */
const matches = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => ['*', etag, `W/${etag}`].includes(tag.trim()));

export function addSeatMapRoutes(routes: RouteTable, deps: { db: Database; seatMaps: SeatMapCache }): void {
  routes.add({
    method: 'put',
    path: '/v1/events/:eventId/seat-map',
    operationId: 'replaceSeatMap',
    summary: 'Replace the seat map before sales start; seated ticket types take their new seat counts as capacity',
    tags,
    access: 'admin',
    params: eventIdParams,
    body: replaceSeatMapBody,
    responses: {
      200: { description: 'The event with its new capacities', schema: eventView },
      400: { description: 'Invalid map: duplicate labels, unknown ticket types (field errors)' },
      401: { description: 'No valid token' },
      403: { description: 'Not an admin' },
      404: { description: 'No such event' },
      409: { description: 'Sales have started (no future salesStartAt, or seats held or sold)' },
    },
    handle: async ({ params, body }) => {
      const event = await findEvent(deps.db, params.eventId);
      if (!event) throw new NotFound(`No event ${params.eventId}.`);
      const issues = seatMapIssues(body.seatMap, event.ticketTypes.map(({ code }) => ({ code })));
      if (issues.length > 0) {
        throw new ValidationFailed(
          'The seat map is not valid.',
          issues.map((issue) => ({ path: ['body', ...issue.path].join('.'), message: issue.message })),
        );
      }
      const outcome = await replaceSeatMap(deps.db, params.eventId, body.seatMap);
      if (outcome.kind === 'not_found') throw new NotFound(`No event ${params.eventId}.`);
      if (outcome.kind === 'sales_started') {
        throw new StateConflict('Sales have started: the seat map can only be replaced while salesStartAt is in the future and no seat is held or sold.');
      }
      return { status: 200, body: toEventView((await findEvent(deps.db, params.eventId))!) };
    },
  });

  routes.add({
    method: 'get',
    path: '/v1/events/:eventId/seats',
    operationId: 'getSeatMap',
    summary: 'The seat map with every seat free, held or sold (run-length per row); ETag, 304 when unchanged',
    tags,
    access: 'public',
    params: eventIdParams,
    headers: z.object({ 'If-None-Match': z.string().max(1024).optional() }),
    responses: {
      200: { description: 'The seat map and its states; the ETag is its version', schema: seatMapView },
      304: { description: 'Unchanged since the ETag given in If-None-Match' },
      400: { description: 'The event id is not a UUID' },
      404: { description: 'No such event, or it sells no seats' },
    },
    handle: async ({ params, headers }) => {
      const map = await deps.seatMaps.get(params.eventId);
      if (!map) throw new NotFound(`No seat map for event ${params.eventId}.`);
      const etag = etagOf(map.version);
      const cacheHeaders = { ETag: etag, 'Cache-Control': 'no-cache' };
      if (matches(headers['If-None-Match'], etag)) return { status: 304, headers: cacheHeaders };
      return { status: 200, body: map, headers: cacheHeaders };
    },
  });
}
