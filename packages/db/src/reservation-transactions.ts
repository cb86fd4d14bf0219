import { InvariantViolated } from '@onsale/shared';
import type { Database, TransactionSql } from './client';
import { countersAfter, type EventCounters } from './event-counters';
import { lockInventories, type LockedInventory } from './inventory';
import { readQueueProgress } from './queue-progress';
import { notAwaitingDraw } from './draw-pending';
import {
  eventsQueuedInPartition,
  reservationById,
  selectReservations,
  selectReservationsWithLiveTickets,
  type ReservationWithItems,
} from './reservation-reads';
import { decideInOrder, statusesThatReach } from '@onsale/domain';
import { applyTransitions, counterChangesOf, type HeldSeat, type Transition } from './reservation-writer';
import type { SeatAvailability } from '@onsale/domain';
import { BatchSeatAllocator, loadSeatAvailability, seatStatesOf, type SeatStateCache } from './seat-decisions';
import { settleWaitlist, settleWaitlistAfterDecisions } from './waitlist-offers';

/*
 * The transactions a partition writer runs: every change of an event's inventory. Each locks the
 * inventory of its events first and reads the reservations under that lock, so a command
 * delivered twice finds the state its first delivery left and changes nothing; each writes
 * through `applyTransitions`.
 */

export interface WriterContext {
  workerId: string;
  /** The request id of the job, recorded with a command's history row. */
  requestId: string | null;
}

/** Which of a partition's queued requests one decision transaction takes, in arrival order. */
export interface QueuedBatch {
  partition: number;
  /** The most requests decided at once. */
  limit: number;
  /** Only one event's requests, or one request (how a failing batch is narrowed down). */
  only?: { eventId: string } | { reservationId: string };
}

export interface DecidedBatch {
  decided: ReservationWithItems[];
  /** The counters of the batch's events after its commit. */
  counters: EventCounters[];
  /** The batch was full: more requests may be waiting. */
  more: boolean;
  /** Waitlist offers of tickets the batch left free (see settleWaitlistAfterDecisions). */
  offered?: ReservationWithItems[];
}

/**
 * The counters after `transitions`, each with its event's queue progress where a transition took
 * a request out of the queue (read in the transaction, after its writes).
 */
async function countersAndQueuesAfter(
  tx: TransactionSql,
  locked: ReadonlyMap<string, LockedInventory>,
  transitions: readonly Transition[],
): Promise<EventCounters[]> {
  const dequeued = new Set(transitions.filter(({ reservation }) => reservation.status === 'queued').map(({ reservation }) => reservation.eventId));
  const queues = new Map((await readQueueProgress(tx, [...dequeued])).map(({ eventId, ...queue }) => [eventId, queue]));
  return countersAfter(locked, transitions).map((counters) => {
    const queue = queues.get(counters.eventId);
    return queue ? { ...counters, queue } : counters;
  });
}

/**
 * Decides a partition's oldest queued requests, for every one of its events at once, in one
 * transaction: finds the events of the batch, locks their inventory, reads the requests in
 * arrival order under the lock, decides each as if in its own transaction (`decideInOrder`)
 * and writes every outcome in one statement.
 */
export function decideQueued(database: Database, batch: QueuedBatch, writer: WriterContext): Promise<DecidedBatch> {
  return decideBatch(database, batch, writer, seatStatesOf(database));
}

/** decideQueued with the seat states it starts from and keeps (none: read every seat under the lock). */
export async function decideBatch(
  { sql }: Database,
  batch: QueuedBatch,
  writer: WriterContext,
  seatStates: SeatStateCache | undefined,
): Promise<DecidedBatch> {
  const seatsUsed: { ticketTypeId: string; version: number; availability: SeatAvailability }[] = [];
  const decided = (await sql.begin(async (tx) => {
    const eventIds = await eventsOf(tx, batch);
    if (eventIds.length === 0) return { decided: [], counters: [], more: false };
    // Sent together, run in order: the batch is read under the lock, one round trip for both.
    const [locked, queued] = await Promise.all([lockInventories(tx, eventIds), selectQueued(tx, batch, eventIds)]);
    const transitions: Transition[] = [];
    for (const [eventId, { requests, liveTickets }] of groupByEvent(queued)) {
      const { terms, stock, now, seated } = locked.get(eventId)!;
      const availability = await loadSeatAvailability(tx, seated, seatStates);
      for (const type of seated) seatsUsed.push({ ...type, availability: availability.get(type.ticketTypeId)! });
      const seats = new BatchSeatAllocator(availability);
      const seatHooks =
        seated.length > 0
          ? {
              allocateSeats: (request: ReservationWithItems) => seats.allocate(request),
              explainSoldOut: (request: ReservationWithItems) => seats.explainSoldOut(request),
            }
          : {};
      for (const { request, decision } of decideInOrder({ terms, stock, now, requests, liveTickets, ...seatHooks })) {
        transitions.push({
          reservation: request,
          requestId: request.requestId,
          ...decisionTransition(decision, { seats: seats.assignments, takenSeats: seats.takenLabels.get(request.id) }, request.id),
        });
      }
    }
    const decided = await applyTransitions(tx, transitions, writer);
    const changed = new Set(counterChangesOf(transitions).map((change) => change.ticketTypeId));
    for (const used of seatsUsed) if (changed.has(used.ticketTypeId)) used.version += 1;
    // Offers bump a seated type's version again: its kept seat state then no longer matches, and is read afresh.
    const waitlist = await settleWaitlistAfterDecisions(tx, locked, transitions, writer);
    const counters = await countersAndQueuesAfter(tx, locked, [...transitions, ...waitlist.transitions]);
    return { decided, counters, more: queued.length === batch.limit, ...(waitlist.offered.length > 0 ? { offered: waitlist.offered } : {}) };
  })) as DecidedBatch;
  // Committed: the states are now exactly what the database holds at these versions.
  for (const used of seatsUsed) seatStates?.checkin(used.ticketTypeId, used.version, used.availability);
  return decided;
}

/** The transition a decision makes of a queued request: held with its expiry (and seats), or rejected with its reason. */
export const decisionTransition = (
  decision: ReturnType<typeof decideInOrder>[number]['decision'],
  seats?: { seats: readonly (HeldSeat & { reservationId: string })[]; takenSeats: string[] | undefined },
  reservationId?: string,
) => {
  if (decision.outcome === 'rejected') {
    return { to: 'rejected', reason: decision.reason, ...(seats?.takenSeats ? { takenSeats: seats.takenSeats } : {}) } as const;
  }
  const held = seats?.seats.filter((seat) => seat.reservationId === reservationId) ?? [];
  return {
    to: 'held',
    expiresAt: decision.expiresAt,
    ...(held.length > 0 ? { seats: held.map(({ seatId, ticketTypeId }) => ({ seatId, ticketTypeId })) } : {}),
  } as const;
};

async function eventsOf(tx: TransactionSql, batch: QueuedBatch): Promise<string[]> {
  if (batch.only && 'eventId' in batch.only) return [batch.only.eventId];
  if (batch.only) {
    const reservation = await reservationById(tx, batch.only.reservationId);
    return reservation?.status === 'queued' ? [reservation.eventId] : [];
  }
  return eventsQueuedInPartition(tx, batch.partition, batch.limit);
}

function selectQueued(tx: TransactionSql, batch: QueuedBatch, eventIds: readonly string[]) {
  const only = batch.only && 'reservationId' in batch.only ? tx`AND r.id = ${batch.only.reservationId}` : tx``;
  return selectReservationsWithLiveTickets(
    tx,
    tx`r.partition = ${batch.partition} AND r.status = 'queued' AND r.event_id = ANY(${eventIds as string[]}::uuid[]) ${only} ${notAwaitingDraw(tx)}`,
    tx`ORDER BY r.arrival LIMIT ${batch.limit}`,
  );
}

type QueuedRequest = Awaited<ReturnType<typeof selectQueued>>[number];

/**
 * Requests grouped by event, each group keeping arrival order, with the tickets each of its
 * customers held or bought before the batch.
 */
function groupByEvent(queued: readonly QueuedRequest[]) {
  const groups = new Map<string, { requests: ReservationWithItems[]; liveTickets: Map<string, number> }>();
  for (const { reservation, liveTickets } of queued) {
    let group = groups.get(reservation.eventId);
    if (!group) groups.set(reservation.eventId, (group = { requests: [], liveTickets: new Map() }));
    group.requests.push(reservation);
    group.liveTickets.set(reservation.customerId, liveTickets);
  }
  return groups;
}

export interface CommandTarget {
  eventId: string;
  reservationId: string;
}

export interface CommandResult {
  /** The reservation as the command left it; undefined if it does not exist. */
  reservation: ReservationWithItems | undefined;
  changed: boolean;
  /** The event's counters after the commit, when the command changed something. */
  counters?: EventCounters[];
  /** Waitlist offers the release made in the same transaction (held for their customers). */
  offered?: ReservationWithItems[];
}

/**
 * Runs `change` with the event locked and the reservation re-read under the lock, and applies
 * the transition it returns; an unknown reservation, or one `change` leaves alone, is not changed.
 */
function changeReservation(
  { sql }: Database,
  target: CommandTarget,
  writer: WriterContext,
  change: (reservation: ReservationWithItems, locked: LockedInventory) => 'confirmed' | 'cancelled' | 'expired' | undefined,
): Promise<CommandResult> {
  return sql.begin(async (tx) => {
    const [locked, reservation] = await Promise.all([
      lockInventories(tx, [target.eventId]).then((inventories) => inventories.get(target.eventId)),
      reservationById(tx, target.reservationId),
    ]);
    if (!locked || !reservation) return { reservation, changed: false };
    if (reservation.eventId !== target.eventId) {
      throw new InvariantViolated(`reservation ${target.reservationId} is not for event ${target.eventId}`);
    }
    const to = change(reservation, locked);
    if (!to) return { reservation, changed: false };
    const transition: Transition = { reservation, to, requestId: writer.requestId };
    const [changed] = await applyTransitions(tx, [transition], writer);
    const waitlist = await settleWaitlist(tx, { eventId: target.eventId, locked, applied: [transition], writer });
    const counters = await countersAndQueuesAfter(tx, new Map([[target.eventId, locked]]), [transition, ...waitlist.transitions]);
    return { reservation: changed, changed: true, counters, offered: waitlist.offered };
  }) as Promise<CommandResult>;
}

/** Turns a live hold into a sale. A hold past its expiry is expired instead. */
export function confirmReservation(database: Database, target: CommandTarget, writer: WriterContext): Promise<CommandResult> {
  return changeReservation(database, target, writer, (reservation, { now }) => {
    if (reservation.status !== 'held') return undefined;
    return reservation.expiresAt! <= now ? 'expired' : 'confirmed';
  });
}

const CANCELLABLE = statusesThatReach('cancelled');

/** Releases a queued request, a hold or a sale. */
export function cancelReservation(database: Database, target: CommandTarget, writer: WriterContext): Promise<CommandResult> {
  return changeReservation(database, target, writer, (reservation) => (CANCELLABLE.includes(reservation.status) ? 'cancelled' : undefined));
}

export interface ExpiredBatch {
  expired: ReservationWithItems[];
  /** The event's counters after the commit (none when nothing was due). */
  counters: EventCounters[];
  /** The batch was full: more holds may be due. */
  more: boolean;
  /** Waitlist offers of the released tickets, made in the same transaction (held for their customers). */
  offered: ReservationWithItems[];
}

/**
 * Expires the event's holds past their expiry, oldest first, at most `limit` in one transaction
 * (one statement), and returns their tickets: a mass expiry holds the event's lock for one
 * short batch at a time, and the partition's other commands run between batches.
 */
export function expireDueHolds({ sql }: Database, eventId: string, limit: number, writer: WriterContext): Promise<ExpiredBatch> {
  return sql.begin(async (tx) => {
    const inventories = await lockInventories(tx, [eventId]);
    const locked = inventories.get(eventId);
    if (!locked) return { expired: [], counters: [], more: false, offered: [] };
    const due = await selectReservations(
      tx,
      tx`r.event_id = ${eventId} AND r.status = 'held' AND r.expires_at <= ${locked.now.toISOString()}::timestamptz`,
      tx`ORDER BY r.expires_at LIMIT ${limit}`,
    );
    const transitions = due.map((hold): Transition => ({ reservation: hold, to: 'expired', requestId: writer.requestId }));
    const expired = await applyTransitions(tx, transitions, writer);
    const waitlist = expired.length > 0 ? await settleWaitlist(tx, { eventId, locked, applied: transitions, writer }) : { offered: [], transitions: [] };
    const counters = countersAfter(inventories, [...transitions, ...waitlist.transitions]);
    return { expired, counters, more: due.length === limit, offered: waitlist.offered };
  }) as Promise<ExpiredBatch>;
}

/**
 * Sets a queued request aside as rejected with `internal_error`: for a request whose decision
 * the database refuses however it is retried, so that the rest of its partition is still decided.
 */
export function rejectAsFailed({ sql }: Database, target: CommandTarget, writer: WriterContext): Promise<CommandResult> {
  return sql.begin(async (tx) => {
    const [locked, reservation] = await Promise.all([lockInventories(tx, [target.eventId]), reservationById(tx, target.reservationId)]);
    if (reservation?.status !== 'queued') return { reservation, changed: false };
    const transition: Transition = { reservation, to: 'rejected', reason: 'internal_error', requestId: reservation.requestId };
    const [rejected] = await applyTransitions(tx, [transition], writer);
    return { reservation: rejected, changed: true, counters: await countersAndQueuesAfter(tx, locked, [transition]) };
  }) as Promise<CommandResult>;
}
