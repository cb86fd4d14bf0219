import { acceptReservations, isTransientDatabaseError, type AcceptOutcome, type QueuedReservationInput, type SqlClient } from '@onsale/db';
import { withTimeout, type Logger, type PartitionQueues } from '@onsale/shared';
import { Batcher } from './batcher';
import type { ReservationIntake } from './reservation-intake';

/** How long accepting requests waits for Redis before answering 202 anyway (the sweep requeues). */
const ENQUEUE_WAIT_MS = 1_000;

/** The most requests recorded in one statement. */
const MAX_BATCH_SIZE = 1_000;

/**
 * Onsale's intake: requests are recorded as `queued` in PostgreSQL, many per statement, and each
 * event with new requests gets a `decide` job on its partition; then the requests are answered.
 */
/** A recorded request, and the enqueueing of its batch's `decide` jobs. */
interface Recorded {
  outcome: AcceptOutcome;
  enqueued: Promise<void>;
}

export class QueuedIntake implements ReservationIntake {
  private readonly batcher: Batcher<QueuedReservationInput, Recorded>;

  constructor(private readonly deps: { sql: SqlClient; queues: PartitionQueues; logger: Logger }) {
    this.batcher = new Batcher((requests) => this.recordBatch(requests), {
      maxBatchSize: MAX_BATCH_SIZE,
      // A request the database refuses (say, for an event deleted since) must not fail its neighbours.
      isolateFailure: (error) => !isTransientDatabaseError(error),
    });
  }

  /** Resolves once the request is recorded and its event's `decide` job added (or given up on). */
  async accept(request: QueuedReservationInput): Promise<AcceptOutcome> {
    const { outcome, enqueued } = await this.batcher.add(request);
    await enqueued;
    return outcome;
  }

  /**
   * Records a batch, then starts adding its events' jobs without holding up the next batch:
   * one write at a time keeps arrival order, and the enqueue need not be inside it.
   */
  private async recordBatch(requests: QueuedReservationInput[]): Promise<Recorded[]> {
    const outcomes = await acceptReservations(this.deps.sql, requests);
    // A replayed request still queued gets a job too: harmless if one waits, a recovery if it was lost.
    const waitingEvents = new Set(
      outcomes.flatMap((outcome, index) =>
        outcome.kind === 'accepted' ? [requests[index]!.eventId] : outcome.reservation.status === 'queued' ? [outcome.reservation.eventId] : [],
      ),
    );
    const enqueued = this.enqueueDecisions([...waitingEvents], requests[0]!.requestId);
    return outcomes.map((outcome) => ({ outcome, enqueued }));
  }

  private async enqueueDecisions(eventIds: string[], requestId: string): Promise<void> {
    try {
      // Bounded: while Redis is away ioredis holds commands until it is back, and requests must not hang.
      await withTimeout(
        Promise.all(eventIds.map((eventId) => this.deps.queues.enqueue({ kind: 'decide', eventId, requestId }))),
        ENQUEUE_WAIT_MS,
      );
    } catch (error) {
      // The requests are durable in PostgreSQL; the workers' sweep enqueues their events once Redis is back.
      this.deps.logger.error({ err: error, eventIds, requestId }, 'enqueue failed; the sweep will requeue the events');
    }
  }
}
