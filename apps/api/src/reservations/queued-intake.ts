import { acceptReservations, isTransientDatabaseError, type AcceptOutcome, type QueuedReservationInput, type SqlClient } from '@onsale/db';
import type { PartitionQueues } from '@onsale/queue';
import { withTimeout, type Logger } from '@onsale/shared';
import { Batcher } from './batcher';

/** How long adding a batch's jobs may wait for Redis before it is left to the sweep. */
const ENQUEUE_WAIT_MS = 1_000;

/** The most requests recorded in one statement. */
const MAX_BATCH_SIZE = 1_000;

/**
 * Onsale's intake: requests are recorded as `queued` in PostgreSQL, many per statement, and each
 * event with new requests gets a `decide` job on its partition; then the requests are answered.
 */
export class QueuedIntake {
  private readonly batcher: Batcher<QueuedReservationInput, AcceptOutcome>;

  constructor(
    private readonly deps: {
      sql: SqlClient;
      queues: PartitionQueues;
      logger: Logger;
      /** Told of each request recorded as queued (a replay is not), by its event: the accepted counter. */
      onAccepted?: (eventId: string) => void;
      /** The most queued requests one customer may have per event (MAX_QUEUED_PER_CUSTOMER); undefined: no cap. */
      maxQueuedPerCustomer?: number;
    },
  ) {
    this.batcher = new Batcher((requests) => this.recordBatch(requests), {
      maxBatchSize: MAX_BATCH_SIZE,
      // A request the database refuses (say, for an event deleted since) must not fail its neighbours.
      isolateFailure: (error) => !isTransientDatabaseError(error),
    });
  }

  /** Resolves once the request is recorded: what a 202 promises. */
  accept(request: QueuedReservationInput): Promise<AcceptOutcome> {
    return this.batcher.add(request);
  }

  /**
   * Records a batch, then adds its events' `decide` jobs without holding up the batch's answers
   * or the next batch: the requests are durable already, and a job that fails to be added is
   * added by the workers' sweep.
   */
  private async recordBatch(requests: QueuedReservationInput[]): Promise<AcceptOutcome[]> {
    const outcomes = await acceptReservations(this.deps.sql, requests, { maxQueuedPerCustomer: this.deps.maxQueuedPerCustomer });
    outcomes.forEach((outcome, index) => {
      if (outcome.kind === 'accepted') this.deps.onAccepted?.(requests[index]!.eventId);
    });
    // A replayed request still queued gets a job too: harmless if one waits, a recovery if it was lost.
    const waitingEvents = new Set(
      outcomes.flatMap((outcome, index) =>
        outcome.kind === 'accepted'
          ? [requests[index]!.eventId]
          : outcome.kind === 'replayed' && outcome.reservation.status === 'queued'
            ? [outcome.reservation.eventId]
            : [],
      ),
    );
    void this.enqueueDecisions(waitingEvents, requests[0]!.requestId);
    return outcomes;
  }

  private async enqueueDecisions(eventIds: Set<string>, requestId: string): Promise<void> {
    try {
      // Bounded: while Redis is away ioredis holds commands until it is back.
      await withTimeout(this.deps.queues.enqueueDecisions(eventIds, requestId), ENQUEUE_WAIT_MS);
    } catch (error) {
      // The requests are durable in PostgreSQL; the workers' sweep enqueues their events once Redis is back.
      this.deps.logger.error({ err: error, eventIds: [...eventIds], requestId }, 'enqueue failed; the sweep will requeue the events');
    }
  }
}
