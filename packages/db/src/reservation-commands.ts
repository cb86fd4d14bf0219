import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Database, Transaction } from './client';
import { changeCounters, countersFor, lockEventInventory } from './inventory';
import { decideReservation } from './reservation-rules';
import { findReservation, type ReservationWithItems } from './reservation.repository';
import { transitionReservation, type TransitionContext } from './reservation-transition';
import { events, reservationItems, reservations } from './schema';

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

async function databaseNow(tx: Transaction): Promise<Date> {
  const [row] = await tx.execute<{ now: string | Date }>(sql`SELECT clock_timestamp() AS now`);
  return new Date(row!.now);
}

async function lockAndRead(tx: Transaction, target: CommandTarget) {
  const stock = await lockEventInventory(tx, target.eventId);
  const reservation = await findReservation(tx, target.reservationId);
  if (reservation && reservation.eventId !== target.eventId) {
    throw new Error(`reservation ${target.reservationId} is not for event ${target.eventId}`);
  }
  return { stock, reservation };
}

async function countLiveTickets(tx: Transaction, eventId: string, customerId: string): Promise<number> {
  const [row] = await tx
    .select({ total: sql<number>`coalesce(sum(${reservationItems.quantity}), 0)::int` })
    .from(reservations)
    .innerJoin(reservationItems, eq(reservationItems.reservationId, reservations.id))
    .where(
      and(
        eq(reservations.eventId, eventId),
        eq(reservations.customerId, customerId),
        inArray(reservations.status, ['held', 'confirmed']),
      ),
    );
  return row?.total ?? 0;
}

/** Decides a queued request: hold every item, or reject it with a reason. */
export async function decideQueuedReservation(
  db: Database,
  target: CommandTarget,
  writer: WriterContext,
): Promise<CommandResult> {
  return db.transaction(async (tx) => {
    const { stock, reservation } = await lockAndRead(tx, target);
    if (!reservation || reservation.status !== 'queued') return { reservation, changed: false };
    const [terms] = await tx.select().from(events).where(eq(events.id, target.eventId));
    const customerLiveTickets =
      terms!.maxTicketsPerCustomer === null ? 0 : await countLiveTickets(tx, target.eventId, reservation.customerId);
    const decision = decideReservation({
      terms: terms!,
      stock,
      items: reservation.items,
      customerLiveTickets,
      now: await databaseNow(tx),
    });
    if (decision.outcome === 'held') {
      await changeCounters(tx, countersFor(reservation.items, { held: 1, sold: 0 }));
    }
    const decided = await transitionReservation(
      tx,
      reservation,
      decision.outcome === 'held'
        ? { to: 'held', expiresAt: decision.expiresAt, decidedBy: writer.workerId }
        : { to: 'rejected', reason: decision.reason, decidedBy: writer.workerId },
      contextOf(writer),
    );
    return { reservation: decided, changed: true };
  });
}

/** Turns a live hold into a sale. A hold past its expiry is expired instead. */
export async function confirmReservation(
  db: Database,
  target: CommandTarget,
  writer: WriterContext,
): Promise<CommandResult> {
  return db.transaction(async (tx) => {
    const { reservation } = await lockAndRead(tx, target);
    if (!reservation || reservation.status !== 'held') return { reservation, changed: false };
    if (reservation.expiresAt! <= (await databaseNow(tx))) {
      await changeCounters(tx, countersFor(reservation.items, { held: -1, sold: 0 }));
      const expired = await transitionReservation(tx, reservation, { to: 'expired' }, contextOf(writer));
      return { reservation: expired, changed: true };
    }
    await changeCounters(tx, countersFor(reservation.items, { held: -1, sold: 1 }));
    const confirmed = await transitionReservation(
      tx,
      reservation,
      { to: 'confirmed', expiresAt: null },
      contextOf(writer),
    );
    return { reservation: confirmed, changed: true };
  });
}

/** Releases a queued request, a hold or a sale. */
export async function cancelReservation(
  db: Database,
  target: CommandTarget,
  writer: WriterContext,
): Promise<CommandResult> {
  return db.transaction(async (tx) => {
    const { reservation } = await lockAndRead(tx, target);
    if (!reservation) return { reservation, changed: false };
    const release = { queued: undefined, held: { held: -1, sold: 0 }, confirmed: { held: 0, sold: -1 } } as const;
    if (!(reservation.status in release)) return { reservation, changed: false };
    const delta = release[reservation.status as keyof typeof release];
    if (delta) await changeCounters(tx, countersFor(reservation.items, delta));
    const cancelled = await transitionReservation(
      tx,
      reservation,
      { to: 'cancelled', expiresAt: null },
      contextOf(writer),
    );
    return { reservation: cancelled, changed: true };
  });
}

/** Expires every hold of the event whose expiry has passed and returns its tickets. */
export async function expireDueHolds(
  db: Database,
  eventId: string,
  writer: WriterContext,
): Promise<ReservationWithItems[]> {
  return db.transaction(async (tx) => {
    await lockEventInventory(tx, eventId);
    const due = await tx.query.reservations.findMany({
      where: and(
        eq(reservations.eventId, eventId),
        eq(reservations.status, 'held'),
        lte(reservations.expiresAt, sql`clock_timestamp()`),
      ),
      with: { items: { columns: { ticketTypeId: true, quantity: true }, with: { ticketType: { columns: { code: true } } } } },
    });
    await changeCounters(
      tx,
      due.flatMap((hold) => countersFor(hold.items, { held: -1, sold: 0 })),
    );
    const expired: ReservationWithItems[] = [];
    for (const hold of due) {
      expired.push(await transitionReservation(tx, hold, { to: 'expired' }, contextOf(writer)));
    }
    return expired;
  });
}
