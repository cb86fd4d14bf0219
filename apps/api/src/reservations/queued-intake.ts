import { acceptReservation, type QueuedReservationInput, type SqlClient } from '@onsale/db';
import { withTimeout, type Logger, type PartitionQueues } from '@onsale/shared';
import type { IntakeOutcome, ReservationIntake } from './reservation-intake';

/** How long accepting a request waits for Redis before answering 202 anyway (the sweep requeues). */
const ENQUEUE_WAIT_MS = 1_000;

/** Onsale's intake: the request is durable in PostgreSQL as `queued`, then enqueued on its partition. */
export class QueuedIntake implements ReservationIntake {
  constructor(private readonly deps: { sql: SqlClient; queues: PartitionQueues }) {}

  async accept(request: QueuedReservationInput, log: Logger): Promise<IntakeOutcome> {
    const outcome = await acceptReservation(this.deps.sql, request);
    if (outcome.kind === 'accepted') await this.enqueue(request.eventId, request.id, request.requestId, log);
    // Harmless if its job is still waiting (same job id); recovers it if the job was lost.
    else if (outcome.reservation.status === 'queued') {
      await this.enqueue(outcome.reservation.eventId, outcome.reservation.id, request.requestId, log);
    }
    return outcome;
  }

  private async enqueue(eventId: string, reservationId: string, requestId: string, log: Logger): Promise<void> {
    try {
      // Bounded: while Redis is away ioredis holds commands until it is back, and the request must not hang.
      await withTimeout(this.deps.queues.enqueue({ kind: 'reserve', eventId, reservationId, requestId }), ENQUEUE_WAIT_MS);
    } catch (error) {
      // The request is durable in PostgreSQL; the workers' sweep enqueues it once Redis is back.
      log.error({ err: error, reservationId }, 'enqueue failed; the sweep will requeue the reservation');
    }
  }
}
