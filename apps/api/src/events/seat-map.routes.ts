import { findEvent, replaceSeatMap, type Database } from '@onsale/db';
import { toEventView } from '@onsale/domain';
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
import { preferredEncoding, type SeatMapCache } from './seat-map-cache';

const tags = ['events'];

/** True when an If-None-Match header names the ETag (or is `*`). */
const matches = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => ['*', etag, `W/${etag}`].includes(tag.trim()));

export function addSeatMapRoutes(routes: RouteTable, deps: { database: Database; seatMaps: SeatMapCache }): void {
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
      const event = await findEvent(deps.database, params.eventId);
      if (!event) throw new NotFound(`No event ${params.eventId}.`);
      const issues = seatMapIssues(body.seatMap, event.ticketTypes.map(({ code }) => ({ code })));
      if (issues.length > 0) {
        throw new ValidationFailed(
          'The seat map is not valid.',
          issues.map((issue) => ({ path: ['body', ...issue.path].join('.'), message: issue.message })),
        );
      }
      const outcome = await replaceSeatMap(deps.database, params.eventId, body.seatMap);
      if (outcome.kind === 'not_found') throw new NotFound(`No event ${params.eventId}.`);
      if (outcome.kind === 'sales_started') {
        throw new StateConflict('Sales have started: the seat map can only be replaced while salesStartAt is in the future and no seat is held or sold.');
      }
      const replaced = (await findEvent(deps.database, params.eventId))!;
      // This process serves the new map at once; the others learn its version from their next re-read.
      deps.seatMaps.replaced(replaced);
      return { status: 200, body: toEventView(replaced) };
    },
  });

  routes.add({
    method: 'get',
    path: '/v1/events/:eventId/seats',
    operationId: 'getSeatMap',
    summary: 'The seat map with every seat free, held or sold (run-length per row); ETag, 304 when unchanged; gzip or br when accepted',
    tags,
    access: 'public',
    params: eventIdParams,
    headers: z.object({ 'If-None-Match': z.string().max(1024).optional() }),
    // Polled by every buyer's page during a seated rush.
    polled: true,
    lean: true,
    responses: {
      200: {
        description: 'The seat map and its states; the ETag is its version',
        schema: seatMapView,
        headers: {
          ETag: 'The map\u2019s version',
          'Cache-Control': '`no-cache`: revalidate with If-None-Match',
          Vary: '`Accept-Encoding`',
          'Content-Encoding': 'gzip or br, when accepted',
        },
      },
      304: {
        description: 'Unchanged since the ETag given in If-None-Match',
        headers: { ETag: 'The map\u2019s version', 'Cache-Control': '`no-cache`: revalidate with If-None-Match', Vary: '`Accept-Encoding`' },
      },
      400: { description: 'The event id is not a UUID' },
      404: { description: 'No such event, or it sells no seats' },
    },
    handle: async ({ params, headers, req, res }) => {
      const map = await deps.seatMaps.get(params.eventId);
      if (!map) throw new NotFound(`No seat map for event ${params.eventId}.`);
      const cacheHeaders = { ETag: map.etag, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' };
      if (matches(headers['If-None-Match'], map.etag)) return { status: 304, headers: cacheHeaders };
      // The body serialised (and compressed) once per version, written as it is.
      const { body, encoding } = await map.encoded(preferredEncoding(req.get('Accept-Encoding')));
      res
        .status(200)
        .set({
          ...cacheHeaders,
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': String(body.length),
          ...(encoding ? { 'Content-Encoding': encoding } : {}),
        })
        .end(body);
    },
  });
}
