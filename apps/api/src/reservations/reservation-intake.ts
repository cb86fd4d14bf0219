import type { AcceptOutcome, QueuedReservationInput, ReservationWithItems } from '@onsale/db';

/**
 * What becomes of a validated reservation request. Onsale records it as queued and leaves the
 * decision to the event's partition writer; the benchmark swaps in other designs behind the
 * same HTTP app (deciding inline, or doing nothing) to measure them side by side.
 */
export type IntakeOutcome = AcceptOutcome | { kind: 'decided'; reservation: ReservationWithItems };

export interface ReservationIntake {
  accept(request: QueuedReservationInput): Promise<IntakeOutcome>;
  close?(): Promise<void>;
}
