import { z } from 'zod';

const count = z.int().nonnegative();

/** What a live viewer receives, at connect and then every tick: one `live` SSE message. */
export const liveEventView = z.object({
  event: z.object({ id: z.uuid(), name: z.string(), status: z.string() }),
  ticketTypes: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      capacity: count,
      available: z.int(),
      held: count,
      sold: count,
      /** Waitlist entries waiting and offers out, as of the API's last re-read of the event (at most EVENT_STATE_REFRESH_MS old). */
      waitlist: z.object({ waiting: count, offered: count }),
    }),
  ),
  /** Decisions per second over the window. */
  decisionsPerSecond: z.number().nonnegative(),
  /** Accept → decision percentiles over the window, in milliseconds; null while nothing was decided. */
  decisionLatencyMs: z.object({ p50: count, p99: count }).nullable(),
  /** Requests recorded and not yet decided, and how long the oldest has waited. */
  backlog: z.object({ queued: count, oldestQueuedMs: count.nullable() }),
  /** How long the window of `decisionsPerSecond` and `decisionLatencyMs` is. */
  windowSeconds: count,
  at: z.iso.datetime(),
}).meta({ id: 'LiveEvent' });
export type LiveEventView = z.infer<typeof liveEventView>;
