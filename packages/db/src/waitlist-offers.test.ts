import { randomUUID } from 'node:crypto';
import { partitionFor } from '@onsale/queue';
import { DEFAULT_PARTITION_COUNT, type CreateEventBody } from '@onsale/shared';
import fc from 'fast-check';
import type postgres from 'postgres';
import { givenEvent, givenQueuedReservation } from '../../../test/support/factories';
import { createTestEnvironment, type TestEnvironment } from '../../../test/support/test-environment';
import type { Database } from './client';
import type { EventWithTicketTypes } from './event.repository';
import { findReservation } from './reservation-reads';
import { cancelReservation, confirmReservation, decideQueued, expireDueHolds } from './reservation-transactions';
import { findWaitlistEntry, joinWaitlist, leaveWaitlist, listWaitlist, readWaitlistLines } from './waitlist.repository';
import { fanOutMessages } from './webhook-deliveries';

const writer = { workerId: 'test-worker', requestId: 'test-request' };

let env: TestEnvironment;
let database: Database;
let pg: postgres.Sql;

beforeAll(async () => {
  env = await createTestEnvironment();
  database = env.database;
  pg = env.database.sql;
});

afterAll(async () => {
  await env?.dispose();
});

type Items = { ticketType: string; quantity: number }[];

/** Decides the event's queued requests (its partition's), as the writer would. */
async function decideAll(event: { id: string }) {
  const partition = partitionFor(event.id, DEFAULT_PARTITION_COUNT);
  let decided = 0;
  for (;;) {
    const batch = await decideQueued(database, { partition, limit: 1_000, only: { eventId: event.id } }, writer);
    decided += batch.decided.length;
    if (!batch.more) return decided;
  }
}

async function givenHold(event: EventWithTicketTypes, items: Items, customerId?: string) {
  const queued = await givenQueuedReservation(database, event, items, customerId);
  await decideAll(event);
  const reservation = await findReservation(database, queued.id);
  expect(reservation?.status).toBe('held');
  return { eventId: event.id, reservationId: queued.id, customerId: queued.customerId };
}

async function join(event: EventWithTicketTypes, code: string, quantity: number, customerId = `waiter-${randomUUID()}`, offerTtlSeconds = 300) {
  const ticketTypeId = event.ticketTypes.find((type) => type.code === code)!.id;
  const outcome = await joinWaitlist(database, { id: randomUUID(), eventId: event.id, ticketTypeId, customerId, quantity, offerTtlSeconds, requestId: 'test-join' });
  expect(outcome.kind).toBe('joined');
  return outcome.entry;
}

/** Makes holds due now, as if their TTL had run out. */
async function makeDue(reservationIds: readonly string[]) {
  await pg`UPDATE reservations SET expires_at = now() - interval '1 second' WHERE id = ANY(${reservationIds as string[]}::uuid[])`;
}

async function entry(event: { id: string }, id: string) {
  return (await findWaitlistEntry(database, event.id, id))!;
}

/** The waitlist counters of each line against its rows, and the ticket types' counters against the live reservations. */
async function countersAgreeWithRows(event: { id: string }) {
  const lines = await pg<{ same: boolean }[]>`
    SELECT bool_and(l.waiting = c.waiting AND l.waiting_tickets = c.tickets AND l.offered = c.offered) AS same
    FROM waitlist_lines l CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE w.status = 'waiting')::int AS waiting,
        coalesce(sum(w.quantity) FILTER (WHERE w.status = 'waiting'), 0)::int AS tickets,
        count(*) FILTER (WHERE w.status = 'offered')::int AS offered
      FROM waitlist_entries w WHERE w.ticket_type_id = l.ticket_type_id
    ) c WHERE l.event_id = ${event.id}`;
  const stock = await pg<{ same: boolean }[]>`
    SELECT bool_and(t.held = coalesce(c.held, 0) AND t.sold = coalesce(c.sold, 0)) AS same
    FROM ticket_types t LEFT JOIN LATERAL (
      SELECT sum(i.quantity) FILTER (WHERE r.status = 'held')::int AS held, sum(i.quantity) FILTER (WHERE r.status = 'confirmed')::int AS sold
      FROM reservation_items i JOIN reservations r ON r.id = i.reservation_id WHERE i.ticket_type_id = t.id
    ) c ON true WHERE t.event_id = ${event.id}`;
  // Offered entries and live offer holds are the same set.
  const offers = await pg<{ same: boolean }[]>`
    SELECT (SELECT count(*) FROM waitlist_entries w JOIN reservations r ON r.id = w.offer_reservation_id
            WHERE w.event_id = ${event.id} AND (w.status = 'offered') <> (r.status = 'held')) = 0 AS same`;
  return { lines: lines[0]!.same ?? true, stock: stock[0]!.same, offers: offers[0]!.same };
}

const soldOutGa = (capacity: number, extra: Partial<CreateEventBody> = {}) =>
  givenEvent(database, { ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5000, capacity }], ...extra });

describe('offers of returned tickets', () => {
  it('offers an expired hold to the first entry in the same transaction, as a hold of its own TTL', async () => {
    const event = await soldOutGa(2);
    const [first, second] = [await givenHold(event, [{ ticketType: 'GA', quantity: 1 }]), await givenHold(event, [{ ticketType: 'GA', quantity: 1 }])];
    const a = await join(event, 'GA', 1, 'alice', 120);
    const b = await join(event, 'GA', 1, 'bob');
    await makeDue([first.reservationId]);

    const { expired, offered } = await expireDueHolds(database, event.id, 1_000, writer);

    expect(expired.map((r) => r.id)).toEqual([first.reservationId]);
    expect(offered).toHaveLength(1);
    expect(offered[0]).toMatchObject({ customerId: 'alice', status: 'held', version: 2 });
    const ttl = offered[0]!.expiresAt!.getTime() - offered[0]!.decidedAt!.getTime();
    expect(ttl).toBeGreaterThan(119_000);
    expect(ttl).toBeLessThanOrEqual(120_000);
    expect(await entry(event, a.id)).toMatchObject({ status: 'offered', position: null, offer: { reservationId: offered[0]!.id, quantity: 1, reservationStatus: 'held' } });
    expect(await entry(event, b.id)).toMatchObject({ status: 'waiting', position: 1 });
    const [line] = await readWaitlistLines(database, event.id);
    expect(line).toMatchObject({ waiting: 1, waitingTickets: 1, offered: 1 });
    expect(await countersAgreeWithRows(event)).toEqual({ lines: true, stock: true, offers: true });
    expect(second).toBeDefined();
  });

  it('offers a cancelled sale; a lapsed offer moves to the next entry; a confirmed one is accepted', async () => {
    const event = await soldOutGa(1);
    const sale = await givenHold(event, [{ ticketType: 'GA', quantity: 1 }]);
    await confirmReservation(database, sale, writer);
    const a = await join(event, 'GA', 1, 'alice');
    const b = await join(event, 'GA', 1, 'bob');

    const cancelled = await cancelReservation(database, sale, writer);
    expect(cancelled.offered?.map((r) => r.customerId)).toEqual(['alice']);
    const aliceOffer = cancelled.offered![0]!;

    await makeDue([aliceOffer.id]);
    const lapse = await expireDueHolds(database, event.id, 1_000, writer);
    expect(lapse.expired.map((r) => r.id)).toEqual([aliceOffer.id]);
    expect(lapse.offered.map((r) => r.customerId)).toEqual(['bob']);
    expect((await entry(event, a.id)).status).toBe('lapsed');

    const confirmed = await confirmReservation(database, { eventId: event.id, reservationId: lapse.offered[0]!.id }, writer);
    expect(confirmed.reservation?.status).toBe('confirmed');
    expect(await entry(event, b.id)).toMatchObject({ status: 'accepted', offer: { reservationStatus: 'confirmed' } });
    expect(await readWaitlistLines(database, event.id)).toMatchObject([{ waiting: 0, offered: 0 }]);
    expect(await countersAgreeWithRows(event)).toEqual({ lines: true, stock: true, offers: true });
  });

  it('cancelling an offer declines it and offers the tickets to the next entry', async () => {
    const event = await soldOutGa(1);
    const hold = await givenHold(event, [{ ticketType: 'GA', quantity: 1 }]);
    const a = await join(event, 'GA', 1, 'alice');
    await join(event, 'GA', 1, 'bob');
    const first = await cancelReservation(database, hold, writer);
    const declined = await cancelReservation(database, { eventId: event.id, reservationId: first.offered![0]!.id }, writer);
    expect((await entry(event, a.id)).status).toBe('declined');
    expect(declined.offered?.map((r) => r.customerId)).toEqual(['bob']);
  });

  it('first fit in join order: an entry asking for more than is free keeps its place', async () => {
    const event = await soldOutGa(3);
    const hold = await givenHold(event, [{ ticketType: 'GA', quantity: 2 }]);
    await givenHold(event, [{ ticketType: 'GA', quantity: 1 }]);
    const big = await join(event, 'GA', 3, 'big');
    const pair = await join(event, 'GA', 2, 'pair');
    await cancelReservation(database, hold, writer);
    expect(await entry(event, big.id)).toMatchObject({ status: 'waiting', position: 1 });
    expect((await entry(event, pair.id)).status).toBe('offered');
  });

  it('trims an entry to the per-customer limit, and skips one that fits nothing', async () => {
    const event = await soldOutGa(7, { maxTicketsPerCustomer: 3 });
    const returned = await givenHold(event, [{ ticketType: 'GA', quantity: 3 }]);
    await givenHold(event, [{ ticketType: 'GA', quantity: 1 }], 'carol');
    await givenHold(event, [{ ticketType: 'GA', quantity: 3 }], 'frank');
    const frank = await join(event, 'GA', 1, 'frank');
    const carol = await join(event, 'GA', 3, 'carol');
    const erin = await join(event, 'GA', 1, 'erin');
    await cancelReservation(database, returned, writer);
    // frank is at the limit: skipped, first in line still. carol holds 1: offered 2 of her 3; erin the third ticket.
    expect(await entry(event, frank.id)).toMatchObject({ status: 'waiting', position: 1 });
    expect(await entry(event, carol.id)).toMatchObject({ status: 'offered', offer: { quantity: 2 } });
    expect(await entry(event, erin.id)).toMatchObject({ status: 'offered', offer: { quantity: 1 } });
  });

  it('leaves returned tickets to a queued request that arrived before the entry joined', async () => {
    const event = await soldOutGa(1);
    const hold = await givenHold(event, [{ ticketType: 'GA', quantity: 1 }]);
    const early = await join(event, 'GA', 1, 'early');
    const queued = await givenQueuedReservation(database, event, [{ ticketType: 'GA', quantity: 1 }]);
    const late = await join(event, 'GA', 1, 'late');
    const released = await cancelReservation(database, hold, writer);
    // `early` joined before the queued request arrived: it is offered the ticket.
    expect(released.offered?.map((r) => r.customerId)).toEqual(['early']);
    // The queued request is decided (sold out); the early offer lapses: `late` joined after the
    // request arrived, but it is decided now, so nothing is ahead of `late` any more.
    await decideAll(event);
    expect((await findReservation(database, queued.id))?.status).toBe('rejected');
    await makeDue([released.offered![0]!.id]);
    const lapse = await expireDueHolds(database, event.id, 1_000, writer);
    expect(lapse.offered.map((r) => r.customerId)).toEqual(['late']);
    expect((await entry(event, early.id)).status).toBe('lapsed');
    expect((await entry(event, late.id)).status).toBe('offered');
  });

  it('keeps returned tickets for an undecided request that arrived before the entry', async () => {
    const event = await soldOutGa(1);
    const hold = await givenHold(event, [{ ticketType: 'GA', quantity: 1 }]);
    const queued = await givenQueuedReservation(database, event, [{ ticketType: 'GA', quantity: 1 }]);
    const late = await join(event, 'GA', 1, 'late');
    const released = await cancelReservation(database, hold, writer);
    expect(released.offered).toEqual([]);
    await decideAll(event);
    expect((await findReservation(database, queued.id))?.status).toBe('held');
    expect((await entry(event, late.id)).status).toBe('waiting');
  });

  it('offers tickets left free once the requests ahead are decided, in that decision batch', async () => {
    const event = await soldOutGa(2, { maxTicketsPerCustomer: 1 });
    await givenHold(event, [{ ticketType: 'GA', quantity: 1 }], 'xavier');
    const returned = await givenHold(event, [{ ticketType: 'GA', quantity: 1 }]);
    // Arrives before `late` joins, and will be refused (xavier is at the limit).
    const ahead = await givenQueuedReservation(database, event, [{ ticketType: 'GA', quantity: 1 }], 'xavier');
    const late = await join(event, 'GA', 1, 'late');
    expect((await cancelReservation(database, returned, writer)).offered).toEqual([]);

    const partition = partitionFor(event.id, DEFAULT_PARTITION_COUNT);
    const batch = await decideQueued(database, { partition, limit: 1_000, only: { eventId: event.id } }, writer);

    expect(batch.decided.map((r) => [r.id, r.status, r.reason])).toEqual([[ahead.id, 'rejected', 'limit_exceeded']]);
    expect(batch.offered?.map((r) => r.customerId)).toEqual(['late']);
    expect(batch.counters[0]!.ticketTypes[0]).toMatchObject({ held: 2, sold: 0 });
    expect((await entry(event, late.id)).status).toBe('offered');
    expect(await countersAgreeWithRows(event)).toEqual({ lines: true, stock: true, offers: true });
  });

  it("records the waitlist.offered webhook in the offer's transaction, for an endpoint subscribed to it", async () => {
    const [endpoint] = await pg<{ id: string }[]>`
      INSERT INTO webhook_endpoints (url, event_types, secret) VALUES ('http://receiver.test/hook', ${['waitlist.offered']}, ${'whsec_' + Buffer.alloc(32, 7).toString('base64')})
      RETURNING id`;
    try {
      const event = await soldOutGa(1);
      const hold = await givenHold(event, [{ ticketType: 'GA', quantity: 1 }]);
      const a = await join(event, 'GA', 1, 'alice');
      const { offered } = await cancelReservation(database, hold, writer);
      const messages = await pg<{ type: string; reservationId: string; sequence: number; data: { entryId: string; ticketType: string; reservation: { id: string; status: string } } }[]>`
        SELECT type, reservation_id AS "reservationId", sequence, data FROM webhook_messages WHERE event_id = ${event.id}`;
      expect(messages).toEqual([
        { type: 'waitlist.offered', reservationId: offered![0]!.id, sequence: 2, data: expect.objectContaining({ entryId: a.id, ticketType: 'GA', reservation: expect.objectContaining({ id: offered![0]!.id, status: 'held' }) }) },
      ]);
      // Its delivery is the relay's to create, outside the offer's transaction.
      const deliveries = async () => (await pg<{ n: number }[]>`SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = ${endpoint!.id}`)[0]!.n;
      expect(await deliveries()).toBe(0);
      await fanOutMessages(database, 1_000);
      expect(await deliveries()).toBe(1);
    } finally {
      await pg`DELETE FROM webhook_endpoints WHERE id = ${endpoint!.id}`;
    }
  });

  it('a seated event offers the returned seat (the middle one of three)', async () => {
    const event = await givenEvent(database, {
      ticketTypes: [{ code: 'STALLS', name: 'Stalls', priceCents: 5000, capacity: 3 }],
      seatMap: { sections: [{ code: 'A', ticketType: 'STALLS', rows: [{ label: '1', seats: [{ from: 1, to: 3 }] }] }] },
    });
    await givenHold(event, [{ ticketType: 'STALLS', quantity: 1 }]);
    const first = await givenHold(event, [{ ticketType: 'STALLS', quantity: 1 }]);
    await givenHold(event, [{ ticketType: 'STALLS', quantity: 1 }]);
    const firstSeats = (await findReservation(database, first.reservationId))!.seatLabels;
    await join(event, 'STALLS', 1, 'alice');
    const released = await cancelReservation(database, first, writer);
    expect(released.offered).toHaveLength(1);
    expect((await findReservation(database, released.offered![0]!.id))!.seatLabels).toEqual(firstSeats);
    expect(await countersAgreeWithRows(event)).toEqual({ lines: true, stock: true, offers: true });
  });

  it('leaving takes a waiting entry out of its line; an offered one is not left', async () => {
    const event = await soldOutGa(1);
    const hold = await givenHold(event, [{ ticketType: 'GA', quantity: 1 }]);
    const a = await join(event, 'GA', 1, 'alice');
    const b = await join(event, 'GA', 2, 'bob');
    expect((await leaveWaitlist(database, { eventId: event.id, entryId: b.id, customerId: 'alice' })).kind).toBe('not_found');
    expect((await leaveWaitlist(database, { eventId: event.id, entryId: b.id, customerId: 'bob' })).kind).toBe('left');
    await cancelReservation(database, hold, writer);
    expect((await leaveWaitlist(database, { eventId: event.id, entryId: a.id, customerId: 'alice' })).kind).toBe('offered');
    expect(await readWaitlistLines(database, event.id)).toMatchObject([{ waiting: 0, waitingTickets: 0, offered: 1 }]);
    expect(await countersAgreeWithRows(event)).toEqual({ lines: true, stock: true, offers: true });
  });
});

describe('leaves racing offers and lapses', () => {
  it('100 customers leaving while 25 offers lapse and 25 more tickets return: no deadlock, every ticket offered once, counters equal rows', async () => {
    const event = await soldOutGa(50);
    for (let i = 0; i < 50; i += 1) await givenQueuedReservation(database, event, [{ ticketType: 'GA', quantity: 1 }]);
    await decideAll(event);
    const holds = await pg<{ id: string }[]>`SELECT id FROM reservations WHERE event_id = ${event.id} AND status = 'held' ORDER BY arrival`;
    const entries = [];
    for (let i = 0; i < 200; i += 1) entries.push(await join(event, 'GA', 1, `racer-${i}`));
    // 25 tickets come back and are offered to places 1-25; those offers will lapse in the race.
    for (const { id } of holds.slice(0, 25)) await cancelReservation(database, { eventId: event.id, reservationId: id }, writer);
    const firstOffers = await pg<{ id: string }[]>`SELECT offer_reservation_id AS id FROM waitlist_entries WHERE event_id = ${event.id} AND status = 'offered'`;
    expect(firstOffers).toHaveLength(25);
    await makeDue(firstOffers.map(({ id }) => id));

    const [lapse, cancels, leaves] = await Promise.all([
      expireDueHolds(database, event.id, 1_000, writer),
      Promise.all(holds.slice(25).map(({ id }) => cancelReservation(database, { eventId: event.id, reservationId: id }, writer))),
      Promise.all(entries.slice(25, 175).filter((_, index) => index % 3 !== 2).map((entry) => leaveWaitlist(database, { eventId: event.id, entryId: entry.id, customerId: entry.customerId }))),
    ]);

    expect(lapse.expired).toHaveLength(25);
    expect(lapse.offered.length + cancels.flatMap((result) => result.offered ?? []).length).toBe(50);
    expect(leaves).toHaveLength(100);
    const left = leaves.filter((outcome) => outcome.kind === 'left').length;
    expect(left + leaves.filter((outcome) => outcome.kind === 'offered').length).toBe(100);
    const [counts] = await pg<{ offered: number; lapsed: number; left: number; waiting: number }[]>`
      SELECT count(*) FILTER (WHERE status = 'offered')::int AS offered, count(*) FILTER (WHERE status = 'lapsed')::int AS lapsed,
        count(*) FILTER (WHERE status = 'left')::int AS left, count(*) FILTER (WHERE status = 'waiting')::int AS waiting
      FROM waitlist_entries WHERE event_id = ${event.id}`;
    expect(counts).toEqual({ offered: 50, lapsed: 25, left, waiting: 200 - 75 - left });
    expect(await readWaitlistLines(database, event.id)).toMatchObject([{ waiting: 200 - 75 - left, offered: 50 }]);
    expect(await countersAgreeWithRows(event)).toEqual({ lines: true, stock: true, offers: true });
  }, 60_000);
});

describe('rush: 1,000 waitlisted buyers, 300 holds expiring at once', () => {
  it('offers every returned ticket within one expiry batch, in join order', async () => {
    const event = await soldOutGa(300);
    for (let i = 0; i < 300; i += 1) await givenQueuedReservation(database, event, [{ ticketType: 'GA', quantity: 1 }]);
    expect(await decideAll(event)).toBe(300);
    const entries = [];
    for (let i = 0; i < 1_000; i += 1) entries.push(await join(event, 'GA', 1, `waiter-${i}`));
    await pg`UPDATE reservations SET expires_at = now() - interval '1 second' WHERE event_id = ${event.id} AND status = 'held'`;

    const batch = await expireDueHolds(database, event.id, 1_000, writer);

    expect(batch.expired).toHaveLength(300);
    expect(batch.offered).toHaveLength(300);
    expect(batch.more).toBe(false);
    expect(batch.counters[0]!.ticketTypes[0]).toMatchObject({ held: 300, sold: 0 });
    expect(new Set(batch.offered.map((r) => r.customerId))).toEqual(new Set(entries.slice(0, 300).map((e) => e.customerId)));
    expect(await readWaitlistLines(database, event.id)).toMatchObject([{ waiting: 700, waitingTickets: 700, offered: 300 }]);

    // Every offer lapses at once: the next 300 in line, in the batch that expires them.
    await pg`UPDATE reservations SET expires_at = now() - interval '1 second' WHERE event_id = ${event.id} AND status = 'held'`;
    const lapse = await expireDueHolds(database, event.id, 1_000, writer);
    expect(lapse.expired).toHaveLength(300);
    expect(new Set(lapse.offered.map((r) => r.customerId))).toEqual(new Set(entries.slice(300, 600).map((e) => e.customerId)));
    expect(await readWaitlistLines(database, event.id)).toMatchObject([{ waiting: 400, offered: 300 }]);
    expect(await countersAgreeWithRows(event)).toEqual({ lines: true, stock: true, offers: true });
    console.log(`waitlist rush: ${batch.expired.length} holds expired, ${batch.offered.length} offered in 1 batch; lapse: ${lapse.offered.length} re-offered in 1 batch`);
  }, 120_000);
});

/** What the waitlist and the live tickets look like between two steps. */
async function snapshot(event: { id: string; ticketTypes: { capacity: number }[] }) {
  const entries = await pg<{ id: string; customer: string; quantity: number; status: string; offered: number | null }[]>`
    SELECT id, customer_id AS customer, quantity, status, offered_quantity AS offered FROM waitlist_entries
    WHERE event_id = ${event.id} ORDER BY seq`;
  const live = await pg<{ customer: string; tickets: number }[]>`
    SELECT r.customer_id AS customer, sum(i.quantity)::int AS tickets FROM reservations r JOIN reservation_items i ON i.reservation_id = r.id
    WHERE r.event_id = ${event.id} AND r.status IN ('held', 'confirmed') GROUP BY 1`;
  return { entries, live: new Map(live.map((row) => [row.customer, row.tickets])) };
}

/**
 * The offers the rules say a release makes: the entries waiting before it, in join order, first
 * fit, each trimmed to its customer's limit; from the tickets free after the release.
 */
function modelOffers(waiting: { id: string; customer: string; quantity: number }[], free: number, live: Map<string, number>, limit: number) {
  const offered = new Map<string, number>();
  const taken = new Map(live);
  for (const entry of waiting) {
    const quantity = Math.min(entry.quantity, limit - (taken.get(entry.customer) ?? 0));
    if (quantity <= 0 || quantity > free) continue;
    free -= quantity;
    taken.set(entry.customer, (taken.get(entry.customer) ?? 0) + quantity);
    offered.set(entry.id, quantity);
  }
  return offered;
}

type Step =
  | { kind: 'join'; customer: number; quantity: number }
  | { kind: 'leave'; customer: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'confirm'; pick: number }
  | { kind: 'expire'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('join' as const), customer: fc.nat(11), quantity: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('leave' as const), customer: fc.nat(11) }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(50) }),
  fc.record({ kind: fc.constant('confirm' as const), pick: fc.nat(50) }),
  fc.record({ kind: fc.constant('expire' as const), pick: fc.nat(50) }),
);

const LIMIT = 4;

describe('property: random joins, leaves, cancels, confirms, expiries and lapses', () => {
  it('offers exactly what join order and the limits say, never a ticket twice, and keeps counters equal to rows', async () => {
    let releases = 0;
    let offers = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), fc.integer({ min: 2, max: 6 }), async (steps, capacity) => {
        const event = await soldOutGa(capacity, { maxTicketsPerCustomer: LIMIT });
        for (let i = 0; i < capacity; i += 1) await givenQueuedReservation(database, event, [{ ticketType: 'GA', quantity: 1 }]);
        await decideAll(event);
        const ticketTypeId = event.ticketTypes[0]!.id;
        for (const s of steps) {
          const before = await snapshot(event);
          const live = await pg<{ id: string; status: string; customer: string; tickets: number }[]>`
            SELECT r.id, r.status, r.customer_id AS customer, (SELECT sum(quantity)::int FROM reservation_items WHERE reservation_id = r.id) AS tickets
            FROM reservations r WHERE r.event_id = ${event.id} AND r.status IN ('held', 'confirmed') ORDER BY r.arrival`;
          const pick = live.length > 0 && 'pick' in s ? live[s.pick % live.length]! : undefined;
          // A writer command that releases tickets or ends an offer offers whatever is free after its own change.
          let released: { customer: string; tickets: number } | undefined;
          let wrote = false;
          if (s.kind === 'join') {
            await joinWaitlist(database, { id: randomUUID(), eventId: event.id, ticketTypeId, customerId: `c${s.customer}`, quantity: s.quantity, offerTtlSeconds: 60, requestId: 'p' });
          } else if (s.kind === 'leave') {
            const mine = (await listWaitlist(database, event.id, { customerId: `c${s.customer}`, limit: 100 })).find((e) => e.status === 'waiting');
            if (mine) await leaveWaitlist(database, { eventId: event.id, entryId: mine.id, customerId: `c${s.customer}` });
          } else if (pick && s.kind === 'cancel') {
            await cancelReservation(database, { eventId: event.id, reservationId: pick.id }, writer);
            released = pick;
            wrote = true;
          } else if (pick && s.kind === 'confirm' && pick.status === 'held') {
            await confirmReservation(database, { eventId: event.id, reservationId: pick.id }, writer);
            // A confirm frees nothing: it settles the waitlist only when it accepts an offer.
            wrote = (await pg`SELECT 1 FROM waitlist_entries WHERE offer_reservation_id = ${pick.id}`).length === 1;
          } else if (pick && s.kind === 'expire' && pick.status === 'held') {
            // An expiry; when the hold is an offer, a lapse.
            await makeDue([pick.id]);
            await expireDueHolds(database, event.id, 1_000, writer);
            released = pick;
            wrote = true;
          }
          const after = await snapshot(event);
          const offeredNow = new Map(
            after.entries.filter((e) => e.status === 'offered' && before.entries.find((b) => b.id === e.id)?.status === 'waiting').map((e) => [e.id, e.offered!]),
          );
          if (wrote) {
            releases += released ? 1 : 0;
            offers += offeredNow.size;
            const liveBefore = new Map(before.live);
            if (released) liveBefore.set(released.customer, liveBefore.get(released.customer)! - released.tickets);
            const heldOrSold = [...before.live.values()].reduce((sum, n) => sum + n, 0) - (released?.tickets ?? 0);
            const waiting = before.entries.filter((e) => e.status === 'waiting');
            expect(offeredNow).toEqual(modelOffers(waiting, capacity - heldOrSold, liveBefore, LIMIT));
          } else {
            expect(offeredNow.size).toBe(0);
          }
          expect(await countersAgreeWithRows(event)).toEqual({ lines: true, stock: true, offers: true });
        }
        // No ticket offered twice: an offer's reservation belongs to exactly one entry (and capacity
        // and the per-customer limit are the database's CHECKs and the counters above).
        const [dupes] = await pg<{ n: number }[]>`
          SELECT count(*)::int AS n FROM (SELECT offer_reservation_id FROM waitlist_entries WHERE event_id = ${event.id}
            AND offer_reservation_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d`;
        expect(dupes!.n).toBe(0);
        const [over] = await pg<{ n: number }[]>`
          SELECT count(*)::int AS n FROM (SELECT r.customer_id FROM reservations r JOIN reservation_items i ON i.reservation_id = r.id
            WHERE r.event_id = ${event.id} AND r.status IN ('held', 'confirmed') GROUP BY 1 HAVING sum(i.quantity) > ${LIMIT}) o`;
        expect(over!.n).toBe(0);
      }),
      { numRuns: 60, seed: 200009 },
    );
    console.log(`waitlist property: ${releases} releases checked against the model, ${offers} offers`);
    expect(offers).toBeGreaterThan(0);
  }, 300_000);
});
