import { readDraw, readDrawEntries, type Database, type DrawState } from '@onsale/db';
import { DRAW_METHOD } from '@onsale/domain';
import { drawEntryView, drawView, eventIdParams, NotFound, paginated, paginationQuery, ValidationFailed, type DrawView } from '@onsale/shared';
import type { RouteTable } from '../http/route';

const tags = ['events'];

function statusOf(draw: DrawState, nowMs: number): DrawView['status'] {
  if (draw.drawnAt) return 'drawn';
  if (draw.drawAt.getTime() <= nowMs) return 'drawing';
  return draw.preQueueOpensAt.getTime() <= nowMs ? 'open' : 'scheduled';
}

function toDrawView(draw: DrawState, nowMs: number): DrawView {
  return {
    eventId: draw.eventId,
    status: statusOf(draw, nowMs),
    preQueueOpensAt: draw.preQueueOpensAt.toISOString(),
    drawAt: draw.drawAt.toISOString(),
    commitment: draw.commitment,
    method: DRAW_METHOD,
    entries: draw.entries,
    drawnAt: draw.drawnAt?.toISOString() ?? null,
    seed: draw.seed,
  };
}

/** The page's cursor is the last position it showed. */
function afterPositionOf(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  if (!/^\d{1,9}$/.test(cursor)) throw new ValidationFailed('Invalid cursor.', [{ path: 'query.cursor', message: 'not a cursor of this list' }]);
  return Number(cursor);
}

/** The public face of an event's fair draw: its commitment and method, and once it ran, its seed and ranked entries. */
export function addDrawRoutes(routes: RouteTable, db: Database): void {
  routes.add({
    method: 'get',
    path: '/v1/events/:eventId/draw',
    operationId: 'getDraw',
    summary: "An event's fair draw: its commitment and method, and after the draw its seed",
    tags,
    access: 'public',
    params: eventIdParams,
    responses: {
      200: { description: 'The draw', schema: drawView },
      400: { description: 'The event id is not a UUID' },
      404: { description: 'No such event, or it has no pre-queue' },
    },
    handle: async ({ params }) => {
      const draw = await readDraw(db, params.eventId);
      if (!draw) throw new NotFound(`Event ${params.eventId} has no pre-queue and no draw.`);
      return { status: 200, body: toDrawView(draw, Date.now()) };
    },
  });

  routes.add({
    method: 'get',
    path: '/v1/events/:eventId/draw/entries',
    operationId: 'listDrawEntries',
    summary: "A drawn pre-queue's entries in draw order, each as the SHA-256 of its request id, with its rank",
    tags,
    access: 'public',
    params: eventIdParams,
    query: paginationQuery,
    responses: {
      200: { description: 'A page of entries, position 1 first', schema: paginated(drawEntryView) },
      400: { description: 'Invalid event id, limit or cursor' },
      404: { description: 'No such event, it has no pre-queue, or its draw has not run' },
    },
    handle: async ({ params, query }) => {
      const draw = await readDraw(db, params.eventId);
      if (!draw?.drawnAt) throw new NotFound(`Event ${params.eventId} has no drawn pre-queue.`);
      const items = await readDrawEntries(db, params.eventId, { afterPosition: afterPositionOf(query.cursor), limit: query.limit });
      const last = items.at(-1);
      return { status: 200, body: { items, nextCursor: items.length === query.limit && last ? String(last.position) : null } };
    },
  });
}
