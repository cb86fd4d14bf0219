import { randomUUID } from 'node:crypto';
import { partitionFor } from '@onsale/queue';
import { DEFAULT_PARTITION_COUNT } from '@onsale/shared';
import { givenEvent } from '../../../test/support/factories';
import { createTestEnvironment, type TestEnvironment } from '../../../test/support/test-environment';
import type postgres from 'postgres';
import type { Database } from './client';
import type { EventWithTicketTypes } from './event.repository';
import { readQueueProgress } from './queue-progress';
import { cancelReservation, decideQueued } from './reservation-transactions';
import { acceptReservations, type QueuedReservationInput } from './reservation-writer';

let env: TestEnvironment;
let database: Database;
let pg: postgres.Sql;
const writer = { workerId: 'queue-progress-test', requestId: null };

beforeAll(async () => {
  env = await createTestEnvironment();
  database = env.database;
  pg = env.database.sql;
});

afterAll(async () => {
  await env.dispose();
});

const request = (event: EventWithTicketTypes, quantity = 2, idempotencyKey: string | null = null): QueuedReservationInput => ({
  id: randomUUID(),
  eventId: event.id,
  partition: partitionFor(event.id, DEFAULT_PARTITION_COUNT),
  customerId: `customer-${randomUUID()}`,
  items: [{ ticketTypeId: event.ticketTypes[0]!.id, quantity }],
  idempotencyKey,
  requestHash: 'hash',
  requestId: 'test',
});

const placesOf = (event: EventWithTicketTypes) =>
  pg<{ seq: number; ticketsBefore: number; arrival: number; quantity: number }[]>`
    SELECT r.queue_seq::float8 AS seq, r.tickets_before::float8 AS "ticketsBefore", r.arrival::float8 AS arrival, i.quantity
    FROM reservations r JOIN reservation_items i ON i.reservation_id = r.id
    WHERE r.event_id = ${event.id} ORDER BY r.arrival`;

describe('queue places', () => {
  it('are 1…N per event, in arrival order, with the tickets before each, however many batches record at once', async () => {
    const [event, other] = [await givenEvent(database), await givenEvent(database)];
    // 40 batches of 10 from "several API processes" at once, each batch mixing the two events.
    const batches = Array.from({ length: 40 }, (_, b) => Array.from({ length: 10 }, (_, i) => request(i % 3 === 0 ? other : event, 1 + ((b + i) % 4))));
    const outcomes = (await Promise.all(batches.map((batch) => acceptReservations(database, batch)))).flat();
    expect(outcomes.every((outcome) => outcome.kind === 'accepted')).toBe(true);

    for (const each of [event, other]) {
      const places = await placesOf(each);
      expect(places.map((place) => place.seq)).toEqual(places.map((_, index) => index + 1));
      let before = 0;
      for (const place of places) {
        expect(place.ticketsBefore).toBe(before);
        before += place.quantity;
      }
      const [progress] = await readQueueProgress(pg, [each.id]);
      expect(progress).toMatchObject({ settledThrough: 0, ticketsSettledThrough: 0, lastSeq: places.length, lastTickets: before, settledOutOfTurn: [] });
    }
  });

  it("leave the intake's per-customer count to the customer index (the place index would walk the whole queue)", async () => {
    const event = await givenEvent(database);
    for (let i = 0; i < 10; i++) await acceptReservations(database, Array.from({ length: 300 }, () => request(event)));
    const plan = await pg.unsafe(
      `EXPLAIN SELECT count(*) FROM reservations r WHERE r.customer_id = 'someone' AND r.event_id = '${event.id}' AND r.status = 'queued'`,
    );
    const text = plan.map((row) => Object.values(row).join('')).join('\n');
    expect(text).toContain('reservations_queued_by_customer_idx');
    expect(text).not.toContain('reservations_queued_place_idx');
  });

  it('are not taken by a replayed Idempotency-Key', async () => {
    const event = await givenEvent(database);
    const first = request(event, 1, 'key-1');
    await acceptReservations(database, [first, request(event)]);
    const [replayed] = await acceptReservations(database, [{ ...first, id: randomUUID() }]);
    expect(replayed!.kind).toBe('replayed');
    const [fresh] = await acceptReservations(database, [request(event)]);
    expect(fresh).toMatchObject({ kind: 'accepted', place: { seq: 3, ticketsBefore: 3 } });
  });

  it('progress after each commit: the head moves with decisions, a queued request cancelled out of turn is told apart', async () => {
    const event = await givenEvent(database, { ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 100, capacity: 1_000 }] });
    const requests = Array.from({ length: 6 }, () => request(event));
    await acceptReservations(database, requests);
    const partition = partitionFor(event.id, DEFAULT_PARTITION_COUNT);

    const cancelled = await cancelReservation(database, { eventId: event.id, reservationId: requests[3]!.id }, writer);
    expect(cancelled.counters![0]!.queue).toEqual({ settledThrough: 0, ticketsSettledThrough: 0, lastSeq: 6, lastTickets: 12, settledOutOfTurn: [{ seq: 4, tickets: 2 }] });

    const batch = await decideQueued(database, { partition, limit: 2, only: { eventId: event.id } }, writer);
    expect(batch.counters[0]!.queue).toEqual({ settledThrough: 2, ticketsSettledThrough: 4, lastSeq: 6, lastTickets: 12, settledOutOfTurn: [{ seq: 4, tickets: 2 }] });

    const rest = await decideQueued(database, { partition, limit: 10, only: { eventId: event.id } }, writer);
    expect(rest.decided).toHaveLength(3);
    expect(rest.counters[0]!.queue).toEqual({ settledThrough: 6, ticketsSettledThrough: 12, lastSeq: 6, lastTickets: 12, settledOutOfTurn: [] });
  });
});
