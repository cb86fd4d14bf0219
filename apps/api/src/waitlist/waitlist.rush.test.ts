import { apiWithWorkerForThisFile } from '../../../../test/support/api-app';
import { eventRequests } from '../../../../test/support/event-requests';
import { waitUntil } from '../../../../test/support/test-environment';
import { newCustomer } from '../../../../test/support/tokens';

/*
 * The waitlist rush end to end: the real API and partition worker, PostgreSQL and Redis. 300
 * buyers hold the whole event, 1,000 more join its waitlist at once, every hold runs out at the
 * same moment, and the worker's own expiry sweep returns the tickets: every one is offered, to
 * the first 300 in join order, by the transaction that expires the holds.
 */

jest.setTimeout(180_000);

const { call, app } = apiWithWorkerForThisFile();

const HOLDS = 300;
const WAITLISTED = 1_000;

it(`offers all ${HOLDS} returned tickets to the first ${HOLDS} of ${WAITLISTED} waitlisted buyers, in the batch that expires the holds`, async () => {
  const event = await eventRequests(call).createEvent({ ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 100, capacity: HOLDS }] });
  const holders = Array.from({ length: HOLDS }, () => newCustomer());
  const requests = await Promise.all(holders.map((buyer) => call('POST', `/v1/events/${event.id}/reservations`, { token: buyer.token, json: { items: [{ ticketType: 'GA', quantity: 1 }] } })));
  expect(requests.map((reply) => reply.status)).toEqual(Array(HOLDS).fill(202));
  const { sql } = app().env.database;
  await waitUntil(async () => (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM reservations WHERE event_id = ${event.id} AND status = 'held'`)[0]!.n === HOLDS, 60_000);

  const waiters = Array.from({ length: WAITLISTED }, () => newCustomer());
  const joins = await Promise.all(waiters.map((waiter) => call('POST', `/v1/events/${event.id}/waitlist`, { token: waiter.token, json: { ticketType: 'GA', quantity: 1 } })));
  expect(joins.map((reply) => reply.status)).toEqual(Array(WAITLISTED).fill(201));
  expect(new Set(joins.map((reply) => reply.body.position as number)).size).toBe(WAITLISTED);

  // Every hold runs out at once; the worker's sweep (SWEEP_INTERVAL_MS) finds them.
  await sql`UPDATE reservations SET expires_at = now() - interval '1 second' WHERE event_id = ${event.id} AND status = 'held'`;
  await waitUntil(async () => (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM waitlist_entries WHERE event_id = ${event.id} AND status = 'offered'`)[0]!.n === HOLDS, 60_000);

  const entries = await sql<{ seq: number; status: string; customerId: string; offer: string | null }[]>`
    SELECT seq::int, status, customer_id AS "customerId", offer_reservation_id AS offer FROM waitlist_entries WHERE event_id = ${event.id} ORDER BY seq`;
  expect(entries.filter((entry) => entry.status === 'offered').map((entry) => entry.seq)).toEqual(Array.from({ length: HOLDS }, (_, index) => index + 1));
  expect(entries.filter((entry) => entry.status === 'waiting')).toHaveLength(WAITLISTED - HOLDS);
  // One transaction: the expiries (one statement: one updated_at), the offers (one statement: one decided_at, and the
  // transaction's start as decision_started_at), both recorded with the one expire job's request id.
  const [batches] = await sql<{ expiries: number; offers: number; offerStarts: number; expired: number; offered: number; jobs: number }[]>`
    SELECT
      (SELECT count(DISTINCT updated_at)::int FROM reservations WHERE event_id = ${event.id} AND status = 'expired') AS expiries,
      (SELECT count(DISTINCT h.request_id)::int FROM reservation_history h JOIN reservations r ON r.id = h.reservation_id
       WHERE r.event_id = ${event.id} AND (h.to_status = 'expired' OR (h.to_status = 'held' AND r.request_hash LIKE 'waitlist:%'))) AS jobs,
      (SELECT count(*)::int FROM reservations WHERE event_id = ${event.id} AND status = 'expired') AS expired,
      (SELECT count(DISTINCT r.decided_at)::int FROM reservations r JOIN waitlist_entries w ON w.offer_reservation_id = r.id WHERE w.event_id = ${event.id}) AS offers,
      (SELECT count(DISTINCT r.decision_started_at)::int FROM reservations r JOIN waitlist_entries w ON w.offer_reservation_id = r.id WHERE w.event_id = ${event.id}) AS "offerStarts",
      (SELECT count(*)::int FROM reservations r JOIN waitlist_entries w ON w.offer_reservation_id = r.id WHERE w.event_id = ${event.id} AND r.status = 'held') AS offered`;
  expect(batches).toEqual({ expiries: 1, expired: HOLDS, offers: 1, offerStarts: 1, offered: HOLDS, jobs: 1 });
  const [counters] = await sql<{ held: number; sold: number }[]>`SELECT held, sold FROM ticket_types WHERE event_id = ${event.id}`;
  expect(counters).toEqual({ held: HOLDS, sold: 0 });

  // Each offered buyer sees the offer on its entry and on the reservation itself.
  const first = joins[0]!.body as { id: string };
  const entry = await call('GET', `/v1/events/${event.id}/waitlist/${first.id}`, { token: waiters[0]!.token });
  expect(entry.body).toMatchObject({ status: 'offered', offer: { reservationStatus: 'held' } });
  expect((await call('GET', `/v1/reservations/${entry.body.offer.reservationId}`, { token: waiters[0]!.token })).body.status).toBe('held');
  console.log(`waitlist rush (API + worker): ${WAITLISTED} joined at once (${WAITLISTED} distinct places), ${HOLDS} holds expired at once: ${batches!.expired} expired and ${batches!.offered} offered in ${batches!.offers} transaction of ${batches!.jobs} expire job`);
});
