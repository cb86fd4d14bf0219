import {
  cancelReservation,
  confirmReservation,
  decideQueuedReservations,
  expireDueHolds,
  findEventsQueuedInPartition,
  isTransientDatabaseError,
  type Sql,
  type ReservationWithItems,
  type WriterContext,
} from '@onsale/db';
import type { Logger, PartitionJob, PartitionQueues } from '@onsale/shared';
import type { ReservationPublisher } from './reservation-publisher';
import { retryTransient } from './retry';

export interface CommandHandlerDeps {
  sql: Sql;
  queues: PartitionQueues;
  publisher: ReservationPublisher;
  logger: Logger;
  workerId: string;
  /** How long a transient database failure is retried in place before the job fails. */
  retryBudgetMs: number;
  /** The most queued requests one transaction decides. */
  batchSize: number;
}

interface Handled {
  /** Reservations to publish: the ones changed, or the one a reservation command targets. */
  reservations: ReservationWithItems[];
  changed: number;
}

async function runCommand(deps: CommandHandlerDeps, command: PartitionJob, writer: WriterContext): Promise<Handled> {
  switch (command.kind) {
    case 'decide': {
      // Every event of the partition with waiting requests, decided together: a commit per batch
      // however many events the rush is spread over.
      const partition = deps.queues.partitionOf(command.eventId);
      const eventIds = await findEventsQueuedInPartition(deps.sql, partition, deps.batchSize);
      const batch = await decideQueuedReservations(deps.sql, { partition, eventIds, limit: deps.batchSize }, writer);
      // Added while this job is active, so it runs next: a long backlog is decided batch after batch.
      if (batch.more) await deps.queues.enqueue(command);
      return { reservations: batch.decided, changed: batch.decided.length };
    }
    case 'expire': {
      const expired = await expireDueHolds(deps.sql, command.eventId, writer);
      return { reservations: expired, changed: expired.length };
    }
    default: {
      const run = command.kind === 'confirm' ? confirmReservation : cancelReservation;
      const result = await run(deps.sql, command, writer);
      return { reservations: result.reservation ? [result.reservation] : [], changed: result.changed ? 1 : 0 };
    }
  }
}

/** What a handled command logs: the outcome counts, and for a reservation command its target. */
function outcomeOf(command: PartitionJob, handled: Handled) {
  const [first] = handled.reservations;
  if (command.kind === 'decide') {
    const held = handled.reservations.filter((reservation) => reservation.status === 'held').length;
    return { decided: handled.changed, held, rejected: handled.changed - held };
  }
  if (command.kind === 'expire' || !first) return { changed: handled.changed };
  return { changed: handled.changed, reservationId: first.id, status: first.status, reason: first.reason ?? undefined };
}

/** Runs one partition command in its transaction, then publishes what it decided. */
export function createCommandHandler(deps: CommandHandlerDeps) {
  return async function handleCommand(command: PartitionJob): Promise<void> {
    const startedAt = performance.now();
    const commandId = deps.queues.commandIdFor(command);
    const log = deps.logger.child({ requestId: command.requestId, commandId, eventId: command.eventId });
    const writer = { workerId: deps.workerId, requestId: command.requestId };
    const handled = await retryTransient(() => runCommand(deps, command, writer), {
      isTransient: isTransientDatabaseError,
      budgetMs: deps.retryBudgetMs,
      onRetry: (error, attempt) => log.warn({ err: error, attempt }, 'transient database error, retrying'),
    });
    // The decision is committed; a failed publish must not undo it or fail the job.
    await deps.publisher
      .publish(handled.reservations, commandId)
      .catch((error: unknown) => log.error({ err: error }, 'publishing reservation update failed'));
    if (command.kind === 'decide' && log.isLevelEnabled('debug')) {
      for (const reservation of handled.reservations) {
        log.debug({ reservationId: reservation.id, requestId: reservation.requestId, status: reservation.status }, 'decided');
      }
    }
    log.info(
      { kind: command.kind, ...outcomeOf(command, handled), ms: Math.round((performance.now() - startedAt) * 10) / 10 },
      'command handled',
    );
  };
}

export type CommandHandler = ReturnType<typeof createCommandHandler>;
