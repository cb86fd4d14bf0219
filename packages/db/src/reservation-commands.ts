import type { Sql, TransactionSql } from './client';
import { countersFor, lockEventInventory, type LockedInventory } from './inventory';
import { findReservation, selectReservations, type ReservationWithItems } from './reservation.repository';
import { transitionReservation, type TransitionContext } from './reservation-transition';

/*
 * The transactions a partition writer runs. Each begins by locking the event's inventory and
 * re-reads the reservation under that lock, so a command delivered twice finds the state its
 * first delivery left and changes nothing.
 */

export interface WriterContext {
  workerId: string;
  requestId: string | null;
}

export interface CommandTarget {
  eventId: string;
  reservationId: string;
}

export interface CommandResult {
  /** The reservation as the command left it; undefined if it does not exist. */
  reservation: ReservationWithItems | undefined;
  changed: boolean;
}

const contextOf = (writer: WriterContext): TransitionContext => ({
  actor: `worker:${writer.workerId}`,
  requestId: writer.requestId,
});

/** Runs `decide` with the event locked and the reservation re-read; an unknown one changes nothing. */
async function underEventLock(
  sql: Sql,
  target: CommandTarget,
  decide: (tx: TransactionSql, locked: LockedInventory, reservation: ReservationWithItems) => Promise<CommandResult>,
): Promise<CommandResult> {
  return sql.begin(async (tx) => {
    const locked = await lockEventInventory(tx, target.eventId);
    const reservation = await findReservation(tx, target.reservationId);
    if (!locked || !reservation) return { reservation, changed: false };
    if (reservation.eventId !== target.eventId) {
      throw new Error(`reservation ${target.reservationId} is not for event ${target.eventId}`);
    }
    return decide(tx, locked, reservation);
  }) as Promise<CommandResult>;
}

/** Turns a live hold into a sale. A hold past its expiry is expired instead. */
export function confirmReservation(sql: Sql, target: CommandTarget, writer: WriterContext): Promise<CommandResult> {
  return underEventLock(sql, target, async (tx, { now }, reservation) => {
    if (reservation.status !== 'held') return { reservation, changed: false };
    const expired = reservation.expiresAt! <= now;
    const next = await transitionReservation(
      tx,
      reservation,
      expired
        ? { to: 'expired', counters: countersFor(reservation.items, { held: -1, sold: 0 }) }
        : { to: 'confirmed', expiresAt: null, counters: countersFor(reservation.items, { held: -1, sold: 1 }) },
      contextOf(writer),
    );
    return { reservation: next, changed: true };
  });
}

/** What cancelling releases, by status; statuses not listed have nothing to cancel. */
const RELEASE_ON_CANCEL = {
  queued: { held: 0, sold: 0 },
  held: { held: -1, sold: 0 },
  confirmed: { held: 0, sold: -1 },
} as const;

/** Releases a queued request, a hold or a sale. */
export function cancelReservation(sql: Sql, target: CommandTarget, writer: WriterContext): Promise<CommandResult> {
  return underEventLock(sql, target, async (tx, _locked, reservation) => {
    if (!(reservation.status in RELEASE_ON_CANCEL)) return { reservation, changed: false };
    const release = RELEASE_ON_CANCEL[reservation.status as keyof typeof RELEASE_ON_CANCEL];
    const cancelled = await transitionReservation(
      tx,
      reservation,
      { to: 'cancelled', expiresAt: null, counters: countersFor(reservation.items, release) },
      contextOf(writer),
    );
    return { reservation: cancelled, changed: true };
  });
}

/** Expires every hold of the event whose expiry has passed and returns its tickets. */
export function expireDueHolds(sql: Sql, eventId: string, writer: WriterContext): Promise<ReservationWithItems[]> {
  return sql.begin(async (tx) => {
    const locked = await lockEventInventory(tx, eventId);
    if (!locked) return [];
    const due = await selectReservations(
      tx,
      tx`r.event_id = ${eventId} AND r.status = 'held' AND r.expires_at <= ${locked.now.toISOString()}::timestamptz`,
    );
    const expired: ReservationWithItems[] = [];
    for (const hold of due) {
      expired.push(
        await transitionReservation(
          tx,
          hold,
          { to: 'expired', counters: countersFor(hold.items, { held: -1, sold: 0 }) },
          contextOf(writer),
        ),
      );
    }
    return expired;
  }) as Promise<ReservationWithItems[]>;
}
