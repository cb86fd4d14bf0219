import { z } from 'zod';
import { isoDateTime } from './common';
import { reservationView } from './reservation';

const queuedSummary = {
  queued: z.int(),
  oldestQueuedAt: isoDateTime,
  /** Age of the oldest queued request when the backlog was read. */
  oldestQueuedAgeMs: z.int(),
};

export const backlogView = z.object({
  readAt: isoDateTime,
  partitions: z.array(z.object({ partition: z.int(), events: z.int(), ...queuedSummary })),
  events: z.array(z.object({ eventId: z.uuid(), eventName: z.string(), partition: z.int(), ...queuedSummary })),
});
export type BacklogView = z.infer<typeof backlogView>;

export const salesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1_000).default(500),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().regex(/^\d{1,18}$/, 'not a cursor of this listing').optional(),
});

export const salesPage = z.object({
  items: z.array(reservationView),
  nextCursor: z.string().nullable(),
  /** Confirmed reservations of the event when this page was read. */
  total: z.int(),
});
export type SalesPage = z.infer<typeof salesPage>;
