import { z } from 'zod';

/** Redis pub/sub channel on which a worker tells what each of its commits did to one event. */
export function eventActivityChannel(keyPrefix: string, eventId: string): string {
  return `${keyPrefix}:event:${eventId}`;
}

const count = z.int().nonnegative();

/** An event's queue progress (`QueueProgress` of @onsale/db): places are 1, 2, 3… per event. */
export const queueProgress = z.object({
  settledThrough: count,
  ticketsSettledThrough: count,
  lastSeq: count,
  lastTickets: count,
  settledOutOfTurn: z.array(z.object({ seq: count, tickets: count })),
});
export type QueueProgressMessage = z.infer<typeof queueProgress>;

/**
 * Published on the event's channel after every command that changed the event (a decision
 * batch, confirm, cancel, expiry): its counters after the commit and what the command did. Small:
 * no reservation or customer ids, one latency per decision at most.
 */
export const eventActivity = z.object({
  eventId: z.uuid(),
  /** The job whose handling produced this message. */
  commandId: z.string(),
  /** When the worker published it (ISO 8601). */
  at: z.iso.datetime(),
  /**
   * Every ticket type of the event, as the commit left it, with its `inventory_version` after the
   * commit (what the seat map's version is made of). Optional for messages of workers older than it.
   */
  ticketTypes: z.array(z.object({ id: z.uuid(), capacity: count, held: count, sold: count, inventoryVersion: count.optional() })),
  /** How many reservations the command moved to each state. */
  held: count,
  rejected: count,
  confirmed: count,
  cancelled: count,
  expired: count,
  /** Accept → decision (created → decided) of each request a decision batch decided, in milliseconds. */
  decisionLatenciesMs: z.array(count),
  /** How far the event's queue is decided after the commit: sent when the command took requests out of it. */
  queue: queueProgress.optional(),
  /**
   * The reservations a confirm, cancel or expiry changed, with their new versions: API instances
   * drop what they keep of them. (A decision batch's are told by `queue` instead.)
   */
  changed: z.array(z.object({ id: z.uuid(), version: z.int().positive() })).optional(),
});
export type EventActivity = z.infer<typeof eventActivity>;
