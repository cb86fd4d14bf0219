import { findReservation, type Database } from '@onsale/db';
import { toReservationView } from '@onsale/domain';
import { commandIdOf, partitionJob, type ReservationPublisher } from '@onsale/queue';
import type { DeadLetterView, Logger } from '@onsale/shared';

/**
 * When a confirm or cancel is set aside, the API call waiting for its outcome (up to
 * COMMAND_WAIT_MS) is told at once, on the reservation's channel, with the reservation as it
 * still is: it answers 503 rather than a 202 for a change that is not coming.
 */
export function noticeSetAsideCommands(deps: { database: Database; publisher: ReservationPublisher; logger: Logger }) {
  return async (letter: DeadLetterView): Promise<void> => {
    const job = partitionJob.safeParse(letter.payload);
    if (!job.success || (job.data.kind !== 'confirm' && job.data.kind !== 'cancel')) return;
    const reservation = await findReservation(deps.database, job.data.reservationId);
    if (reservation) await deps.publisher.publish([toReservationView(reservation)], commandIdOf(job.data), { setAside: true });
  };
}
