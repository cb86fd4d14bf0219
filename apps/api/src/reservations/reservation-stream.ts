import { findReservation, toReservationView, type SqlClient } from '@onsale/db';
import { SETTLED_STATUSES, withTimeout, type ReservationView } from '@onsale/shared';
import type { Response } from 'express';
import type { ReservationUpdates } from '@onsale/queue';
import { openEventStream, writeToStream } from '../http/sse';

const HEARTBEAT_MS = 15_000;
const SUBSCRIBE_WAIT_MS = 2_000;

/**
 * Server-Sent Events for one reservation: its current state at once, then every change, ending
 * after a settled state. Subscribes before reading, so no change between the two is lost;
 * versions drop duplicates.
 */
export async function streamReservation(
  deps: { sql: SqlClient; updates: ReservationUpdates },
  reservationId: string,
  res: Response,
): Promise<void> {
  let lastVersion = 0;
  let ended = false;
  let unsubscribe: (() => Promise<void>) | undefined;
  const heartbeat = setInterval(() => writeToStream(res, ': keep-alive\n\n'), HEARTBEAT_MS);

  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    void unsubscribe?.();
    res.end();
  };
  const send = (reservation: ReservationView) => {
    if (ended || reservation.version <= lastVersion) return;
    lastVersion = reservation.version;
    writeToStream(res, `id: ${reservation.version}\nevent: reservation\ndata: ${JSON.stringify(reservation)}\n\n`);
    if (SETTLED_STATUSES.includes(reservation.status)) end();
  };

  res.on('close', end);
  openEventStream(res);
  // HEAD asks for the headers only: a stream that never ends would hold the connection for nothing.
  if (res.req.method === 'HEAD') return end();
  res.flushHeaders();
  const subscribing = deps.updates.subscribe(reservationId, (update) => send(update.reservation));
  unsubscribe = await withTimeout(subscribing, SUBSCRIBE_WAIT_MS).catch(() => {
    // Redis is away: give the current state and end; the client reconnects later.
    void subscribing.then((off) => off());
    return undefined;
  });
  if (ended) {
    void unsubscribe?.();
    return;
  }
  const current = await findReservation(deps.sql, reservationId);
  if (current) send(toReservationView(current));
  if (!unsubscribe) end();
}
