import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { tokenFor } from '../../support/tokens';
import { CHAOS_JWT_SECRET, type ClusterUnderTest } from './cluster-under-test';
import type { AcceptedRequest } from './rush';

/** What the verifier found; every count but the first four must be 0. */
export interface Verification {
  /** Distinct ids that got a 202. */
  accepted: number;
  held: number;
  rejected: number;
  /** How long after verification began the last accepted request was decided. */
  drainedAfterMs: number;
  /** Tickets held or sold beyond a ticket type's capacity. */
  oversold: number;
  /** 202'd ids with no row in PostgreSQL: a lost acceptance. */
  lost: number;
  /** 202'd ids still `queued` when the wait ran out. */
  acceptedNeverDecided: number;
  /** Reservations with more than one decision (history rows leaving `queued`). */
  decidedTwice: number;
  /** Decided reservations with no history row for their decision. */
  decidedWithoutHistory: number;
  /** Ticket types whose held/sold counters differ from the sum of their held/confirmed reservations. */
  counterMismatches: number;
  /** 202'd ids that GET /v1/reservations/:id did not show decided. */
  pollNotDecided: number;
  /** Processes that exited with no test asking. */
  unexpectedExits: number;
}

/**
 * Waits (up to `decideWithinMs`) until the event has no queued request, then checks the outcome
 * by SQL and by polling every 202'd id over HTTP.
 */
export async function verifyRush(options: {
  cluster: ClusterUnderTest;
  eventId: string;
  accepted: AcceptedRequest[];
  decideWithinMs: number;
}): Promise<Verification> {
  const { cluster, eventId } = options;
  const sql = postgres(cluster.databaseUrl, { max: 2, onnotice: () => {} });
  try {
    const began = Date.now();
    const queuedCount = async () =>
      Number((await sql`SELECT count(*)::int AS n FROM reservations WHERE event_id = ${eventId} AND status = 'queued'`)[0]!.n);
    while ((await queuedCount()) > 0 && Date.now() - began < options.decideWithinMs) await sleep(100);
    const drainedAfterMs = Date.now() - began;

    const ids = [...new Set(options.accepted.map((request) => request.id))];
    const [statuses] = await sql<{ lost: number; queued: number; held: number; rejected: number }[]>`
      SELECT count(*) FILTER (WHERE r.id IS NULL)::int AS lost,
             count(*) FILTER (WHERE r.status = 'queued')::int AS queued,
             count(*) FILTER (WHERE r.status = 'held')::int AS held,
             count(*) FILTER (WHERE r.status = 'rejected')::int AS rejected
      FROM unnest(${ids}::uuid[]) AS a(id) LEFT JOIN reservations r USING (id)`;
    const [decisions] = await sql<{ twice: number; without: number }[]>`
      SELECT count(*) FILTER (WHERE decisions > 1)::int AS twice,
             count(*) FILTER (WHERE decisions = 0 AND status <> 'queued')::int AS without
      FROM (
        SELECT r.status, (SELECT count(*) FROM reservation_history h WHERE h.reservation_id = r.id AND h.from_status = 'queued') AS decisions
        FROM reservations r WHERE r.event_id = ${eventId}
      ) per_reservation`;
    const [counters] = await sql<{ oversold: number; mismatches: number }[]>`
      SELECT coalesce(sum(greatest(0, t.held + t.sold - t.capacity) + greatest(0, live.held + live.sold - t.capacity)), 0)::int AS oversold,
             count(*) FILTER (WHERE t.held <> live.held OR t.sold <> live.sold)::int AS mismatches
      FROM ticket_types t
      CROSS JOIN LATERAL (
        SELECT coalesce(sum(i.quantity) FILTER (WHERE r.status = 'held'), 0) AS held,
               coalesce(sum(i.quantity) FILTER (WHERE r.status = 'confirmed'), 0) AS sold
        FROM reservation_items i JOIN reservations r ON r.id = i.reservation_id
        WHERE i.ticket_type_id = t.id
      ) live
      WHERE t.event_id = ${eventId}`;

    return {
      accepted: ids.length,
      held: statuses!.held,
      rejected: statuses!.rejected,
      drainedAfterMs,
      oversold: counters!.oversold,
      lost: statuses!.lost,
      acceptedNeverDecided: statuses!.queued,
      decidedTwice: decisions!.twice,
      decidedWithoutHistory: decisions!.without,
      counterMismatches: counters!.mismatches,
      pollNotDecided: await pollNotDecided(cluster.url, options.accepted),
      unexpectedExits: cluster.unexpectedExits().length,
    };
  } finally {
    await sql.end({ timeout: 2 });
  }
}

/** GET /v1/reservations/:id for every 202'd id (as its customer): how many are not shown decided. */
async function pollNotDecided(baseUrl: string, accepted: AcceptedRequest[], concurrency = 50): Promise<number> {
  let notDecided = 0;
  let next = 0;
  const poll = async () => {
    for (let index = next++; index < accepted.length; index = next++) {
      const { id, customer } = accepted[index]!;
      const answer = await getReservation(baseUrl, id, customer);
      if (answer.status !== 200 || answer.reservationStatus === 'queued') {
        notDecided++;
        console.log(`not shown decided: ${id}: HTTP ${answer.status} ${answer.reservationStatus ?? ''}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, poll));
  return notDecided;
}

/** The counts that must be zero, as an object to compare with `toEqual`. */
export const mustBeZero = (verification: Verification) => ({
  oversold: verification.oversold,
  lost: verification.lost,
  acceptedNeverDecided: verification.acceptedNeverDecided,
  decidedTwice: verification.decidedTwice,
  decidedWithoutHistory: verification.decidedWithoutHistory,
  counterMismatches: verification.counterMismatches,
  pollNotDecided: verification.pollNotDecided,
  unexpectedExits: verification.unexpectedExits,
});

export const ALL_ZERO: ReturnType<typeof mustBeZero> = {
  oversold: 0,
  lost: 0,
  acceptedNeverDecided: 0,
  decidedTwice: 0,
  decidedWithoutHistory: 0,
  counterMismatches: 0,
  pollNotDecided: 0,
  unexpectedExits: 0,
};

/** GET /v1/reservations/:id as its customer, retrying a 503 or a network error a few times as a client would. */
async function getReservation(baseUrl: string, id: string, customer: string): Promise<{ status: number | 'network'; reservationStatus?: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(`${baseUrl}/v1/reservations/${id}`, {
        headers: { Authorization: `Bearer ${tokenFor(customer, 'customer', CHAOS_JWT_SECRET)}` },
      });
      const body = (await response.json().catch(() => ({}))) as { status?: string };
      if (response.status !== 503 || attempt === 5) return { status: response.status, reservationStatus: body.status };
    } catch {
      if (attempt === 5) return { status: 'network' };
    }
    await sleep(500);
  }
}
