import {
  decideQueued,
  findEventsQueuedInPartition,
  findQueuedReservationIds,
  rejectAsFailed,
  type DecidedBatch,
  type EventCounters,
  type QueuedBatch,
  type ReservationWithItems,
  type WriterContext,
} from '@onsale/db';
import { isTransient } from '@onsale/shared';
import type { CommandDeps } from './commands';

/**
 * A batch the database refused for good (not a transient failure) must not stall its partition:
 * it is decided again event by event, and an event that still fails request by request, in
 * arrival order; a request that fails alone is set aside as rejected (`internal_error`) and
 * logged with its id, so every other request of the partition is still decided. No retry here:
 * a transient failure on the way ends the narrowing; what it committed is returned (so it is
 * published) and the next batch goes on, or, with nothing committed yet, it is thrown for the
 * failure policy to retry the command within the job's one budget.
 */
export async function decideIsolatingFailures(
  batch: QueuedBatch,
  writer: WriterContext,
  deps: CommandDeps,
  error: unknown,
): Promise<DecidedBatch> {
  if (isTransient(error)) throw error;
  deps.logger.error({ err: error, partition: batch.partition }, 'decision batch refused; deciding it event by event');
  const decided: ReservationWithItems[] = [];
  // The last counters seen for each event are the ones its last commit left.
  const counters = new Map<string, EventCounters>();
  const add = (part: Omit<DecidedBatch, 'more'>) => {
    decided.push(...part.decided);
    for (const event of part.counters) counters.set(event.eventId, event);
  };
  try {
    for (const eventId of await findEventsQueuedInPartition(deps.database, batch.partition, batch.limit)) {
      const byEvent = await narrowed(deps, { ...batch, only: { eventId } }, writer);
      if (byEvent) add(byEvent);
      else await decideOneByOne(batch, eventId, writer, deps, add);
    }
  } catch (failure) {
    // Transient (a permanent one was narrowed): what committed is published, the next batch retries.
    if (!isTransient(failure) || decided.length === 0) throw failure;
    deps.logger.warn({ err: failure, partition: batch.partition, decided: decided.length }, 'narrowing interrupted by a transient failure; the next batch goes on');
  }
  // Whatever the narrowing left (or what arrived meanwhile) gets another batch.
  return { decided, counters: [...counters.values()], more: true };
}

async function decideOneByOne(
  batch: QueuedBatch,
  eventId: string,
  writer: WriterContext,
  deps: CommandDeps,
  add: (part: Omit<DecidedBatch, 'more'>) => void,
): Promise<void> {
  for (const reservationId of await findQueuedReservationIds(deps.database, batch.partition, eventId, batch.limit)) {
    const alone = await narrowed(deps, { ...batch, only: { reservationId } }, writer);
    if (alone) {
      add(alone);
      continue;
    }
    deps.logger.error({ reservationId, eventId }, 'decision refused by the database; request rejected as internal_error');
    const failed = await rejectAsFailed(deps.database, { eventId, reservationId }, writer);
    add({ decided: failed.changed && failed.reservation ? [failed.reservation] : [], counters: failed.counters ?? [] });
  }
}

/** The narrowed batch's decisions, or undefined if the database refused it too. */
async function narrowed(deps: CommandDeps, batch: QueuedBatch, writer: WriterContext): Promise<DecidedBatch | undefined> {
  try {
    return await decideQueued(deps.database, batch, writer);
  } catch (error) {
    if (isTransient(error)) throw error;
    deps.logger.warn({ err: error, only: batch.only }, 'narrowed decision batch refused');
    return undefined;
  }
}
