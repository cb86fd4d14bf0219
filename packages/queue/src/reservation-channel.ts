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
});
export type ReservationUpdate = z.infer<typeof reservationUpdate>;
