import type { ServerResponse } from 'node:http';

/** The headers of every Server-Sent Events stream the API serves: no caching, no proxy buffering. */
export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};

/** Responses that are open event streams: a shutdown ends them rather than wait for them. */
const eventStreams = new WeakSet<ServerResponse>();

/** Answers 200 with the SSE headers and marks the response as an event stream. */
export function openEventStream(res: ServerResponse): void {
  res.writeHead(200, SSE_HEADERS);
  eventStreams.add(res);
}

export const isEventStream = (res: ServerResponse): boolean => eventStreams.has(res);

/**
 * Writes to a stream unless it has been ended: a shutdown may end it (`res.end()`) a moment
 * before its `close` event stops the writer's timers, and a write after the end is an error.
 */
export function writeToStream(res: ServerResponse, chunk: string): void {
  if (!res.writableEnded) res.write(chunk);
}
