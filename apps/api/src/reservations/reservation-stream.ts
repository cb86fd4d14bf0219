import { findReservation, type Database } from '@onsale/db';
import { toReservationView } from '@onsale/domain';
import { SETTLED_STATUSES, withDeadline, type ReservationView } from '@onsale/shared';
import type { Response } from 'express';
import type { ReservationUpdates } from '@onsale/queue';
import { openEventStream, writeToStream } from '../http/sse';
import type { ReservationPolls } from './reservation-polls';

const HEARTBEAT_MS = 15_000;
const SUBSCRIBE_WAIT_MS = 2_000;
/** Position updates are coalesced: at most one per this long per stream. */
const PLACE_EVERY_MS = 1_000;

/**
 * Server-Sent Events for one reservation: its current state at once, then every change, ending
 * after a settled state; while it is queued, its place again (same version, new `queue`) when
 * its position moved, at most once a second. Subscribes before reading, so no change between the
 * two is lost; versions drop duplicates.
 */
export async function streamReservation(
  deps: { database: Database; updates: ReservationUpdates; polls: ReservationPolls },
  reservationId: string,
  res: Response,
): Promise<void> {
  let last: ReservationView | undefined;
  let ended = false;
  let unsubscribe: (() => Promise<void>) | undefined;
  const heartbeat = setInterval(() => writeToStream(res, ': keep-alive\n\n'), HEARTBEAT_MS);
  const places = setInterval(() => sendPlace(), PLACE_EVERY_MS);

  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    clearInterval(places);
    void unsubscribe?.();
    res.end();
  };
  const write = (reservation: ReservationView) => {
    last = reservation;
    writeToStream(res, `id: ${reservation.version}\nevent: reservation\ndata: ${JSON.stringify(reservation)}\n\n`);
    if (SETTLED_STATUSES.includes(reservation.status)) end();
  };
  const send = (reservation: ReservationView) => {
    if (ended || (last && reservation.version <= last.version)) return;
    const queue = reservation.status === 'queued' ? deps.polls.placeNow(reservation.id) : undefined;
    write(queue ? { ...reservation, queue } : reservation);
  };
  const sendPlace = () => {
    if (ended || last?.status !== 'queued') return;
    const queue = deps.polls.placeNow(reservationId);
    if (queue && queue.position !== last.queue?.position) write({ ...last, queue });
  };

  res.on('close', end);
  openEventStream(res);
  // HEAD asks for the headers only: a stream that never ends would hold the connection for nothing.
  if (res.req.method === 'HEAD') return end();
  res.flushHeaders();
  const subscribing = deps.updates.subscribe(reservationId, (update) => send(update.reservation));
  unsubscribe = await withDeadline(subscribing, SUBSCRIBE_WAIT_MS).catch(() => {
    // Redis is away: give the current state and end; the client reconnects later.
    void subscribing.then((off) => off());
    return undefined;
  });
  if (ended) {
    void unsubscribe?.();
    return;
  }
  const current = await findReservation(deps.database, reservationId);
  if (current) {
    await deps.polls.learn(current);
    send(toReservationView(current));
  }
  if (!unsubscribe) end();
}
