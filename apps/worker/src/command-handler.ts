import type { Database } from '@onsale/db';
import { toReservationView } from '@onsale/domain';
import {
  commandIdOf,
  type EventActivityPublisher,
  type PartitionJob,
  type PartitionQueues,
  type ReservationPublisher,
} from '@onsale/queue';
import { retryInPlace, type Logger, type RetryConfig } from '@onsale/shared';
import { runCommand, type CommandRegistry, type Handled } from './commands';
import { eventActivitiesOf } from './event-activity';

export interface CommandHandlerDeps {
  database: Database;
  queues: PartitionQueues;
  publisher: ReservationPublisher;
  /** Tells live viewers what each commit did to its events (optional: tests of the handler alone). */
  activityPublisher?: EventActivityPublisher;
  logger: Logger;
  workerId: string;
  registry: CommandRegistry;
  /** The job's retry budget and attempts (`WORKER_RETRY_BUDGET_MS`, `JOB_MAX_ATTEMPTS`): the failure policy's. */
  retry: RetryConfig;
  /** The most reservations one transaction decides or expires. */
  batchSize: number;
  /** Told of each committed command and how long its transaction took (the metrics). */
  onHandled?: (job: PartitionJob, handled: Handled, transactionSeconds: number) => void;
  /** Told when a decide batch came back full: decisions are behind arrivals (webhooks yield to them). */
  onDecisionsBehind?: () => void;
}

/**
 * Handles one partition command: its transactions, retried in place as a whole by the failure
 * policy (`retryInPlace`: one budget per job, the only retry loop), then, whatever happens next,
 * the publish of what it committed, then the command that continues a backlog. Neither of the
 * last two can undo or repeat the commit. Throws RetriesExhausted when the policy gives up.
 */
export function createCommandHandler(deps: CommandHandlerDeps) {
  return async function handleCommand(job: PartitionJob): Promise<void> {
    const startedAt = performance.now();
    const commandId = commandIdOf(job);
    const eventId = 'eventId' in job ? job.eventId : undefined;
    const log = deps.logger.child({ requestId: job.requestId, commandId, partition: job.partition, eventId });
    const writer = { workerId: deps.workerId, requestId: job.requestId };
    const handled = await retryInPlace(() => runCommand(deps.registry, job, writer, { database: deps.database, batchSize: deps.batchSize, logger: log }), deps.retry, {
      onRetry: (error, attempt, transient) =>
        log.warn({ err: error, attempt }, transient ? 'transient failure; retrying the command in place' : 'command failed; retrying it in place'),
    });
    deps.onHandled?.(job, handled, (performance.now() - startedAt) / 1000);
    if (job.kind === 'decide' && handled.next) deps.onDecisionsBehind?.();

    await deps.publisher
      .publish(handled.reservations.map(toReservationView), commandId)
      .catch((error: unknown) => log.error({ err: error }, 'publishing reservation update failed'));
    await deps.activityPublisher
      ?.publish(eventActivitiesOf(job.kind, handled.reservations, handled.counters, commandId, new Date()))
      .catch((error: unknown) => log.error({ err: error }, 'publishing event activity failed'));
    // Added while this job is active, so it is kept and runs after the commands already waiting.
    if (handled.next) {
      await deps.queues
        .enqueue(handled.next)
        .catch((error: unknown) => log.error({ err: error }, 'continuing the backlog failed; the sweep will requeue it'));
    }
    if (job.kind === 'decide' && log.isLevelEnabled('debug')) {
      for (const reservation of handled.reservations) {
        log.debug({ reservationId: reservation.id, requestId: reservation.requestId, status: reservation.status }, 'decided');
      }
    }
    log.info({ kind: job.kind, ...handled.outcome, ms: Math.round((performance.now() - startedAt) * 10) / 10 }, 'command handled');
  };
}

export type CommandHandler = ReturnType<typeof createCommandHandler>;
