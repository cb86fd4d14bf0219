import type { RejectionReason, ReservationStatus } from '@onsale/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { Transaction } from './client';
import type { ReservationWithItems } from './reservation.repository';
import { reservationHistory, reservations } from './schema';

export interface TransitionContext {
  /** `worker:<id>` for partition writers. */
  actor: string;
  requestId: string | null;
}

export interface TransitionChange {
  to: ReservationStatus;
  reason?: RejectionReason;
  expiresAt?: Date | null;
  /** Stamp decision_started_at / decided_at / decided_by: only for the queued → held|rejected decision. */
  decidedBy?: string;
}

/**
 * Moves a reservation to a new status and records the change in the history table. The update
 * is conditional on the version read under the event lock, and (reservation, version) is unique
 * in the history, so a transition can never be applied twice.
 */
export async function transitionReservation(
  tx: Transaction,
  reservation: ReservationWithItems,
  change: TransitionChange,
  context: TransitionContext,
): Promise<ReservationWithItems> {
  const version = reservation.version + 1;
  const [updated] = await tx
    .update(reservations)
    .set({
      status: change.to,
      reason: change.reason ?? null,
      expiresAt: change.expiresAt === undefined ? reservation.expiresAt : change.expiresAt,
      version,
      updatedAt: sql`clock_timestamp()`,
      ...(change.decidedBy
        ? { decidedBy: change.decidedBy, decisionStartedAt: sql`now()`, decidedAt: sql`clock_timestamp()` }
        : {}),
    })
    .where(and(eq(reservations.id, reservation.id), eq(reservations.version, reservation.version)))
    .returning();
  if (!updated) throw new Error(`reservation ${reservation.id} changed outside its event lock`);
  await tx.insert(reservationHistory).values({
    reservationId: reservation.id,
    version,
    fromStatus: reservation.status,
    toStatus: change.to,
    reason: change.reason ?? null,
    actor: context.actor,
    requestId: context.requestId,
  });
  return { ...updated, items: reservation.items };
}
