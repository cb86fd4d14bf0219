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
}).meta({ id: 'Backlog' });
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
}).meta({ id: 'SalesPage' });
export type SalesPage = z.infer<typeof salesPage>;

/** A partition job that failed every attempt, set aside so its partition could move on. */
export const deadLetterView = z.object({
  id: z.uuid(),
  /** The partition queue the job was taken from, and its partition. */
  queue: z.string(),
  partition: z.int(),
  /** The job's BullMQ id and name (its kind) when it failed. */
  jobId: z.string().nullable(),
  kind: z.string(),
  /** The job's data exactly as the worker received it: what a redrive enqueues again. */
  payload: z.unknown(),
  /** The request id the job carried, to find its log lines; null when the payload had none. */
  requestId: z.string().nullable(),
  error: z.object({ name: z.string(), message: z.string(), code: z.string().optional() }),
  /** How many times its handler ran (1 for a payload that failed validation). */
  attempts: z.int(),
  /** When its first attempt started: with `deadLetteredAt`, how long it held its partition. */
  firstAttemptAt: isoDateTime,
  deadLetteredAt: isoDateTime,
  /** The worker that set it aside. */
  workerId: z.string(),
}).meta({ id: 'DeadLetter' });
export type DeadLetterView = z.infer<typeof deadLetterView>;

export const deadLetterQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().regex(/^\d{1,9}$/, 'not a cursor of this listing').optional(),
});

export const deadLetterPage = z.object({
  /** Oldest first. */
  items: z.array(deadLetterView),
  nextCursor: z.string().nullable(),
  /** Dead letters held when this page was read. */
  total: z.int(),
}).meta({ id: 'DeadLetterPage' });
export type DeadLetterPage = z.infer<typeof deadLetterPage>;

export const deadLetterIdParams = z.strictObject({ id: z.uuid() });

export const redriveView = z.object({
  /** The dead letter, removed from the list now that its job is back on its partition. */
  deadLetter: deadLetterView,
  /** The id the job was enqueued (and its results published) under. */
  commandId: z.string(),
}).meta({ id: 'Redrive' });
export type RedriveView = z.infer<typeof redriveView>;
