import {
  decideQueued,
  findEventsQueuedInPartition,
  findQueuedReservationIds,
  isTransientDatabaseError,
  rejectAsFailed,
  type DecidedBatch,
  type EventCounters,
  type QueuedBatch,
  type ReservationWithItems,
  type WriterContext,
} from '@onsale/db';
import type { CommandDeps } from './commands';

/**
 * A batch the database refused for good (not a transient failure) must not stall its partition:
 * it is decided again event by event, and an event that still fails request by request, in
 * arrival order; a request that fails alone is set aside as rejected (`internal_error`) and
 * logged with its id, so every other request of the partition is still decided.
 */
export async function decideIsolatingFailures(
  batch: QueuedBatch,
  writer: WriterContext,
  deps: CommandDeps,
  error: unknown,
): Promise<DecidedBatch> {
  if (isTransientDatabaseError(error)) throw error;
  deps.logger.error({ err: error, partition: batch.partition }, 'decision batch refused; deciding it event by event');
  const decided: ReservationWithItems[] = [];
  // The last counters seen for each event are the ones its last commit left.
  const counters = new Map<string, EventCounters>();
  const add = (part: Omit<DecidedBatch, 'more'>) => {
    decided.push(...part.decided);
    for (const event of part.counters) counters.set(event.eventId, event);
  };
  for (const eventId of await deps.retry(() => findEventsQueuedInPartition(deps.sql, batch.partition, batch.limit))) {
    const byEvent = await narrowed(deps, { ...batch, only: { eventId } }, writer);
    add(byEvent ?? (await decideOneByOne(batch, eventId, writer, deps)));
  }
  // Whatever the narrowing left (or what arrived meanwhile) gets another batch.
  return { decided, counters: [...counters.values()], more: true };
}

async function decideOneByOne(
  batch: QueuedBatch,
  eventId: string,
  writer: WriterContext,
  deps: CommandDeps,
): Promise<Omit<DecidedBatch, 'more'>> {
  const decided: ReservationWithItems[] = [];
  let counters: EventCounters[] = [];
  for (const reservationId of await deps.retry(() => findQueuedReservationIds(deps.sql, batch.partition, eventId, batch.limit))) {
    const alone = await narrowed(deps, { ...batch, only: { reservationId } }, writer);
    if (alone) {
      decided.push(...alone.decided);
      counters = alone.counters.length > 0 ? alone.counters : counters;
      continue;
    }
    deps.logger.error({ reservationId, eventId }, 'decision refused by the database; request rejected as internal_error');
    const failed = await deps.retry(() => rejectAsFailed(deps.sql, { eventId, reservationId }, writer));
    if (failed.changed && failed.reservation) decided.push(failed.reservation);
    counters = failed.counters ?? counters;
  }
  return { decided, counters };
}

/** The narrowed batch's decisions, or undefined if the database refused it too. */
async function narrowed(deps: CommandDeps, batch: QueuedBatch, writer: WriterContext): Promise<DecidedBatch | undefined> {
  try {
    return await deps.retry(() => decideQueued(deps.sql, batch, writer));
  } catch (error) {
    if (isTransientDatabaseError(error)) throw error;
    deps.logger.warn({ err: error, only: batch.only }, 'narrowed decision batch refused');
    return undefined;
  }
}
