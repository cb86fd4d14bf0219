import type { EventCounters, ReservationWithItems } from '@onsale/db';
import type { EventActivity, JobKind } from '@onsale/queue';

type Tally = Pick<EventActivity, 'held' | 'rejected' | 'confirmed' | 'cancelled' | 'expired'>;
const TALLIED = ['held', 'rejected', 'confirmed', 'cancelled', 'expired'] as const;

/**
 * One message per event a command changed: the counters its commit left, how many reservations
 * went where, and, for a decision batch, each decision's accept → decision latency.
 */
export function eventActivitiesOf(
  kind: JobKind,
  changed: readonly ReservationWithItems[],
  counters: readonly EventCounters[],
  commandId: string,
  at: Date,
): EventActivity[] {
  return counters.map(({ eventId, ticketTypes, queue }) => {
    const ofEvent = changed.filter((reservation) => reservation.eventId === eventId);
    const tally: Tally = { held: 0, rejected: 0, confirmed: 0, cancelled: 0, expired: 0 };
    for (const { status } of ofEvent) {
      if ((TALLIED as readonly string[]).includes(status)) tally[status as keyof Tally] += 1;
    }
    const decisionLatenciesMs =
      kind === 'decide'
        ? ofEvent.map(({ createdAt, decidedAt }) => Math.max(0, Math.round((decidedAt ?? at).getTime() - createdAt.getTime())))
        : [];
    const changedReservations = kind === 'decide' ? [] : ofEvent.map(({ id, version }) => ({ id, version }));
    return {
      eventId,
      commandId,
      at: at.toISOString(),
      ticketTypes,
      ...tally,
      decisionLatenciesMs,
      ...(queue ? { queue } : {}),
      ...(changedReservations.length > 0 ? { changed: changedReservations } : {}),
    };
  });
}
