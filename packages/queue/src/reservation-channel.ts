import { reservationView } from '@onsale/shared';
import { z } from 'zod';

/** Redis pub/sub channel on which every change of one reservation is published. */
export function reservationChannel(keyPrefix: string, reservationId: string): string {
  return `${keyPrefix}:reservation:${reservationId}`;
}

/** Published on the reservation's channel after every command a partition writer handles. */
export const reservationUpdate = z.object({
  reservation: reservationView,
  /** The job whose handling produced this message. */
  commandId: z.string(),
  /**
   * True when the job failed every attempt and was set aside as a dead letter: the reservation
   * is as it was, and whoever waits for the command's outcome learns at once that none is coming.
   */
  setAside: z.boolean().optional(),
});
export type ReservationUpdate = z.infer<typeof reservationUpdate>;
