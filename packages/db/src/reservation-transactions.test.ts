import { createHash, randomUUID } from 'node:crypto';
import { partitionFor } from '@onsale/queue';
import { DEFAULT_PARTITION_COUNT } from '@onsale/shared';
import { eq, sql } from 'drizzle-orm';
import { givenEvent, givenQueuedReservation } from '../../../test/support/factories';
import { createTestEnvironment, type TestEnvironment } from '../../../test/support/test-environment';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import type { Database, TransactionSql } from './client';
import { claimPartitionCount, DeploymentMismatch } from './deployment';
import { isConstraintViolation } from './errors';
import type { EventWithTicketTypes } from './event.repository';
import { lockInventories } from './inventory';
import { readQueueProgress } from './queue-progress';
import { findEventsWithDueHolds, findEventsWithStaleQueued, findReservation } from './reservation-reads';
import {
  cancelReservation,
  confirmReservation,
  decideQueued,
  expireDueHolds,
  rejectAsFailed,
  type CommandResult,
  type CommandTarget,
} from './reservation-transactions';
import { acceptReservation, acceptReservations, applyTransitions, ReservationChangedUnderLock } from './reservation-writer';
import { reservations, ticketTypes } from './schema';

const writer = { workerId: 'test-worker', requestId: 'test-request' };
const partitionOf = (event: { id: string }) => partitionFor(event.id, DEFAULT_PARTITION_COUNT);

/**
 * Decides one queued request through the decision transaction, narrowed to it (as a refused
 * batch is narrowed down): the reservation as it left it, and whether it changed.
 */
async function decideOne(target: CommandTarget): Promise<CommandResult> {
  const batch = { partition: partitionFor(target.eventId, DEFAULT_PARTITION_COUNT), limit: 1_000, only: { reservationId: target.reservationId } };
  const { decided } = await decideQueued(database, batch, writer);
  return decided[0] ? { reservation: decided[0], changed: true } : { reservation: await findReservation(database, target.reservationId), changed: false };
}

let env: TestEnvironment;
let database: Database;
/** drizzle and postgres.js on the pool, for the test's own SQL and the transaction's parts. */
let db: PostgresJsDatabase;
let pg: postgres.Sql;

beforeAll(async () => {
  env = await createTestEnvironment();
  database = env.database;
  db = env.db;
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
  const reservation = await findReservation(database, target.reservationId);
  return reservation?.status;
}

/** A queued reservation that the writer has decided; fails the test unless it was held. */
type Items = { ticketType: string; quantity: number }[];

async function givenHold(event: EventWithTicketTypes, items: Items, customerId?: string) {
  const target = await givenQueued(event, items, customerId);
  const { reservation } = await decideOne(target);
  expect(reservation?.status).toBe('held');
  return target;
}

async function givenQueued(event: EventWithTicketTypes, items: Items, customerId?: string) {
  const target = await givenQueuedReservation(database, event, items, customerId);
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

describe('decideQueued, narrowed to one request', () => {
  it('holds a queued reservation, moves held counters and records the decision', async () => {
    const event = await givenEvent(database, { ...twoTypes, holdTtlSeconds: 120 });
    const target = await givenQueued(event, [
      { ticketType: 'GA', quantity: 3 },
      { ticketType: 'VIP', quantity: 1 },
    ]);

    const before = Date.now();
    const { reservation, changed } = await decideOne(target);

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
    const event = await givenEvent(database);
    const target = await givenQueued(event, [{ ticketType: 'GA', quantity: 2 }]);

    const first = await decideOne(target);
    const second = await decideOne(target);

    expect(first.changed).toBe(true);
    expect(second).toMatchObject({ changed: false, reservation: { status: 'held', version: 2 } });
    expect(await countersOf(event)).toEqual({ GA: { held: 2, sold: 0 } });
    expect(await historyOf(target.id)).toHaveLength(2);
  });

  it('decides once even when the same job is delivered twice at the same time', async () => {
    const event = await givenEvent(database);
    const target = await givenQueued(event, [{ ticketType: 'GA', quantity: 2 }]);

    const results = await Promise.all([
      decideOne(target),
      decideOne(target),
    ]);

    expect(results.map((result) => result.changed).sort()).toEqual([false, true]);
    expect(await countersOf(event)).toEqual({ GA: { held: 2, sold: 0 } });
    expect(await historyOf(target.id)).toHaveLength(2);
  });

  it('rejects every item as sold_out when one item is short, and moves no counter', async () => {
    const event = await givenEvent(database, twoTypes);
    const target = await givenQueued(event, [
      { ticketType: 'GA', quantity: 3 },
      { ticketType: 'VIP', quantity: 3 },
    ]);

    const { reservation, changed } = await decideOne(target);

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
    const event = await givenEvent(database, { maxTicketsPerCustomer: 4 });
    const customer = `customer-${randomUUID()}`;

    const first = await givenHold(event, [{ ticketType: 'GA', quantity: 3 }], customer);
    const second = await givenQueued(event, [{ ticketType: 'GA', quantity: 2 }], customer);
    expect((await decideOne(second)).reservation).toMatchObject({
      status: 'rejected',
      reason: 'limit_exceeded',
    });

    const someoneElse = await givenQueued(event, [{ ticketType: 'GA', quantity: 4 }]);
    expect(await decideOne(someoneElse)).toMatchObject({ reservation: { status: 'held' } });

    await cancelReservation(database, first, writer);
    const third = await givenQueued(event, [{ ticketType: 'GA', quantity: 2 }], customer);
    expect((await decideOne(third)).reservation?.status).toBe('held');
    expect(await countersOf(event)).toEqual({ GA: { held: 6, sold: 0 } });
  });

  it('counts confirmed sales against the per-customer limit', async () => {
    const event = await givenEvent(database, { maxTicketsPerCustomer: 4 });
    const customer = `customer-${randomUUID()}`;
    const bought = await givenHold(event, [{ ticketType: 'GA', quantity: 4 }], customer);
    await confirmReservation(database, bought, writer);

    const more = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }], customer);

    expect((await decideOne(more)).reservation?.reason).toBe('limit_exceeded');
  });

  it('rejects with event_not_on_sale when the event is paused', async () => {
    const event = await givenEvent(database);
    await db.execute(sql`UPDATE events SET status = 'paused' WHERE id = ${event.id}`);
    const target = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }]);

    expect((await decideOne(target)).reservation?.reason).toBe('event_not_on_sale');
    expect(await countersOf(event)).toEqual({ GA: { held: 0, sold: 0 } });
  });

  it('rejects with sales_closed once the sales window has ended', async () => {
    const event = await givenEvent(database, {
      salesStartAt: new Date(Date.now() - 3_600_000).toISOString(),
      salesEndAt: new Date(Date.now() - 60_000).toISOString(),
    });
    const target = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }]);

    expect((await decideOne(target)).reservation?.reason).toBe('sales_closed');
  });

  it('returns no reservation for an unknown id, and leaves a request of another partition alone', async () => {
    const event = await givenEvent(database);
    let other = await givenEvent(database);
    while (partitionOf(other) === partitionOf(event)) other = await givenEvent(database);
    const target = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }]);

    expect(await decideOne({ eventId: event.id, reservationId: randomUUID() })).toEqual({ reservation: undefined, changed: false });
    const batch = { partition: partitionOf(other), limit: 10, only: { reservationId: target.id } };
    expect(await decideQueued(database, batch, writer)).toEqual({ decided: [], counters: [], more: false });
    expect(await statusOf(target)).toBe('queued');
  });

  it('holds exactly the capacity when 200 requests for 50 tickets are decided concurrently', async () => {
    const event = await givenEvent(database, {
      ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5000, capacity: 50 }],
    });
    const targets = await Promise.all(
      Array.from({ length: 200 }, () => givenQueued(event, [{ ticketType: 'GA', quantity: 1 }])),
    );

    const results = await Promise.all(targets.map((target) => decideOne(target)));

    const outcomes = results.map(({ reservation }) => reservation?.reason ?? reservation?.status);
    expect(outcomes.filter((outcome) => outcome === 'held')).toHaveLength(50);
    expect(outcomes.filter((outcome) => outcome === 'sold_out')).toHaveLength(150);
    expect(results.every((result) => result.changed)).toBe(true);
    expect(await countersOf(event)).toEqual({ GA: { held: 50, sold: 0 } });
  });
});

describe('confirmReservation', () => {
  it('refuses a reservation named with another event, and changes nothing', async () => {
    const event = await givenEvent(database);
    const other = await givenEvent(database);
    const hold = await givenHold(event, [{ ticketType: 'GA', quantity: 1 }]);

    await expect(confirmReservation(database, { eventId: other.id, reservationId: hold.id }, writer)).rejects.toThrow('is not for event');
    expect(await statusOf(hold)).toBe('held');
  });

  it('turns a hold into a sale, and a second confirm changes nothing', async () => {
    const event = await givenEvent(database);
    const hold = await givenHold(event, [{ ticketType: 'GA', quantity: 2 }]);

    const first = await confirmReservation(database, hold, writer);
    const second = await confirmReservation(database, hold, writer);

    expect(first).toMatchObject({ changed: true, reservation: { status: 'confirmed', expiresAt: null, version: 3 } });
    expect(second).toMatchObject({ changed: false, reservation: { status: 'confirmed', version: 3 } });
    expect(await countersOf(event)).toEqual({ GA: { held: 0, sold: 2 } });
    expect((await historyOf(hold.id)).map((row) => row.to_status)).toEqual(['queued', 'held', 'confirmed']);
  });

  it('expires a hold whose expiry has passed and returns its tickets', async () => {
    const event = await givenEvent(database, { holdTtlSeconds: 10 });
    const hold = await givenHold(event, [{ ticketType: 'GA', quantity: 2 }]);
    await expireHoldClock(hold.id);

    const { reservation, changed } = await confirmReservation(database, hold, writer);

    expect(changed).toBe(true);
    expect(reservation?.status).toBe('expired');
    expect(await countersOf(event)).toEqual({ GA: { held: 0, sold: 0 } });
    expect((await historyOf(hold.id)).map((row) => row.to_status)).toEqual(['queued', 'held', 'expired']);
  });

  it('does not confirm a reservation that is still queued', async () => {
    const event = await givenEvent(database);
    const queued = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }]);

    expect(await confirmReservation(database, queued, writer)).toMatchObject({
      changed: false,
      reservation: { status: 'queued' },
    });
  });
});

describe('cancelReservation', () => {
  it('cancels a queued reservation without touching the counters', async () => {
    const event = await givenEvent(database);
    const queued = await givenQueued(event, [{ ticketType: 'GA', quantity: 2 }]);

    expect(await cancelReservation(database, queued, writer)).toMatchObject({
      changed: true,
      reservation: { status: 'cancelled' },
    });
    expect(await countersOf(event)).toEqual({ GA: { held: 0, sold: 0 } });
    // The job that was queued for it finds nothing to decide.
    expect((await decideOne(queued)).changed).toBe(false);
  });

  it('releases the held counter of a cancelled hold', async () => {
    const event = await givenEvent(database, twoTypes);
    const hold = await givenHold(event, [
      { ticketType: 'GA', quantity: 2 },
      { ticketType: 'VIP', quantity: 1 },
    ]);
    await givenHold(event, [{ ticketType: 'GA', quantity: 1 }]);

    const { reservation } = await cancelReservation(database, hold, writer);

    expect(reservation).toMatchObject({ status: 'cancelled', expiresAt: null });
    expect(await countersOf(event)).toEqual({ GA: { held: 1, sold: 0 }, VIP: { held: 0, sold: 0 } });
  });

  it('releases the sold counter of a cancelled sale', async () => {
    const event = await givenEvent(database);
    const sale = await givenHold(event, [{ ticketType: 'GA', quantity: 3 }]);
    await confirmReservation(database, sale, writer);

    await cancelReservation(database, sale, writer);

    expect(await countersOf(event)).toEqual({ GA: { held: 0, sold: 0 } });
    expect((await historyOf(sale.id)).map((row) => row.to_status)).toEqual([
      'queued',
      'held',
      'confirmed',
      'cancelled',
    ]);
  });

  it('changes nothing when cancelled twice or when the reservation was rejected', async () => {
    const event = await givenEvent(database, { ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 0, capacity: 1 }] });
    const hold = await givenHold(event, [{ ticketType: 'GA', quantity: 1 }]);
    const rejected = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }]);
    await decideOne(rejected);

    await cancelReservation(database, hold, writer);
    expect(await cancelReservation(database, hold, writer)).toMatchObject({
      changed: false,
      reservation: { status: 'cancelled' },
    });
    expect(await cancelReservation(database, rejected, writer)).toMatchObject({
      changed: false,
      reservation: { status: 'rejected' },
    });
    expect(await countersOf(event)).toEqual({ GA: { held: 0, sold: 0 } });
  });
});

describe('expireDueHolds', () => {
  it('expires only the holds past their expiry, returns their tickets, and does nothing when run again', async () => {
    const event = await givenEvent(database, { ...twoTypes, holdTtlSeconds: 10 });
    const dueA = await givenHold(event, [{ ticketType: 'GA', quantity: 2 }]);
    const dueB = await givenHold(event, [
      { ticketType: 'GA', quantity: 1 },
      { ticketType: 'VIP', quantity: 1 },
    ]);
    const live = await givenHold(event, [{ ticketType: 'GA', quantity: 4 }]);
    const sale = await givenHold(event, [{ ticketType: 'VIP', quantity: 1 }]);
    await confirmReservation(database, sale, writer);
    await expireHoldClock(dueA.id);
    await expireHoldClock(dueB.id);

    const { expired, more } = await expireDueHolds(database, event.id, 100, writer);

    expect(expired.map((reservation) => reservation.id).sort()).toEqual([dueA.id, dueB.id].sort());
    expect(expired.every((reservation) => reservation.status === 'expired')).toBe(true);
    expect(more).toBe(false);
    expect(await statusOf(live)).toBe('held');
    expect(await statusOf(sale)).toBe('confirmed');
    expect(await countersOf(event)).toEqual({ GA: { held: 4, sold: 0 }, VIP: { held: 0, sold: 1 } });
    expect((await historyOf(dueB.id)).map((row) => row.to_status)).toEqual(['queued', 'held', 'expired']);

    expect(await expireDueHolds(database, event.id, 100, writer)).toEqual({ expired: [], counters: [], more: false, offered: [] });
    expect(await countersOf(event)).toEqual({ GA: { held: 4, sold: 0 }, VIP: { held: 0, sold: 1 } });
  });

  it('expires at most the limit per transaction, longest due first, and says when more are due', async () => {
    const event = await givenEvent(database, { holdTtlSeconds: 10 });
    const holds = [];
    for (let n = 0; n < 5; n++) holds.push(await givenHold(event, [{ ticketType: 'GA', quantity: 1 }]));
    for (const [n, hold] of holds.entries()) {
      await db.execute(sql`UPDATE reservations SET expires_at = now() - make_interval(secs => ${60 - n}) WHERE id = ${hold.id}`);
    }

    const batches = [];
    for (let n = 0; n < 3; n++) batches.push(await expireDueHolds(database, event.id, 2, writer));

    expect(batches.map(({ expired }) => expired.map((reservation) => reservation.id))).toEqual([
      [holds[0]!.id, holds[1]!.id],
      [holds[2]!.id, holds[3]!.id],
      [holds[4]!.id],
    ]);
    expect(batches.map(({ more }) => more)).toEqual([true, true, false]);
    expect(await countersOf(event)).toEqual({ GA: { held: 0, sold: 0 } });
  });

  it('leaves other events alone', async () => {
    const event = await givenEvent(database, { holdTtlSeconds: 10 });
    const other = await givenEvent(database, { holdTtlSeconds: 10 });
    const otherHold = await givenHold(other, [{ ticketType: 'GA', quantity: 1 }]);
    await expireHoldClock(otherHold.id);

    expect(await expireDueHolds(database, event.id, 100, writer)).toEqual({ expired: [], counters: [], more: false, offered: [] });
    expect(await statusOf(otherHold)).toBe('held');
  });
});

describe('sweeps', () => {
  it('findEventsWithDueHolds lists each event with a hold past its expiry, once', async () => {
    const due = await givenEvent(database, { holdTtlSeconds: 10 });
    const notDue = await givenEvent(database, { holdTtlSeconds: 10 });
    for (const hold of [
      await givenHold(due, [{ ticketType: 'GA', quantity: 1 }]),
      await givenHold(due, [{ ticketType: 'GA', quantity: 1 }]),
    ]) {
      await expireHoldClock(hold.id);
    }
    await givenHold(notDue, [{ ticketType: 'GA', quantity: 1 }]);

    const events = await findEventsWithDueHolds(database);

    expect(events.filter((id) => id === due.id)).toHaveLength(1);
    expect(events).not.toContain(notDue.id);

    await expireDueHolds(database, due.id, 100, writer);
    expect(await findEventsWithDueHolds(database)).not.toContain(due.id);
  });

  it('findEventsWithStaleQueued lists events with a request queued longer than the threshold', async () => {
    const stale = await givenEvent(database);
    const fresh = await givenEvent(database);
    const decided = await givenEvent(database);
    const old = await givenQueued(stale, [{ ticketType: 'GA', quantity: 1 }]);
    await givenQueued(fresh, [{ ticketType: 'GA', quantity: 1 }]);
    const oldButHeld = await givenHold(decided, [{ ticketType: 'GA', quantity: 1 }]);
    const ageBy = (id: string, seconds: number) =>
      db.execute(sql`UPDATE reservations SET created_at = now() - make_interval(secs => ${seconds}) WHERE id = ${id}`);
    await ageBy(old.id, 60);
    await ageBy(oldButHeld.id, 120);

    const events = await findEventsWithStaleQueued(database, 30_000);

    expect(events).toContain(stale.id);
    expect(events).not.toContain(fresh.id);
    expect(events).not.toContain(decided.id);
    expect(await findEventsWithStaleQueued(database, 90_000)).not.toContain(stale.id);
  });
});

describe('decideQueued, a partition\'s batch', () => {
  // Each test starts with nothing queued in any partition: a batch takes whatever its partition holds.
  beforeEach(async () => {
    await pg`UPDATE reservations SET status = 'cancelled' WHERE status = 'queued'`;
  });

  const givenEventOf = (capacity: number, maxTicketsPerCustomer?: number) =>
    givenEvent(database, {
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

    const { decided, more } = await decideQueued(database, { partition: partitionOf(event), limit: 100 }, writer);

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

    const first = await decideQueued(database, { partition: partitionOf(event), limit: 3 }, writer);
    const second = await decideQueued(database, { partition: partitionOf(event), limit: 3 }, writer);
    const third = await decideQueued(database, { partition: partitionOf(event), limit: 3 }, writer);

    expect(first.decided.map((reservation) => reservation.id)).toEqual(queued.slice(0, 3).map((target) => target.id));
    expect(first.more).toBe(true);
    expect(second.decided.map((reservation) => reservation.id)).toEqual(queued.slice(3).map((target) => target.id));
    expect(second.more).toBe(false);
    expect(third).toEqual({ decided: [], counters: [], more: false });
  });

  it('counts holds made earlier in the same batch towards the customer limit', async () => {
    const event = await givenEventOf(100, 4);
    await givenHold(event, [{ ticketType: 'GA', quantity: 1 }], 'customer-limit');
    const queued = await queueInOrder(event, [2, 2, 1], 'customer-limit');

    const { decided } = await decideQueued(database, { partition: partitionOf(event), limit: 100 }, writer);

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

    const { decided } = await decideQueued(database, { partition: partitionOf(first), limit: 100 }, writer);

    expect(decided.map((reservation) => [reservation.id, reservation.reason ?? reservation.status])).toEqual([
      [overFirstLimit!.id, 'limit_exceeded'],
      [withinSecondLimit!.id, 'held'],
    ]);
  });

  it('decides each request once when batches race for the same event', async () => {
    const event = await givenEventOf(150);
    await Promise.all(Array.from({ length: 400 }, () => givenQueued(event, [{ ticketType: 'GA', quantity: 1 }])));

    const batches = await Promise.all(
      Array.from({ length: 8 }, () => decideQueued(database, { partition: partitionOf(event), limit: 60 }, writer)),
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
    const outcome = await acceptReservation(database, {
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
    const event = await givenEvent(database);
    const { id, outcome } = await accept(event, 'customer-a', randomUUID(), 3);

    expect(outcome.kind).toBe('accepted');
    expect(await findReservation(database, id)).toMatchObject({
      status: 'queued',
      version: 1,
      customerId: 'customer-a',
      items: [{ ticketTypeId: event.ticketTypes[0]!.id, quantity: 3, ticketType: { code: 'GA' } }],
    });
    expect(await historyOf(id)).toEqual([{ version: 1, from_status: null, to_status: 'queued', reason: null }]);
  });

  it('returns the first reservation when the customer replays an Idempotency-Key', async () => {
    const event = await givenEvent(database);
    const key = randomUUID();
    const first = await accept(event, 'customer-b', key, 2);

    const second = await accept(event, 'customer-b', key, 2);

    expect(second.outcome).toMatchObject({ kind: 'replayed', reservation: { id: first.id, status: 'queued' } });
    expect(await findReservation(database, second.id)).toBeUndefined();
    expect(await historyOf(first.id)).toHaveLength(1);
  });

  it('returns one reservation when the same key is replayed concurrently', async () => {
    const event = await givenEvent(database);
    const key = randomUUID();

    const outcomes = await Promise.all(Array.from({ length: 5 }, () => accept(event, 'customer-c', key)));

    expect(outcomes.filter(({ outcome }) => outcome.kind === 'accepted')).toHaveLength(1);
    const acceptedId = outcomes.find(({ outcome }) => outcome.kind === 'accepted')!.id;
    for (const { outcome } of outcomes.filter(({ outcome }) => outcome.kind === 'replayed')) {
      expect(outcome).toMatchObject({ reservation: { id: acceptedId } });
    }
  });

  it('records a batch in the order given and replays a key repeated within it', async () => {
    const event = await givenEvent(database);
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

    const outcomes = await acceptReservations(database, inputs);

    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['accepted', 'accepted', 'accepted', 'replayed']);
    expect(outcomes[3]).toMatchObject({ reservation: { id: inputs[1]!.id } });
    const arrivals = await pg<{ id: string }[]>`
      SELECT id FROM reservations WHERE id = ANY(${inputs.map((one) => one.id)}::uuid[]) ORDER BY arrival`;
    expect(arrivals.map((row) => row.id)).toEqual(inputs.slice(0, 3).map((one) => one.id));
  });

  it('scopes Idempotency-Keys to the customer', async () => {
    const event = await givenEvent(database);
    const key = randomUUID();

    expect((await accept(event, 'customer-d', key)).outcome.kind).toBe('accepted');
    expect((await accept(event, 'customer-e', key)).outcome.kind).toBe('accepted');
  });
});

describe('inventory constraints', () => {
  it('the database rejects held + sold beyond capacity', async () => {
    const event = await givenEvent(database, { ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 0, capacity: 5 }] });

    const error = await db
      .execute(sql`UPDATE ticket_types SET held = 3, sold = 3 WHERE event_id = ${event.id}`)
      .catch((rejection: unknown) => rejection);

    expect(isConstraintViolation(error, 'ticket_types_within_capacity')).toBe(true);
    expect(await countersOf(event)).toEqual({ GA: { held: 0, sold: 0 } });
  });

  it('a transition whose counters would oversell fails and changes nothing', async () => {
    const event = await givenEvent(database, { ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 0, capacity: 5 }] });
    const target = await givenQueuedReservation(database, event, [{ ticketType: 'GA', quantity: 6 }]);
    const reservation = (await findReservation(database, target.id))!;

    const error = await pg
      .begin((tx) =>
        applyTransitions(tx, [{ reservation, to: 'held', expiresAt: new Date(Date.now() + 60_000), requestId: null }], writer),
      )
      .catch((rejection: unknown) => rejection);

    expect(isConstraintViolation(error, 'ticket_types_within_capacity')).toBe(true);
    expect(await countersOf(event)).toEqual({ GA: { held: 0, sold: 0 } });
    expect((await findReservation(database, target.id))!.status).toBe('queued');
  });
});

describe('applyTransitions', () => {
  const underLock = <T>(event: EventWithTicketTypes, write: (tx: TransactionSql) => Promise<T>) =>
    pg.begin(async (tx) => {
      await lockInventories(tx, [event.id]);
      return write(tx);
    }) as Promise<T>;

  it('refuses a transition the lifecycle does not allow', async () => {
    const event = await givenEvent(database, { ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 0, capacity: 0 }] });
    const rejected = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }]);
    const reservation = (await decideOne(rejected)).reservation!;
    expect(reservation.status).toBe('rejected');

    await expect(
      underLock(event, (tx) => applyTransitions(tx, [{ reservation, to: 'confirmed', requestId: null }], writer)),
    ).rejects.toThrow('cannot go from rejected to confirmed');
    expect(await statusOf(rejected)).toBe('rejected');
  });

  it('writes a whole batch or nothing: one reservation changed since it was read rolls every transition back', async () => {
    const event = await givenEvent(database);
    const first = await givenHold(event, [{ ticketType: 'GA', quantity: 1 }]);
    const second = await givenHold(event, [{ ticketType: 'GA', quantity: 2 }]);
    await givenHold(event, [{ ticketType: 'GA', quantity: 5 }]);
    const [readFirst, readSecond] = [(await findReservation(database, first.id))!, (await findReservation(database, second.id))!];
    await confirmReservation(database, second, writer);

    const error = await underLock(event, (tx) =>
      applyTransitions(
        tx,
        [readFirst, readSecond].map((reservation) => ({ reservation, to: 'cancelled' as const, requestId: null })),
        writer,
      ),
    ).catch((rejection: unknown) => rejection);

    expect(error).toBeInstanceOf(ReservationChangedUnderLock);
    expect(await statusOf(first)).toBe('held');
    expect(await statusOf(second)).toBe('confirmed');
    expect(await countersOf(event)).toEqual({ GA: { held: 6, sold: 2 } });
    expect(await historyOf(first.id)).toHaveLength(2);
  });

  it('moves the counters of many reservations of several ticket types in one statement', async () => {
    const event = await givenEvent(database, twoTypes);
    const holds = [
      await givenHold(event, [{ ticketType: 'GA', quantity: 2 }, { ticketType: 'VIP', quantity: 1 }]),
      await givenHold(event, [{ ticketType: 'GA', quantity: 3 }]),
      await givenHold(event, [{ ticketType: 'VIP', quantity: 1 }]),
    ];
    const read = await Promise.all(holds.map(async (hold) => (await findReservation(database, hold.id))!));

    const [confirmed, cancelled, expired] = await underLock(event, (tx) =>
      applyTransitions(
        tx,
        [
          { reservation: read[0]!, to: 'confirmed', requestId: 'r-1' },
          { reservation: read[1]!, to: 'cancelled', requestId: 'r-2' },
          { reservation: read[2]!, to: 'expired', requestId: 'r-3' },
        ],
        writer,
      ),
    );

    expect([confirmed!.status, cancelled!.status, expired!.status]).toEqual(['confirmed', 'cancelled', 'expired']);
    expect(expired!.expiresAt).toEqual(read[2]!.expiresAt);
    expect(confirmed!.expiresAt).toBeNull();
    expect(await countersOf(event)).toEqual({ GA: { held: 0, sold: 2 }, VIP: { held: 0, sold: 1 } });
    const requestIds = await pg<{ requestId: string }[]>`
      SELECT request_id AS "requestId" FROM reservation_history WHERE reservation_id = ${holds[1]!.id} AND version = 3`;
    expect(requestIds).toEqual([{ requestId: 'r-2' }]);
  });
});

describe('rejectAsFailed', () => {
  it('sets a queued request aside as rejected with internal_error, and leaves a decided one alone', async () => {
    const event = await givenEvent(database);
    const queued = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }]);
    const hold = await givenHold(event, [{ ticketType: 'GA', quantity: 1 }]);

    expect(await rejectAsFailed(database, queued, writer)).toMatchObject({
      changed: true,
      reservation: { status: 'rejected', reason: 'internal_error', decidedBy: 'test-worker' },
    });
    expect(await rejectAsFailed(database, hold, writer)).toMatchObject({ changed: false, reservation: { status: 'held' } });
    expect(await countersOf(event)).toEqual({ GA: { held: 1, sold: 0 } });
  });
});

describe('claimPartitionCount', () => {
  it('records the first count, accepts it again, and refuses another with a message naming both', async () => {
    await claimPartitionCount(pg, 16);
    await claimPartitionCount(pg, 16);

    const error = await claimPartitionCount(pg, 8).catch((rejection: unknown) => rejection);

    expect(error).toBeInstanceOf(DeploymentMismatch);
    expect((error as Error).message).toContain('PARTITION_COUNT is 8');
    expect((error as Error).message).toContain('partitioned 16 ways');
    expect(await pg`SELECT partition_count FROM deployment`).toEqual([{ partition_count: 16 }]);
  });
});

describe('the counters a transaction returns', () => {
  /** Every ticket type's counters as PostgreSQL has them, in the shape the transactions return. */
  /** The event's counters as stored, and its queue progress as stored when the commit took requests out of the queue. */
  async function storedCounters(event: EventWithTicketTypes, options: { queue?: boolean } = {}) {
    const rows = await db
      .select({ id: ticketTypes.id, capacity: ticketTypes.capacity, held: ticketTypes.held, sold: ticketTypes.sold })
      .from(ticketTypes)
      .where(eq(ticketTypes.eventId, event.id));
    const [progress] = options.queue ? await readQueueProgress(pg, [event.id]) : [];
    const queue = progress && (({ eventId: _, ...rest }) => rest)(progress);
    return [{ eventId: event.id, ticketTypes: expect.arrayContaining(rows.map((row) => expect.objectContaining(row))) as unknown, ...(queue ? { queue } : {}) }];
  }

  it('are what each commit left in the database: decide, confirm, cancel, expire', async () => {
    const event = await givenEvent(database, twoTypes);
    await givenQueued(event, [{ ticketType: 'GA', quantity: 3 }]);
    await givenQueued(event, [
      { ticketType: 'GA', quantity: 1 },
      { ticketType: 'VIP', quantity: 2 },
    ]);
    await givenQueued(event, [{ ticketType: 'VIP', quantity: 1 }]);

    // Only this event's requests: other tests leave requests queued on the same partition.
    const batch = await decideQueued(database, { partition: partitionOf(event), limit: 10, only: { eventId: event.id } }, writer);
    expect(batch.decided.map((reservation) => reservation.status)).toEqual(['held', 'held', 'rejected']);
    expect(batch.counters).toEqual(await storedCounters(event, { queue: true }));
    expect(batch.counters[0]!.queue).toEqual({ settledThrough: 3, ticketsSettledThrough: 7, lastSeq: 3, lastTickets: 7, settledOutOfTurn: [] });
    expect(batch.counters[0]!.ticketTypes).toHaveLength(2);

    const [first, second] = batch.decided.map((reservation) => ({ eventId: event.id, reservationId: reservation.id }));
    const confirmed = await confirmReservation(database, first!, writer);
    expect(confirmed.counters).toEqual(await storedCounters(event));
    const cancelled = await cancelReservation(database, first!, writer);
    expect(cancelled.counters).toEqual(await storedCounters(event));
    expect((await cancelReservation(database, first!, writer)).counters).toBeUndefined();

    await expireHoldClock(second!.reservationId);
    const expired = await expireDueHolds(database, event.id, 10, writer);
    expect(expired.expired).toHaveLength(1);
    expect(expired.counters).toEqual(await storedCounters(event));
    expect(await countersOf(event)).toEqual({ GA: { held: 0, sold: 0 }, VIP: { held: 0, sold: 0 } });
  });
});
