import type { RejectionReason, ReservationStatus } from '@onsale/shared';
import { dateOrNull, type TransactionSql } from './client';
import { mergeCounterChanges, type CounterChange } from './inventory';
import type { ReservationWithItems } from './reservation.repository';

export interface TransitionContext {
  /** `worker:<id>` for partition writers. */
  actor: string;
  requestId: string | null;
}

export interface TransitionChange {
  to: ReservationStatus;
  reason?: RejectionReason;
  /** Undefined keeps the current expiry; null clears it. */
  expiresAt?: Date | null;
  /** Stamp decision_started_at / decided_at / decided_by: only for the queued → held|rejected decision. */
  decidedBy?: string;
  /** Inventory moved by this transition, applied in the same statement. */
  counters?: readonly CounterChange[];
}

/**
 * Moves a reservation to a new status, records the change in the history table and moves the
 * counters, in one statement. The update is conditional on the version read under the event
 * lock, and (reservation, version) is unique in the history, so a transition can never be
 * applied twice; the counters' CHECK constraints refuse any overselling.
 */
export async function transitionReservation(
  tx: TransactionSql,
  reservation: ReservationWithItems,
  change: TransitionChange,
  context: TransitionContext,
): Promise<ReservationWithItems> {
  const expiresAt = change.expiresAt === undefined ? reservation.expiresAt : change.expiresAt;
  const [updated] = await tx<{ updatedAt: string; decisionStartedAt: string | null; decidedAt: string | null }[]>`
    WITH updated AS (
      UPDATE reservations SET
        status = ${change.to}::reservation_status,
        reason = ${change.reason ?? null}::rejection_reason,
        expires_at = ${expiresAt?.toISOString() ?? null}::timestamptz,
        version = version + 1,
        updated_at = clock_timestamp(),
        decided_by = coalesce(${change.decidedBy ?? null}::text, decided_by),
        decision_started_at = CASE WHEN ${change.decidedBy ?? null}::text IS NULL THEN decision_started_at ELSE now() END,
        decided_at = CASE WHEN ${change.decidedBy ?? null}::text IS NULL THEN decided_at ELSE clock_timestamp() END
      WHERE id = ${reservation.id} AND version = ${reservation.version}
      RETURNING id, version, updated_at, decision_started_at, decided_at
    ), history AS (
      INSERT INTO reservation_history (reservation_id, version, from_status, to_status, reason, actor, request_id)
      SELECT id, version, ${reservation.status}::reservation_status, ${change.to}::reservation_status,
             ${change.reason ?? null}::rejection_reason, ${context.actor}, ${context.requestId}
      FROM updated
    ), counters AS (
      UPDATE ticket_types AS t SET held = t.held + c.held, sold = t.sold + c.sold
      FROM jsonb_to_recordset(${JSON.stringify(mergeCounterChanges(change.counters ?? []))}::jsonb)
        AS c("ticketTypeId" uuid, held int, sold int)
      WHERE t.id = c."ticketTypeId" AND EXISTS (SELECT 1 FROM updated)
    )
    SELECT updated_at AS "updatedAt", decision_started_at AS "decisionStartedAt", decided_at AS "decidedAt" FROM updated`;
  if (!updated) throw new Error(`reservation ${reservation.id} changed outside its event lock`);
  return {
    ...reservation,
    status: change.to,
    reason: change.reason ?? null,
    expiresAt,
    version: reservation.version + 1,
    updatedAt: new Date(updated.updatedAt),
    decisionStartedAt: dateOrNull(updated.decisionStartedAt),
    decidedAt: dateOrNull(updated.decidedAt),
    decidedBy: change.decidedBy ?? reservation.decidedBy,
  };
}
