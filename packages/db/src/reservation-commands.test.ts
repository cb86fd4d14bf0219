import { createHash, randomUUID } from 'node:crypto';
import { DEFAULT_PARTITION_COUNT, partitionFor } from '@onsale/shared';
import { eq, sql } from 'drizzle-orm';
import { givenEvent, givenQueuedReservation } from '../../../test/support/factories';
import { createTestEnvironment, type TestEnvironment } from '../../../test/support/test-environment';
import type { Database, Sql } from './client';
import { isConstraintViolation } from './errors';
import type { EventWithTicketTypes } from './event.repository';
import { countersFor } from './inventory';
import { cancelReservation, confirmReservation, expireDueHolds, type CommandTarget } from './reservation-commands';
import { decideQueuedReservation, decideQueuedReservations } from './reservation-decisions';
import { acceptReservation, acceptReservations, findReservation } from './reservation.repository';
import { reservations, ticketTypes } from './schema';
import { findEventsWithDueHolds, findEventsWithStaleQueued } from './sweeps';
import { transitionReservation } from './reservation-transition';

const writer = { workerId: 'test-worker', requestId: 'test-request' };
const partitionOf = (event: { id: string }) => partitionFor(event.id, DEFAULT_PARTITION_COUNT);

let env: TestEnvironment;
let db: Database;
let pg: Sql;

beforeAll(async () => {
  env = await createTestEnvironment();
  db = env.database.db;
  pg = env.database.sql;
});

afterAll(async () => {
  await env?.dispose();
});

/** held / sold of each of the event's ticket types, by code. */
async function countersOf(event: EventWithTicketTypes): Promise<Record<string, { held: number; sold: number }>> {
  const rows = await db
    .select({ code: ticketTypes.code, held: ticketTypes.held, sold: ticketTypes.sold })
    .from(ticketTypes)
    .where(eq(ticketTypes.eventId, event.id));
  return Object.fromEntries(rows.map(({ code, held, sold }) => [code, { held, sold }]));
}

async function historyOf(reservationId: string) {
  return db.execute<{ version: number; from_status: string | null; to_status: string; reason: string | null }>(sql`
    SELECT version, from_status, to_status, reason FROM reservation_history
    WHERE reservation_id = ${reservationId} ORDER BY version`);
}

async function statusOf(target: CommandTarget) {
  const reservation = await findReservation(pg, target.reservationId);
  return reservation?.status;
}

/** A queued reservation that the writer has decided; fails the test unless it was held. */
type Items = { ticketType: string; quantity: number }[];

async function givenHold(event: EventWithTicketTypes, items: Items, customerId?: string) {
  const target = await givenQueued(event, items, customerId);
  const { reservation } = await decideQueuedReservation(pg, target, writer);
  expect(reservation?.status).toBe('held');
  return target;
}

async function givenQueued(event: EventWithTicketTypes, items: Items, customerId?: string) {
  const target = await givenQueuedReservation(db, event, items, customerId);
  return { ...target, reservationId: target.id };
}

/** Moves the hold's expiry into the past, as if its TTL had run out. */
async function expireHoldClock(reservationId: string) {
  await db
    .update(reservations)
    .set({ expiresAt: sql`now() - interval '1 second'` })
    .where(eq(reservations.id, reservationId));
}

const twoTypes = {
  ticketTypes: [
    { code: 'GA', name: 'General admission', priceCents: 5000, capacity: 10 },
    { code: 'VIP', name: 'VIP', priceCents: 20000, capacity: 2 },
  ],
};

describe('decideQueuedReservation', () => {
  it('holds a queued reservation, moves held counters and records the decision', async () => {
    const event = await givenEvent(db, { ...twoTypes, holdTtlSeconds: 120 });
    const target = await givenQueued(event, [
      { ticketType: 'GA', quantity: 3 },
      { ticketType: 'VIP', quantity: 1 },
    ]);

    const before = Date.now();
    const { reservation, changed } = await decideQueuedReservation(pg, target, writer);

    expect(changed).toBe(true);
    expect(reservation).toMatchObject({ status: 'held', reason: null, version: 2, decidedBy: 'test-worker' });
    const ttlMs = reservation!.expiresAt!.getTime() - reservation!.decidedAt!.getTime();
    expect(ttlMs).toBeGreaterThan(119_000);
    expect(ttlMs).toBeLessThanOrEqual(120_000);
    expect(reservation!.expiresAt!.getTime()).toBeGreaterThan(before);
    expect(await countersOf(event)).toEqual({ GA: { held: 3, sold: 0 }, VIP: { held: 1, sold: 0 } });
    expect(await historyOf(target.id)).toEqual([
      { version: 1, from_status: null, to_status: 'queued', reason: null },
      { version: 2, from_status: 'queued', to_status: 'held', reason: null },
    ]);
  });

  it('decides a redelivered job once: the second call changes nothing', async () => {
    const event = await givenEvent(db);
    const target = await givenQueued(event, [{ ticketType: 'GA', quantity: 2 }]);

    const first = await decideQueuedReservation(pg, target, writer);
    const second = await decideQueuedReservation(pg, target, writer);

    expect(first.changed).toBe(true);
    expect(second).toMatchObject({ changed: false, reservation: { status: 'held', version: 2 } });
    expect(await countersOf(event)).toEqual({ GA: { held: 2, sold: 0 } });
    expect(await historyOf(target.id)).toHaveLength(2);
  });

  it('decides once even when the same job is delivered twice at the same time', async () => {
    const event = await givenEvent(db);
    const target = await givenQueued(event, [{ ticketType: 'GA', quantity: 2 }]);

    const results = await Promise.all([
      decideQueuedReservation(pg, target, writer),
      decideQueuedReservation(pg, target, writer),
    ]);

    expect(results.map((result) => result.changed).sort()).toEqual([false, true]);
    expect(await countersOf(event)).toEqual({ GA: { held: 2, sold: 0 } });
    expect(await historyOf(target.id)).toHaveLength(2);
  });

  it('rejects every item as sold_out when one item is short, and moves no counter', async () => {
    const event = await givenEvent(db, twoTypes);
    const target = await givenQueued(event, [
      { ticketType: 'GA', quantity: 3 },
      { ticketType: 'VIP', quantity: 3 },
    ]);

    const { reservation, changed } = await decideQueuedReservation(pg, target, writer);

    expect(changed).toBe(true);
    expect(reservation).toMatchObject({ status: 'rejected', reason: 'sold_out', expiresAt: null });
    expect(await countersOf(event)).toEqual({ GA: { held: 0, sold: 0 }, VIP: { held: 0, sold: 0 } });
    expect((await historyOf(target.id))[1]).toEqual({
      version: 2,
      from_status: 'queued',
      to_status: 'rejected',
      reason: 'sold_out',
    });
  });

  it('enforces the per-customer limit across requests and frees it when a hold is cancelled', async () => {
    const event = await givenEvent(db, { maxTicketsPerCustomer: 4 });
    const customer = `customer-${randomUUID()}`;

    const first = await givenHold(event, [{ ticketType: 'GA', quantity: 3 }], customer);
    const second = await givenQueued(event, [{ ticketType: 'GA', quantity: 2 }], customer);
    expect((await decideQueuedReservation(pg, second, writer)).reservation).toMatchObject({
      status: 'rejected',
      reason: 'limit_exceeded',
    });

    const someoneElse = await givenQueued(event, [{ ticketType: 'GA', quantity: 4 }]);
    expect(await decideQueuedReservation(pg, someoneElse, writer)).toMatchObject({ reservation: { status: 'held' } });

    await cancelReservation(pg, first, writer);
    const third = await givenQueued(event, [{ ticketType: 'GA', quantity: 2 }], customer);
    expect((await decideQueuedReservation(pg, third, writer)).reservation?.status).toBe('held');
    expect(await countersOf(event)).toEqual({ GA: { held: 6, sold: 0 } });
  });

  it('counts confirmed sales against the per-customer limit', async () => {
    const event = await givenEvent(db, { maxTicketsPerCustomer: 4 });
    const customer = `customer-${randomUUID()}`;
    const bought = await givenHold(event, [{ ticketType: 'GA', quantity: 4 }], customer);
    await confirmReservation(pg, bought, writer);

    const more = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }], customer);

    expect((await decideQueuedReservation(pg, more, writer)).reservation?.reason).toBe('limit_exceeded');
  });

  it('rejects with event_not_on_sale when the event is paused', async () => {
    const event = await givenEvent(db);
    await db.execute(sql`UPDATE events SET status = 'paused' WHERE id = ${event.id}`);
    const target = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }]);

    expect((await decideQueuedReservation(pg, target, writer)).reservation?.reason).toBe('event_not_on_sale');
    expect(await countersOf(event)).toEqual({ GA: { held: 0, sold: 0 } });
  });

  it('rejects with sales_closed once the sales window has ended', async () => {
    const event = await givenEvent(db, {
      salesStartAt: new Date(Date.now() - 3_600_000).toISOString(),
      salesEndAt: new Date(Date.now() - 60_000).toISOString(),
    });
    const target = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }]);

    expect((await decideQueuedReservation(pg, target, writer)).reservation?.reason).toBe('sales_closed');
  });

  it('returns no reservation for an unknown id, and refuses a reservation of another event', async () => {
    const event = await givenEvent(db);
    const other = await givenEvent(db);
    const target = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }]);

    expect(await decideQueuedReservation(pg, { eventId: event.id, reservationId: randomUUID() }, writer)).toEqual({
      reservation: undefined,
      changed: false,
    });
    await expect(
      decideQueuedReservation(pg, { eventId: other.id, reservationId: target.id }, writer),
    ).rejects.toThrow('is not for event');
    expect(await statusOf(target)).toBe('queued');
  });

  it('holds exactly the capacity when 200 requests for 50 tickets are decided concurrently', async () => {
    const event = await givenEvent(db, {
      ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5000, capacity: 50 }],
    });
    const targets = await Promise.all(
      Array.from({ length: 200 }, () => givenQueued(event, [{ ticketType: 'GA', quantity: 1 }])),
    );

    const results = await Promise.all(targets.map((target) => decideQueuedReservation(pg, target, writer)));

    const outcomes = results.map(({ reservation }) => reservation?.reason ?? reservation?.status);
    expect(outcomes.filter((outcome) => outcome === 'held')).toHaveLength(50);
    expect(outcomes.filter((outcome) => outcome === 'sold_out')).toHaveLength(150);
    expect(results.every((result) => result.changed)).toBe(true);
    expect(await countersOf(event)).toEqual({ GA: { held: 50, sold: 0 } });
  });
});

describe('confirmReservation', () => {
  it('turns a hold into a sale, and a second confirm changes nothing', async () => {
    const event = await givenEvent(db);
    const hold = await givenHold(event, [{ ticketType: 'GA', quantity: 2 }]);

    const first = await confirmReservation(pg, hold, writer);
    const second = await confirmReservation(pg, hold, writer);

    expect(first).toMatchObject({ changed: true, reservation: { status: 'confirmed', expiresAt: null, version: 3 } });
    expect(second).toMatchObject({ changed: false, reservation: { status: 'confirmed', version: 3 } });
    expect(await countersOf(event)).toEqual({ GA: { held: 0, sold: 2 } });
    expect((await historyOf(hold.id)).map((row) => row.to_status)).toEqual(['queued', 'held', 'confirmed']);
  });

  it('expires a hold whose expiry has passed and returns its tickets', async () => {
    const event = await givenEvent(db, { holdTtlSeconds: 10 });
    const hold = await givenHold(event, [{ ticketType: 'GA', quantity: 2 }]);
    await expireHoldClock(hold.id);

    const { reservation, changed } = await confirmReservation(pg, hold, writer);

    expect(changed).toBe(true);
    expect(reservation?.status).toBe('expired');
    expect(await countersOf(event)).toEqual({ GA: { held: 0, sold: 0 } });
    expect((await historyOf(hold.id)).map((row) => row.to_status)).toEqual(['queued', 'held', 'expired']);
  });

  it('does not confirm a reservation that is still queued', async () => {
    const event = await givenEvent(db);
    const queued = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }]);

    expect(await confirmReservation(pg, queued, writer)).toMatchObject({
      changed: false,
      reservation: { status: 'queued' },
    });
  });
});

describe('cancelReservation', () => {
  it('cancels a queued reservation without touching the counters', async () => {
    const event = await givenEvent(db);
    const queued = await givenQueued(event, [{ ticketType: 'GA', quantity: 2 }]);

    expect(await cancelReservation(pg, queued, writer)).toMatchObject({
      changed: true,
      reservation: { status: 'cancelled' },
    });
    expect(await countersOf(event)).toEqual({ GA: { held: 0, sold: 0 } });
    // The job that was queued for it finds nothing to decide.
    expect((await decideQueuedReservation(pg, queued, writer)).changed).toBe(false);
  });

  it('releases the held counter of a cancelled hold', async () => {
    const event = await givenEvent(db, twoTypes);
    const hold = await givenHold(event, [
      { ticketType: 'GA', quantity: 2 },
      { ticketType: 'VIP', quantity: 1 },
    ]);
    await givenHold(event, [{ ticketType: 'GA', quantity: 1 }]);

    const { reservation } = await cancelReservation(pg, hold, writer);

    expect(reservation).toMatchObject({ status: 'cancelled', expiresAt: null });
    expect(await countersOf(event)).toEqual({ GA: { held: 1, sold: 0 }, VIP: { held: 0, sold: 0 } });
  });

  it('releases the sold counter of a cancelled sale', async () => {
    const event = await givenEvent(db);
    const sale = await givenHold(event, [{ ticketType: 'GA', quantity: 3 }]);
    await confirmReservation(pg, sale, writer);

    await cancelReservation(pg, sale, writer);

    expect(await countersOf(event)).toEqual({ GA: { held: 0, sold: 0 } });
    expect((await historyOf(sale.id)).map((row) => row.to_status)).toEqual([
      'queued',
      'held',
      'confirmed',
      'cancelled',
    ]);
  });

  it('changes nothing when cancelled twice or when the reservation was rejected', async () => {
    const event = await givenEvent(db, { ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 0, capacity: 1 }] });
    const hold = await givenHold(event, [{ ticketType: 'GA', quantity: 1 }]);
    const rejected = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }]);
    await decideQueuedReservation(pg, rejected, writer);

    await cancelReservation(pg, hold, writer);
    expect(await cancelReservation(pg, hold, writer)).toMatchObject({
      changed: false,
      reservation: { status: 'cancelled' },
    });
    expect(await cancelReservation(pg, rejected, writer)).toMatchObject({
      changed: false,
      reservation: { status: 'rejected' },
    });
    expect(await countersOf(event)).toEqual({ GA: { held: 0, sold: 0 } });
  });
});

describe('expireDueHolds', () => {
  it('expires only the holds past their expiry, returns their tickets, and does nothing when run again', async () => {
    const event = await givenEvent(db, { ...twoTypes, holdTtlSeconds: 10 });
    const dueA = await givenHold(event, [{ ticketType: 'GA', quantity: 2 }]);
    const dueB = await givenHold(event, [
      { ticketType: 'GA', quantity: 1 },
      { ticketType: 'VIP', quantity: 1 },
    ]);
    const live = await givenHold(event, [{ ticketType: 'GA', quantity: 4 }]);
    const sale = await givenHold(event, [{ ticketType: 'VIP', quantity: 1 }]);
    await confirmReservation(pg, sale, writer);
    await expireHoldClock(dueA.id);
    await expireHoldClock(dueB.id);

    const expired = await expireDueHolds(pg, event.id, writer);

    expect(expired.map((reservation) => reservation.id).sort()).toEqual([dueA.id, dueB.id].sort());
    expect(expired.every((reservation) => reservation.status === 'expired')).toBe(true);
    expect(await statusOf(live)).toBe('held');
    expect(await statusOf(sale)).toBe('confirmed');
    expect(await countersOf(event)).toEqual({ GA: { held: 4, sold: 0 }, VIP: { held: 0, sold: 1 } });
    expect((await historyOf(dueB.id)).map((row) => row.to_status)).toEqual(['queued', 'held', 'expired']);

    expect(await expireDueHolds(pg, event.id, writer)).toEqual([]);
    expect(await countersOf(event)).toEqual({ GA: { held: 4, sold: 0 }, VIP: { held: 0, sold: 1 } });
  });

  it('leaves other events alone', async () => {
    const event = await givenEvent(db, { holdTtlSeconds: 10 });
    const other = await givenEvent(db, { holdTtlSeconds: 10 });
    const otherHold = await givenHold(other, [{ ticketType: 'GA', quantity: 1 }]);
    await expireHoldClock(otherHold.id);

    expect(await expireDueHolds(pg, event.id, writer)).toEqual([]);
    expect(await statusOf(otherHold)).toBe('held');
  });
});

describe('sweeps', () => {
  it('findEventsWithDueHolds lists each event with a hold past its expiry, once', async () => {
    const due = await givenEvent(db, { holdTtlSeconds: 10 });
    const notDue = await givenEvent(db, { holdTtlSeconds: 10 });
    for (const hold of [
      await givenHold(due, [{ ticketType: 'GA', quantity: 1 }]),
      await givenHold(due, [{ ticketType: 'GA', quantity: 1 }]),
    ]) {
      await expireHoldClock(hold.id);
    }
    await givenHold(notDue, [{ ticketType: 'GA', quantity: 1 }]);

    const events = await findEventsWithDueHolds(pg);

    expect(events.filter((id) => id === due.id)).toHaveLength(1);
    expect(events).not.toContain(notDue.id);

    await expireDueHolds(pg, due.id, writer);
    expect(await findEventsWithDueHolds(pg)).not.toContain(due.id);
  });

  it('findEventsWithStaleQueued lists events with a request queued longer than the threshold', async () => {
    const stale = await givenEvent(db);
    const fresh = await givenEvent(db);
    const decided = await givenEvent(db);
    const old = await givenQueued(stale, [{ ticketType: 'GA', quantity: 1 }]);
    await givenQueued(fresh, [{ ticketType: 'GA', quantity: 1 }]);
    const oldButHeld = await givenHold(decided, [{ ticketType: 'GA', quantity: 1 }]);
    const ageBy = (id: string, seconds: number) =>
      db.execute(sql`UPDATE reservations SET created_at = now() - make_interval(secs => ${seconds}) WHERE id = ${id}`);
    await ageBy(old.id, 60);
    await ageBy(oldButHeld.id, 120);

    const events = await findEventsWithStaleQueued(pg, 30_000);

    expect(events).toContain(stale.id);
    expect(events).not.toContain(fresh.id);
    expect(events).not.toContain(decided.id);
    expect(await findEventsWithStaleQueued(pg, 90_000)).not.toContain(stale.id);
  });
});

describe('decideQueuedReservations', () => {
  const givenEventOf = (capacity: number, maxTicketsPerCustomer?: number) =>
    givenEvent(db, {
      ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5000, capacity }],
      ...(maxTicketsPerCustomer === undefined ? {} : { maxTicketsPerCustomer }),
    });
  const queueInOrder = async (event: EventWithTicketTypes, quantities: number[], customerId?: string) => {
    const queued = [];
    for (const quantity of quantities) queued.push(await givenQueued(event, [{ ticketType: 'GA', quantity }], customerId));
    return queued;
  };

  it('decides every waiting request in arrival order in one transaction', async () => {
    const event = await givenEventOf(5);
    const queued = await queueInOrder(event, [4, 2, 1, 1]);

    const { decided, more } = await decideQueuedReservations(pg, { partition: partitionOf(event), eventIds: [event.id], limit: 100 }, writer);

    expect(decided.map((reservation) => reservation.id)).toEqual(queued.map((target) => target.id));
    expect(decided.map((reservation) => reservation.reason ?? reservation.status)).toEqual(['held', 'sold_out', 'held', 'sold_out']);
    expect(more).toBe(false);
    expect(new Set(decided.map((reservation) => reservation.decisionStartedAt!.getTime())).size).toBe(1);
    expect(await countersOf(event)).toEqual({ GA: { held: 5, sold: 0 } });
    for (const target of queued) {
      expect(await statusOf(target)).not.toBe('queued');
      expect(await historyOf(target.id)).toHaveLength(2);
    }
  });

  it('takes at most the limit, oldest first, and says when more may be waiting', async () => {
    const event = await givenEventOf(100);
    const queued = await queueInOrder(event, [1, 1, 1, 1, 1]);

    const first = await decideQueuedReservations(pg, { partition: partitionOf(event), eventIds: [event.id], limit: 3 }, writer);
    const second = await decideQueuedReservations(pg, { partition: partitionOf(event), eventIds: [event.id], limit: 3 }, writer);
    const third = await decideQueuedReservations(pg, { partition: partitionOf(event), eventIds: [event.id], limit: 3 }, writer);

    expect(first.decided.map((reservation) => reservation.id)).toEqual(queued.slice(0, 3).map((target) => target.id));
    expect(first.more).toBe(true);
    expect(second.decided.map((reservation) => reservation.id)).toEqual(queued.slice(3).map((target) => target.id));
    expect(second.more).toBe(false);
    expect(third).toEqual({ decided: [], more: false });
  });

  it('counts holds made earlier in the same batch towards the customer limit', async () => {
    const event = await givenEventOf(100, 4);
    await givenHold(event, [{ ticketType: 'GA', quantity: 1 }], 'customer-limit');
    const queued = await queueInOrder(event, [2, 2, 1], 'customer-limit');

    const { decided } = await decideQueuedReservations(pg, { partition: partitionOf(event), eventIds: [event.id], limit: 100 }, writer);

    expect(decided.map((reservation) => reservation.reason ?? reservation.status)).toEqual(['held', 'limit_exceeded', 'held']);
    expect(decided.map((reservation) => reservation.id)).toEqual(queued.map((target) => target.id));
    expect(await countersOf(event)).toEqual({ GA: { held: 4, sold: 0 } });
  });

  it("counts a customer's tickets per event in a batch spanning two events of one partition", async () => {
    const first = await givenEventOf(100, 4);
    let second = await givenEventOf(100, 4);
    while (partitionOf(second) !== partitionOf(first)) second = await givenEventOf(100, 4);
    await givenHold(first, [{ ticketType: 'GA', quantity: 3 }], 'customer-two-events');
    const [overFirstLimit] = await queueInOrder(first, [2], 'customer-two-events');
    const [withinSecondLimit] = await queueInOrder(second, [4], 'customer-two-events');

    const { decided } = await decideQueuedReservations(
      pg,
      { partition: partitionOf(first), eventIds: [first.id, second.id], limit: 100 },
      writer,
    );

    expect(decided.map((reservation) => [reservation.id, reservation.reason ?? reservation.status])).toEqual([
      [overFirstLimit!.id, 'limit_exceeded'],
      [withinSecondLimit!.id, 'held'],
    ]);
  });

  it('decides each request once when batches race for the same event', async () => {
    const event = await givenEventOf(150);
    await Promise.all(Array.from({ length: 400 }, () => givenQueued(event, [{ ticketType: 'GA', quantity: 1 }])));

    const batches = await Promise.all(
      Array.from({ length: 8 }, () => decideQueuedReservations(pg, { partition: partitionOf(event), eventIds: [event.id], limit: 60 }, writer)),
    );

    const decided = batches.flatMap((batch) => batch.decided);
    expect(decided).toHaveLength(400);
    expect(new Set(decided.map((reservation) => reservation.id)).size).toBe(400);
    expect(decided.filter((reservation) => reservation.status === 'held')).toHaveLength(150);
    expect(await countersOf(event)).toEqual({ GA: { held: 150, sold: 0 } });
    const [row] = await pg<{ decisions: number }[]>`
      SELECT count(*)::int AS decisions FROM reservation_history h JOIN reservations r ON r.id = h.reservation_id
      WHERE r.event_id = ${event.id} AND h.from_status = 'queued'`;
    expect(row!.decisions).toBe(400);
  });
});

describe('acceptReservation', () => {
  async function accept(event: EventWithTicketTypes, customerId: string, idempotencyKey: string, quantity = 1) {
    const items = [{ ticketTypeId: event.ticketTypes[0]!.id, quantity }];
    const id = randomUUID();
    const outcome = await acceptReservation(pg, {
      id,
      eventId: event.id,
      partition: partitionOf(event),
      customerId,
      items,
      idempotencyKey,
      requestHash: createHash('sha256').update(JSON.stringify(items)).digest('hex'),
      requestId: `request-${id}`,
    });
    return { id, outcome };
  }

  it('records a queued reservation with its items and first history row', async () => {
    const event = await givenEvent(db);
    const { id, outcome } = await accept(event, 'customer-a', randomUUID(), 3);

    expect(outcome.kind).toBe('accepted');
    expect(await findReservation(pg, id)).toMatchObject({
      status: 'queued',
      version: 1,
      customerId: 'customer-a',
      items: [{ ticketTypeId: event.ticketTypes[0]!.id, quantity: 3, ticketType: { code: 'GA' } }],
    });
    expect(await historyOf(id)).toEqual([{ version: 1, from_status: null, to_status: 'queued', reason: null }]);
  });

  it('returns the first reservation when the customer replays an Idempotency-Key', async () => {
    const event = await givenEvent(db);
    const key = randomUUID();
    const first = await accept(event, 'customer-b', key, 2);

    const second = await accept(event, 'customer-b', key, 2);

    expect(second.outcome).toMatchObject({ kind: 'replayed', reservation: { id: first.id, status: 'queued' } });
    expect(await findReservation(pg, second.id)).toBeUndefined();
    expect(await historyOf(first.id)).toHaveLength(1);
  });

  it('returns one reservation when the same key is replayed concurrently', async () => {
    const event = await givenEvent(db);
    const key = randomUUID();

    const outcomes = await Promise.all(Array.from({ length: 5 }, () => accept(event, 'customer-c', key)));

    expect(outcomes.filter(({ outcome }) => outcome.kind === 'accepted')).toHaveLength(1);
    const acceptedId = outcomes.find(({ outcome }) => outcome.kind === 'accepted')!.id;
    for (const { outcome } of outcomes.filter(({ outcome }) => outcome.kind === 'replayed')) {
      expect(outcome).toMatchObject({ reservation: { id: acceptedId } });
    }
  });

  it('records a batch in the order given and replays a key repeated within it', async () => {
    const event = await givenEvent(db);
    const key = randomUUID();
    const input = (customerId: string, idempotencyKey: string | null) => ({
      id: randomUUID(),
      eventId: event.id,
      partition: partitionOf(event),
      customerId,
      items: [{ ticketTypeId: event.ticketTypes[0]!.id, quantity: 1 }],
      idempotencyKey,
      requestHash: 'same-request',
      requestId: 'batch',
    });
    const inputs = [input('customer-f', null), input('customer-g', key), input('customer-h', null), input('customer-g', key)];

    const outcomes = await acceptReservations(pg, inputs);

    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['accepted', 'accepted', 'accepted', 'replayed']);
    expect(outcomes[3]).toMatchObject({ reservation: { id: inputs[1]!.id } });
    const arrivals = await pg<{ id: string }[]>`
      SELECT id FROM reservations WHERE id = ANY(${inputs.map((one) => one.id)}::uuid[]) ORDER BY arrival`;
    expect(arrivals.map((row) => row.id)).toEqual(inputs.slice(0, 3).map((one) => one.id));
  });

  it('scopes Idempotency-Keys to the customer', async () => {
    const event = await givenEvent(db);
    const key = randomUUID();

    expect((await accept(event, 'customer-d', key)).outcome.kind).toBe('accepted');
    expect((await accept(event, 'customer-e', key)).outcome.kind).toBe('accepted');
  });
});

describe('inventory constraints', () => {
  it('the database rejects held + sold beyond capacity', async () => {
    const event = await givenEvent(db, { ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 0, capacity: 5 }] });

    const error = await db
      .execute(sql`UPDATE ticket_types SET held = 3, sold = 3 WHERE event_id = ${event.id}`)
      .catch((rejection: unknown) => rejection);

    expect(isConstraintViolation(error, 'ticket_types_within_capacity')).toBe(true);
    expect(await countersOf(event)).toEqual({ GA: { held: 0, sold: 0 } });
  });

  it('a transition whose counters would oversell fails and changes nothing', async () => {
    const event = await givenEvent(db, { ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 0, capacity: 5 }] });
    const target = await givenQueuedReservation(db, event, [{ ticketType: 'GA', quantity: 6 }]);
    const reservation = (await findReservation(pg, target.id))!;

    const error = await pg
      .begin((tx) =>
        transitionReservation(
          tx,
          reservation,
          { to: 'held', expiresAt: new Date(Date.now() + 60_000), counters: countersFor(reservation.items, { held: 1, sold: 0 }) },
          { actor: 'test', requestId: null },
        ),
      )
      .catch((rejection: unknown) => rejection);

    expect(isConstraintViolation(error, 'ticket_types_within_capacity')).toBe(true);
    expect(await countersOf(event)).toEqual({ GA: { held: 0, sold: 0 } });
    expect((await findReservation(pg, target.id))!.status).toBe('queued');
  });
});
