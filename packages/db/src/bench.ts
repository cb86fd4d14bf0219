import type { Database } from './client';
import { lockInventories } from './inventory';
import { selectReservationsWithLiveTickets, type ReservationWithItems } from './reservation-reads';
import { decideInOrder } from '@onsale/domain';
import { decisionTransition } from './reservation-transactions';
import { applyTransitions, recordRequests, type QueuedReservationInput } from './reservation-writer';

/*
 * `@onsale/db/bench`: what only the benchmark needs, apart from the app's surface (index.ts).
 */

/** A request decided in its own transaction: `replayed` when its Idempotency-Key was used before. */
export interface InlineDecision {
  kind: 'decided' | 'replayed';
  reservation: ReservationWithItems;
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
 * which `createDatabase` keeps). It still cannot oversell (the lock, and the counters' CHECKs),
 * still counts the customer's live tickets under the lock, and a reused Idempotency-Key still
 * returns the earlier reservation.
 */
export function decideInline(database: Database, request: QueuedReservationInput): Promise<InlineDecision> {
  return database.sql.begin(async (tx) => {
    const [[accepted], locked, queued] = await Promise.all([
      recordRequests(tx, [request]),
      lockInventories(tx, [request.eventId]),
      selectReservationsWithLiveTickets(tx, tx`r.id = ${request.id} AND r.status = 'queued'`, tx``),
    ]);
    if (accepted!.kind === 'replayed') return { kind: 'replayed', reservation: accepted!.reservation };
    const { terms, stock, now } = locked.get(request.eventId)!;
    const requests = queued.map(({ reservation }) => reservation);
    const liveTickets = new Map(queued.map(({ reservation, liveTickets }) => [reservation.customerId, liveTickets]));
    const [outcome] = decideInOrder({ terms, stock, now, requests, liveTickets });
    const { request: reservation, decision } = outcome!;
    const [decided] = await applyTransitions(tx, [{ reservation, requestId: request.requestId, ...decisionTransition(decision) }], { workerId: 'sync-lock' });
    return { kind: 'decided', reservation: decided! };
  }) as Promise<InlineDecision>;
}
