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
 * started from), built from Onsale's parts: the writer of requests, the lock, the pure rules, the
 * transition writer.
 *
 * Tuned to the best this design honestly gets (issue 11), so the comparison is with its best form:
 * one transaction per request, not one to record it and a second to decide it, and the record,
 * the lock and the read-back sent together (one round trip: they run in order, so the request is
 * read under the lock and sees every decision committed before it). Under the lock only the
 * decision's write and the commit remain. Every statement is prepared (postgres.js's default,
 * which `createDatabaseClient` keeps). The pool size is set in `system.ts` from measurements.
 * It still cannot oversell (the lock, and the counters' CHECKs), still counts the customer's
 * live tickets under the lock, and a reused Idempotency-Key still returns the earlier reservation.
 */
export class SyncLockIntake implements BenchIntake {
  constructor(private readonly sql: Sql) {}

  accept(request: QueuedReservationInput): Promise<Reply> {
    return this.sql.begin(async (tx) => {
      const [accepted, locked, queued] = await Promise.all([
        acceptReservation(tx, request),
        lockInventories(tx, [request.eventId]),
        selectReservationsWithLiveTickets(tx, tx`r.id = ${request.id} AND r.status = 'queued'`, tx``),
      ]);
      if (accepted.kind === 'replayed') return { status: 200, body: toReservationView(accepted.reservation) };
      const { terms, stock, now } = locked.get(request.eventId)!;
      const requests = queued.map(({ reservation }) => reservation);
      const liveTickets = new Map(queued.map(({ reservation, liveTickets }) => [reservation.customerId, liveTickets]));
      const [outcome] = decideInOrder({ terms, stock, now, requests, liveTickets });
      const { request: reservation, decision } = outcome!;
      const [decided] = await applyTransitions(tx, [{ reservation, requestId: request.requestId, ...decisionTransition(decision) }], { workerId: 'sync-lock' });
      return { status: 201, body: toReservationView(decided!) };
    }) as Promise<Reply>;
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
