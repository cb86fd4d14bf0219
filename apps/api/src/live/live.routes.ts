import { eventIdParams } from '@onsale/shared';
import express from 'express';
import path from 'node:path';
import type { RouteTable } from '../http/route';
import { SSE_HEADERS } from '../http/sse';
import type { LiveEvents } from './live-events';
import { liveEventView } from './live-view';

/** The live page's files, served as they are in the repository (no build step). */
const PAGE_DIR = path.resolve(__dirname, '../../public/live');

/** `GET /v1/events/:eventId/live` (the stream) and `/live/:eventId` (the page that shows it). */
export function addLiveRoutes(routes: RouteTable, live: LiveEvents): void {
  routes.add({
    method: 'get',
    path: '/v1/events/:eventId/live',
    operationId: 'watchEventLive',
    summary: "Server-Sent Events: the event's counters, decisions per second, accept → decision p50/p99 and backlog, at once and then every second",
    tags: ['events'],
    access: 'public',
    params: eventIdParams,
    head: { operationId: 'checkEventLive', summary: 'Whether the event exists, with the headers of its live stream (no body)' },
    responses: {
      200: { description: '`live` events, each with the live view as data', events: { live: liveEventView }, headers: { 'Cache-Control': '`no-cache`' } },
      404: { description: 'No such event' },
      503: { description: 'Redis is unreachable: no live updates' },
    },
    handle: async ({ params, req, res }) => {
      if (req.method === 'HEAD') {
        await live.exists(params.eventId);
        res.writeHead(200, SSE_HEADERS).end();
        return;
      }
      await live.watch(params.eventId, res);
    },
  });

  const page = express.Router();
  page.use(express.static(PAGE_DIR, { index: false, maxAge: '5m' }));
  page.get('/:eventId', (_req, res) => {
    res.set('Content-Security-Policy', "default-src 'self'; connect-src 'self'; img-src 'self' data:");
    res.sendFile(path.join(PAGE_DIR, 'index.html'));
  });
  routes.router.use('/live', page);
}
