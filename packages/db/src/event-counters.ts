import type { LockedInventory, LockedStock } from './inventory';
import type { QueueProgress } from './queue-progress';
import { counterChangesOf, type Transition } from './reservation-writer';

/** An event's ticket types' counters as a transaction left them, each with its inventory version after the commit. */
export interface EventCounters {
  eventId: string;
  ticketTypes: LockedStock[];
  /** How far its queue is decided, when the transaction took a request out of it. */
  queue?: Omit<QueueProgress, 'eventId'>;
}

/**
 * The counters of the locked events after the transitions: what was read under the lock plus what
 * the batch moved. Nobody else can change them before the commit (the lock), so this is exactly
 * what the commit leaves, without reading the rows again. A ticket type whose counters moved had
 * its `inventory_version` bumped by the same statement (`applyTransitions`): one more than locked.
 */
export function countersAfter(locked: ReadonlyMap<string, LockedInventory>, transitions: readonly Transition[]): EventCounters[] {
  const changes = new Map(counterChangesOf(transitions).map((change) => [change.ticketTypeId, change]));
  const touched = new Set(transitions.map((transition) => transition.reservation.eventId));
  return [...locked]
    .filter(([eventId]) => touched.has(eventId))
    .map(([eventId, { stock }]) => ({
      eventId,
      ticketTypes: stock.map((line) => {
        const change = changes.get(line.id);
        return change
          ? { ...line, held: line.held + change.held, sold: line.sold + change.sold, inventoryVersion: line.inventoryVersion + 1 }
          : { ...line };
      }),
    }));
}
