import type { IntakeOutcome, ReservationIntake } from '@onsale/api';
import { acceptReservation, decideQueuedReservation, type QueuedReservationInput, type Sql } from '@onsale/db';
import { partitionFor, partitionQueueName, type RedisConnection } from '@onsale/shared';
import { Queue } from 'bullmq';

/*
 * The designs the benchmark runs behind Onsale's own Express app, in place of its queued intake.
 * Authentication, validation and the event lookup run unchanged before any of them.
 */

/** Decides inline: the request's own transaction takes the event lock (the NestJS design we started from). */
export class SyncLockIntake implements ReservationIntake {
  constructor(private readonly sql: Sql) {}

  async accept(request: QueuedReservationInput): Promise<IntakeOutcome> {
    const accepted = await acceptReservation(this.sql, request);
    if (accepted.kind === 'replayed') return accepted;
    const { reservation } = await decideQueuedReservation(
      this.sql,
      { eventId: request.eventId, reservationId: request.id },
      { workerId: 'sync-lock', requestId: request.requestId },
    );
    if (!reservation) throw new Error(`reservation ${request.id} vanished before its decision`);
    return { kind: 'decided', reservation };
  }
}

/** Answers 202 and does nothing: what one API process can take in at most. */
export class IngressCeilingIntake implements ReservationIntake {
  async accept(): Promise<IntakeOutcome> {
    return { kind: 'accepted', createdAt: new Date() };
  }
}

/** One BullMQ job per request on the event's partition queue, nothing in PostgreSQL. */
export class QueueCeilingIntake implements ReservationIntake {
  private readonly queues = new Map<number, Queue>();

  constructor(
    private readonly connection: RedisConnection,
    private readonly options: { keyPrefix: string; partitionCount: number },
  ) {}

  async accept(request: QueuedReservationInput): Promise<IntakeOutcome> {
    const queue = this.queueFor(partitionFor(request.eventId, this.options.partitionCount));
    await queue.add('noop', { eventId: request.eventId, reservationId: request.id }, { attempts: 1, removeOnComplete: true });
    return { kind: 'accepted', createdAt: new Date() };
  }

  private queueFor(partition: number): Queue {
    let queue = this.queues.get(partition);
    if (!queue) {
      queue = new Queue(partitionQueueName(partition), { connection: this.connection, prefix: this.options.keyPrefix });
      this.queues.set(partition, queue);
    }
    return queue;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
