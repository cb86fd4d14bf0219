import { queuedView, type Reply } from '@onsale/api';
import type { Database, QueuedReservationInput } from '@onsale/db';
import { decideInline } from '@onsale/db/bench';
import { toReservationView } from '@onsale/domain';
import { partitionQueueName, type RedisConnection } from '@onsale/queue';
import type { CreateReservationBody } from '@onsale/shared';
import { Queue } from 'bullmq';

/*
 * The designs the benchmark runs behind Onsale's own routes, authentication, validation and
 * event lookup, in place of its queued intake. Each answers a prepared request.
 */
export interface BenchIntake {
  accept(request: QueuedReservationInput, body: CreateReservationBody): Promise<Reply>;
  close?(): Promise<void>;
}

/** Decides inline, in the request's own transaction (`decideInline`: the design we started from, at its best). */
export class SyncLockIntake implements BenchIntake {
  constructor(private readonly database: Database) {}

  async accept(request: QueuedReservationInput): Promise<Reply> {
    const { kind, reservation } = await decideInline(this.database, request);
    return { status: kind === 'replayed' ? 200 : 201, body: toReservationView(reservation) };
  }
}

/** Answers 202 and does nothing: what one API process can take in at most. */
export class IngressCeilingIntake implements BenchIntake {
  async accept(request: QueuedReservationInput, body: CreateReservationBody): Promise<Reply> {
    return { status: 202, body: queuedView(request, body, new Date()) };
  }
}

/** One BullMQ job per request on the event's partition queue, nothing in PostgreSQL. */
export class QueueCeilingIntake implements BenchIntake {
  private readonly queues = new Map<number, Queue>();

  constructor(
    private readonly connection: RedisConnection,
    private readonly options: { keyPrefix: string },
  ) {}

  async accept(request: QueuedReservationInput, body: CreateReservationBody): Promise<Reply> {
    await this.queueFor(request.partition).add('noop', { eventId: request.eventId, reservationId: request.id }, { attempts: 1, removeOnComplete: true });
    return { status: 202, body: queuedView(request, body, new Date()) };
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
