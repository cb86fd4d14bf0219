import { acceptReservations, findPartitionsWithQueued, type AcceptOutcome, type Database, type QueuedReservationInput } from '@onsale/db';
import type { PartitionQueues } from '@onsale/queue';
import { DeadlineExceeded, INTAKE_ENQUEUE_WAIT_MS, INTAKE_MAX_BATCH_SIZE, isTransient, withDeadline, type Logger } from '@onsale/shared';
import { Batcher } from './batcher';

/**
 * Onsale's intake: requests are recorded as `queued` in PostgreSQL, many per statement, and each
 * event with new requests gets a `decide` job on its partition; then the requests are answered.
 */
export class QueuedIntake {
  private readonly batcher: Batcher<QueuedReservationInput, AcceptOutcome>;
  /** `decide` jobs being added for batches already answered. */
  private readonly enqueuing = new Set<Promise<void>>();

  constructor(
    private readonly deps: {
      database: Database;
      queues: PartitionQueues;
      logger: Logger;
      /** Told of each request recorded as queued (a replay is not), by its event: the accepted counter. */
      onAccepted?: (eventId: string) => void;
      /** How long a request waits for PostgreSQL to record it before it fails as unavailable (a 503). */
      deadlineMs: number;
      /** The most queued requests one customer may have per event (MAX_QUEUED_PER_CUSTOMER); undefined: no cap. */
      maxQueuedPerCustomer?: number;
    },
  ) {
    this.batcher = new Batcher((requests, signal) => this.recordBatch(requests, signal), {
      maxBatchSize: INTAKE_MAX_BATCH_SIZE,
      deadline: { ms: deps.deadlineMs, error: () => new DeadlineExceeded('recording requests in PostgreSQL', deps.deadlineMs) },
      // A request the database refuses (say, for an event deleted since) must not fail its neighbours.
      isolateFailure: (error) => !isTransient(error),
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
  private async recordBatch(requests: QueuedReservationInput[], signal: AbortSignal): Promise<AcceptOutcome[]> {
    const outcomes = await acceptReservations(this.deps.database, requests, { signal, maxQueuedPerCustomer: this.deps.maxQueuedPerCustomer });
    outcomes.forEach((outcome, index) => {
      if (outcome.kind === 'accepted') this.deps.onAccepted?.(requests[index]!.eventId);
    });
    // A replayed request still queued gets a job too: harmless if one waits, a recovery if it was lost.
    // One waiting for its event's draw (no place) gets none: the draw's job decides after it.
    const waitingEvents = new Set(
      outcomes.flatMap((outcome, index) =>
        outcome.kind === 'accepted' && outcome.place !== null
          ? [requests[index]!.eventId]
          : outcome.kind === 'replayed' && outcome.reservation.status === 'queued'
            ? [outcome.reservation.eventId]
            : [],
      ),
    );
    const enqueuing = this.enqueueDecisions(waitingEvents, requests[0]!.requestId);
    this.enqueuing.add(enqueuing);
    void enqueuing.finally(() => this.enqueuing.delete(enqueuing));
    return outcomes;
  }

  /**
   * Gives every partition with queued requests its `decide` job: for when Redis is back, perhaps
   * without its data and so without the jobs of the requests accepted before. Running workers
   * re-add them too, but while none runs nothing else would before the sweep's REQUEUE_AFTER_MS.
   * Jobs are deduplicated: harmless when Redis kept everything.
   */
  async requeueWaiting(): Promise<void> {
    const partitions = await findPartitionsWithQueued(this.deps.database);
    await Promise.all(partitions.map((partition) => this.deps.queues.enqueue({ kind: 'decide', partition, requestId: 'api-redis-reconnect' })));
    this.deps.logger.info({ partitions: partitions.length }, 'redis ready again: queued partitions re-added');
  }

  /** Resolves once the jobs of every batch recorded so far are added (or given up on, bounded): before Redis is let go. */
  async drain(): Promise<void> {
    await Promise.all([...this.enqueuing]);
  }

  private async enqueueDecisions(eventIds: Set<string>, requestId: string): Promise<void> {
    try {
      // Bounded: while Redis is away ioredis holds commands until it is back.
      await withDeadline(this.deps.queues.enqueueDecisions(eventIds, requestId), INTAKE_ENQUEUE_WAIT_MS);
    } catch (error) {
      // The requests are durable in PostgreSQL; the workers' sweep enqueues their events once Redis is back.
      this.deps.logger.error({ err: error, eventIds: [...eventIds], requestId }, 'enqueue failed; the sweep will requeue the events');
    }
  }
}
