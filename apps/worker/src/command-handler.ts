import {
  cancelReservation,
  confirmReservation,
  decideQueuedReservation,
  expireDueHolds,
  isTransientDatabaseError,
  type Sql,
  type ReservationWithItems,
  type WriterContext,
} from '@onsale/db';
import type { Logger, PartitionJob } from '@onsale/shared';
import type { ReservationPublisher } from './reservation-publisher';
import { retryTransient } from './retry';

export interface CommandHandlerDeps {
  sql: Sql;
  publisher: ReservationPublisher;
  logger: Logger;
  workerId: string;
  /** How long a transient database failure is retried in place before the job fails. */
  retryBudgetMs: number;
}

interface Handled {
  /** Reservations to publish: the ones changed, or the one a reservation command targets. */
  reservations: ReservationWithItems[];
  changed: number;
}

async function runCommand(sql: Sql, command: PartitionJob, writer: WriterContext): Promise<Handled> {
  if (command.kind === 'expire') {
    const expired = await expireDueHolds(sql, command.eventId, writer);
    return { reservations: expired, changed: expired.length };
  }
  const run = { reserve: decideQueuedReservation, confirm: confirmReservation, cancel: cancelReservation }[
    command.kind
  ];
  const result = await run(sql, command, writer);
  return { reservations: result.reservation ? [result.reservation] : [], changed: result.changed ? 1 : 0 };
}

/** Runs one partition command in its transaction, then publishes what it decided. */
export function createCommandHandler(deps: CommandHandlerDeps) {
  return async function handleCommand(command: PartitionJob, commandId: string): Promise<void> {
    const startedAt = performance.now();
    const log = deps.logger.child({ requestId: command.requestId, commandId, eventId: command.eventId });
    const writer = { workerId: deps.workerId, requestId: command.requestId };
    const handled = await retryTransient(() => runCommand(deps.sql, command, writer), {
      isTransient: isTransientDatabaseError,
      budgetMs: deps.retryBudgetMs,
      onRetry: (error, attempt) => log.warn({ err: error, attempt }, 'transient database error, retrying'),
    });
    // The decision is committed; a failed publish must not undo it or fail the job.
    await deps.publisher
      .publish(handled.reservations, commandId)
      .catch((error: unknown) => log.error({ err: error }, 'publishing reservation update failed'));
    const [first] = handled.reservations;
    log.info(
      {
        kind: command.kind,
        changed: handled.changed,
        ...(command.kind !== 'expire' && first ? { reservationId: first.id, status: first.status, reason: first.reason ?? undefined } : {}),
        ms: Math.round((performance.now() - startedAt) * 10) / 10,
      },
      'command handled',
    );
  };
}

export type CommandHandler = ReturnType<typeof createCommandHandler>;
