import type { Connection } from './client';

/**
 * `AND …` leaving out the queued requests (alias `r`) that wait for their event's draw: no place
 * yet while the draw is pending. The draw places them, and only then are they decided. Requests
 * with a place pass without looking further.
 */
export const notAwaitingDraw = (sql: Connection) =>
  sql`AND (r.queue_seq IS NOT NULL OR NOT EXISTS (SELECT 1 FROM event_queues q WHERE q.event_id = r.event_id AND q.draw_at IS NOT NULL))`;
