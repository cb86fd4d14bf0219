import { queuedView, type Reply } from '@onsale/api';
import {
  acceptReservation,
  applyTransitions,
  decideInOrder,
  decisionTransition,
  lockInventories,
  selectReservationsWithLiveTickets,
  toReservationView,
  type QueuedReservationInput,
  type Sql,
} from '@onsale/db';
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

/**
 * Decides inline: the request's own transaction takes the event lock (the NestJS design we
 * started from), built from Onsale's parts: the lock, the pure rules, the writer.
 */
export class SyncLockIntake implements BenchIntake {
  constructor(private readonly sql: Sql) {}

  async accept(request: QueuedReservationInput): Promise<Reply> {
    const accepted = await acceptReservation(this.sql, request);
    if (accepted.kind === 'replayed') return { status: 200, body: toReservationView(accepted.reservation) };
    const decided = await this.sql.begin(async (tx) => {
      const [locked, queued] = await Promise.all([
        lockInventories(tx, [request.eventId]),
        selectReservationsWithLiveTickets(tx, tx`r.id = ${request.id} AND r.status = 'queued'`, tx``),
      ]);
      const { terms, stock, now } = locked.get(request.eventId)!;
      const requests = queued.map(({ reservation }) => reservation);
      const liveTickets = new Map(queued.map(({ reservation, liveTickets }) => [reservation.customerId, liveTickets]));
      const [outcome] = decideInOrder({ terms, stock, now, requests, liveTickets });
      const { request: reservation, decision } = outcome!;
      return applyTransitions(tx, [{ reservation, requestId: request.requestId, ...decisionTransition(decision) }], { workerId: 'sync-lock' });
    });
    return { status: 201, body: toReservationView(decided[0]!) };
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
