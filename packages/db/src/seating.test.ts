import { createHash, randomUUID } from 'node:crypto';
import { partitionFor } from '@onsale/queue';
import { DEFAULT_PARTITION_COUNT, type SeatMapSpec, type StoredSeatRequest } from '@onsale/shared';
import { eventBody } from '../../../test/support/factories';
import { createTestEnvironment, type TestEnvironment } from '../../../test/support/test-environment';
import type postgres from 'postgres';
import type { Database } from './client';
import { isConstraintViolation } from './errors';
import { createEvent, type EventWithTicketTypes } from './event.repository';
import { findReservation } from './reservation-reads';
import { cancelReservation, decideBatch, expireDueHolds } from './reservation-transactions';
import { acceptReservations } from './reservation-writer';
import { SeatStateCache, seatStatesOf } from './seat-decisions';
import { findSeatMapVersion, readSeatMap } from './seat-map-reads';
import { replaceSeatMap } from './seat-map.repository';

/*
 * Assigned seating in the database: the seat map's bulk insert, the constraint that keeps a seat
 * in one live hold or sale, and seated decisions through the batched decision transaction.
 */

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

/** Section A, ticket type SEAT: rows 1–2 of seats 1–6 (an aisle at 4 in row 2), and GA beside it. */
const smallMap: SeatMapSpec = {
  sections: [
    {
      code: 'A',
      ticketType: 'SEAT',
      rows: [
        { label: '1', seats: [{ from: 1, to: 6 }] },
        { label: '2', seats: [{ from: 1, to: 7, skip: [4], accessible: true }] },
      ],
    },
  ],
};

async function givenSeatedEvent(seatMap: SeatMapSpec = smallMap, seatCount = 12, extra: Partial<Parameters<typeof eventBody>[0]> = {}) {
  return createEvent(
    database,
    eventBody({
      ticketTypes: [
        { code: 'GA', name: 'General admission', priceCents: 5_000, capacity: 10 },
        { code: 'SEAT', name: 'Seated', priceCents: 9_000, capacity: seatCount },
      ],
      seatMap,
      ...extra,
    }),
  );
}

const typeId = (event: EventWithTicketTypes, code: string) => event.ticketTypes.find((type) => type.code === code)!.id;

/** Records requests as the API does (exact labels, or best available by quantity) and returns their ids in arrival order. */
async function givenSeatRequests(
  event: EventWithTicketTypes,
  requests: ({ seats: string[] } | { quantity: number; together?: boolean; allowSplit?: boolean })[],
): Promise<string[]> {
  const seatType = typeId(event, 'SEAT');
  const inputs = requests.map((request) => {
    const id = randomUUID();
    const seatRequest: StoredSeatRequest =
      'seats' in request
        ? { kind: 'exact', labels: { [seatType]: request.seats } }
        : { kind: 'best', together: request.together ? [seatType] : [], allowSplit: request.allowSplit ?? false };
    return {
      id,
      eventId: event.id,
      partition: partitionFor(event.id, DEFAULT_PARTITION_COUNT),
      customerId: `customer-${id}`,
      items: [{ ticketTypeId: seatType, quantity: 'seats' in request ? request.seats.length : request.quantity }],
      seatRequest,
      idempotencyKey: null,
      requestHash: createHash('sha256').update(id).digest('hex'),
      requestId: `test-${id}`,
    };
  });
  await acceptReservations(database, inputs);
  return inputs.map((input) => input.id);
}

const decideAll = (event: EventWithTicketTypes, cache?: SeatStateCache) =>
  decideBatch(database, { partition: partitionFor(event.id, DEFAULT_PARTITION_COUNT), limit: 1_000, only: { eventId: event.id } }, writer, cache ?? seatStatesOf(database));

async function liveSeatLabels(eventId: string): Promise<string[]> {
  const rows = await pg<{ label: string }[]>`
    SELECT s.label FROM seat_assignments a JOIN seats s ON s.id = a.seat_id
    WHERE s.event_id = ${eventId} AND a.released_at IS NULL ORDER BY s.label`;
  return rows.map((row) => row.label);
}

describe('seat maps', () => {
  it('creates the sections, rows and seats of a compact map, with attributes and skipped numbers', async () => {
    const event = await givenSeatedEvent();
    expect(event.ticketTypes.map((type) => [type.code, type.seated, type.capacity])).toEqual([
      ['GA', false, 10],
      ['SEAT', true, 12],
    ]);
    const seats = await pg<{ label: string; accessible: boolean }[]>`
      SELECT label, accessible FROM seats WHERE event_id = ${event.id} ORDER BY id`;
    expect(seats.map((seat) => seat.label)).toEqual([
      ...[1, 2, 3, 4, 5, 6].map((n) => `A-1-${n}`),
      ...[1, 2, 3, 5, 6, 7].map((n) => `A-2-${n}`),
    ]);
    expect(seats.filter((seat) => seat.accessible)).toHaveLength(6);
  });

  it('creates a 70,000-seat stadium in one request body of ranges, and prints how long it took', async () => {
    const stadium: SeatMapSpec = {
      sections: Array.from({ length: 35 }, (_, index) => ({
        code: `S${index + 1}`,
        ticketType: 'SEAT',
        rows: [{ labels: { from: 1, to: 40 }, seats: [{ from: 1, to: 50 }] }],
      })),
    };
    expect(JSON.stringify(stadium).length).toBeLessThan(5_000);
    const started = performance.now();
    const event = await givenSeatedEvent(stadium, 70_000);
    const elapsedMs = performance.now() - started;
    console.log(`70,000-seat stadium created in ${Math.round(elapsedMs)} ms (createEvent: event, ticket types, 35 sections, 1,400 rows, 70,000 seats)`);
    const [count] = await pg<{ seats: number }[]>`SELECT count(*)::int AS seats FROM seats WHERE event_id = ${event.id}`;
    expect(count!.seats).toBe(70_000);
  }, 180_000); // a loaded shared machine took up to 27 s

  it('replaces the map before sales start, and refuses once they have', async () => {
    const event = await givenSeatedEvent(smallMap, 12, { salesStartAt: new Date(Date.now() + 86_400_000).toISOString() });
    const before = await findSeatMapVersion(database, event.id);
    const bigger: SeatMapSpec = { sections: [{ code: 'B', ticketType: 'SEAT', rows: [{ label: 'A', seats: [{ from: 1, to: 20 }] }] }] };
    expect(await replaceSeatMap(database, event.id, bigger)).toEqual({ kind: 'replaced' });
    const [type] = await pg<{ capacity: number }[]>`SELECT capacity FROM ticket_types WHERE id = ${typeId(event, 'SEAT')}`;
    expect(type!.capacity).toBe(20);
    expect(await findSeatMapVersion(database, event.id)).not.toBe(before);
    const map = await readSeatMap(database, event.id);
    expect(map!.sections).toEqual([{ code: 'B', ticketType: 'SEAT', rows: [{ label: 'A', numbers: [[1, 20]], states: '20f' }] }]);

    const onSale = await givenSeatedEvent();
    expect(await replaceSeatMap(database, onSale.id, bigger)).toEqual({ kind: 'sales_started' });
  });
});

describe('the live seat constraint', () => {
  it('refuses a second live assignment of a seat in PostgreSQL, and accepts it once the first is released', async () => {
    const event = await givenSeatedEvent();
    const [first, second] = await givenSeatRequests(event, [{ seats: ['A-1-1'] }, { seats: ['A-1-1'] }]);
    const [seat] = await pg<{ id: string }[]>`SELECT id::text FROM seats WHERE event_id = ${event.id} AND label = 'A-1-1'`;
    const assign = (reservationId: string) =>
      pg`INSERT INTO seat_assignments (reservation_id, seat_id, ticket_type_id) VALUES (${reservationId}, ${seat!.id}, ${typeId(event, 'SEAT')})`;
    await assign(first!);
    const refusal = await assign(second!).catch((error: unknown) => error);
    expect(isConstraintViolation(refusal, 'seat_assignments_live_seat_unique')).toBe(true);
    await pg`UPDATE seat_assignments SET released_at = now() WHERE reservation_id = ${first!}`;
    await assign(second!);
    expect(await liveSeatLabels(event.id)).toEqual(['A-1-1']);
  });
});

describe('seated decisions', () => {
  it('gives exact seats all or nothing in arrival order, naming the taken seats', async () => {
    const event = await givenSeatedEvent();
    const ids = await givenSeatRequests(event, [{ seats: ['A-1-1', 'A-1-2'] }, { seats: ['A-1-2', 'A-1-3'] }, { seats: ['A-1-3'] }]);
    await decideAll(event, new SeatStateCache());
    const [first, second, third] = await Promise.all(ids.map((id) => findReservation(database, id)));
    expect(first).toMatchObject({ status: 'held', seatLabels: ['A-1-1', 'A-1-2'] });
    expect(second).toMatchObject({ status: 'rejected', reason: 'seats_taken', takenSeats: ['A-1-2'] });
    expect(third).toMatchObject({ status: 'held', seatLabels: ['A-1-3'] });
    const [type] = await pg<{ held: number }[]>`SELECT held FROM ticket_types WHERE id = ${typeId(event, 'SEAT')}`;
    expect(type!.held).toBe(3);
    expect(await liveSeatLabels(event.id)).toEqual(['A-1-1', 'A-1-2', 'A-1-3']);
  });

  it('names the taken seats even when the whole ticket type is sold out', async () => {
    const event = await givenSeatedEvent();
    const everySeat = [...[1, 2, 3, 4, 5, 6].map((n) => `A-1-${n}`), ...[1, 2, 3, 5, 6, 7].map((n) => `A-2-${n}`)];
    const [all, late] = await givenSeatRequests(event, [{ seats: everySeat }, { seats: ['A-2-7'] }]);
    await decideAll(event, new SeatStateCache());
    expect(await findReservation(database, all!)).toMatchObject({ status: 'held' });
    expect(await findReservation(database, late!)).toMatchObject({ status: 'rejected', reason: 'seats_taken', takenSeats: ['A-2-7'] });
  });

  it('places best-available blocks together in one row, and rejects not_together_available unless split is allowed', async () => {
    const event = await givenSeatedEvent();
    const ids = await givenSeatRequests(event, [
      { quantity: 4, together: true },
      { quantity: 4, together: true }, // row 2 has 3 + 3 around the aisle: no block of 4
      { quantity: 4, together: true, allowSplit: true },
    ]);
    await decideAll(event, new SeatStateCache());
    const [first, second, third] = await Promise.all(ids.map((id) => findReservation(database, id)));
    expect(first!.status).toBe('held');
    const numbers = first!.seatLabels!.map((label) => Number(label.split('-')[2])).sort((a, b) => a - b);
    expect(first!.seatLabels!.every((label) => label.startsWith('A-1-'))).toBe(true);
    expect(numbers[3]! - numbers[0]!).toBe(3);
    expect(second).toMatchObject({ status: 'rejected', reason: 'not_together_available' });
    expect(third!.status).toBe('held');
    expect(third!.seatLabels).toHaveLength(4);
    expect(new Set([...first!.seatLabels!, ...third!.seatLabels!]).size).toBe(8);
  });

  it('returns the seats of cancelled and expired holds, through a rebuilt state when another writer changed them', async () => {
    const event = await givenSeatedEvent();
    const cache = new SeatStateCache();
    const [cancelled, expired] = await givenSeatRequests(event, [{ seats: ['A-2-1', 'A-2-2'] }, { seats: ['A-2-3'] }]);
    await decideAll(event, cache);
    await cancelReservation(database, { eventId: event.id, reservationId: cancelled! }, writer);
    await pg`UPDATE reservations SET expires_at = now() - interval '1 second' WHERE id = ${expired!}`;
    await expireDueHolds(database, event.id, 100, writer);
    expect(await liveSeatLabels(event.id)).toEqual([]);
    // The cache still holds the three seats as taken, at a version the release moved past.
    const [again] = await givenSeatRequests(event, [{ seats: ['A-2-1', 'A-2-2', 'A-2-3'] }]);
    await decideAll(event, cache);
    expect(await findReservation(database, again!)).toMatchObject({ status: 'held', seatLabels: ['A-2-1', 'A-2-2', 'A-2-3'] });
    const map = await readSeatMap(database, event.id);
    expect(map!.sections[0]!.rows[1]).toEqual({ label: '2', numbers: [[1, 3], [5, 7]], states: '3h3f', accessible: [[1, 3], [5, 7]] });
  });

  it('keeps the seat state between batches while the version proves it current', async () => {
    const event = await givenSeatedEvent();
    const cache = new SeatStateCache();
    const [first] = await givenSeatRequests(event, [{ seats: ['A-1-6'] }]);
    await decideAll(event, cache);
    // Only this writer changed the seats: the next batch is decided from the kept state.
    await pg`DELETE FROM seat_assignments WHERE reservation_id = ${first!}`; // behind the version's back
    const [second] = await givenSeatRequests(event, [{ seats: ['A-1-6'] }]);
    await decideAll(event, cache);
    expect(await findReservation(database, second!)).toMatchObject({ status: 'rejected', reason: 'seats_taken', takenSeats: ['A-1-6'] });
  });
});
