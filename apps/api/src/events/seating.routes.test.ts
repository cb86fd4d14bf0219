/**
 * Assigned seating over HTTP, end to end: the real API and two partition workers in-process on
 * this file's own database and Redis key prefix.
 */
import type { EventView, ReservationView, SeatMapSpec, SeatMapView } from '@onsale/shared';
import { createLogger, loadWorkerConfig } from '@onsale/shared';
import { startWorker } from '@onsale/worker/worker';
import postgres from 'postgres';
import { apiWithWorkerForThisFile } from '../../../../test/support/api-app';
import { eventBody } from '../../../../test/support/event-requests';
import { expectProblem, expectValidationProblem } from '../../../../test/support/problem';
import { waitUntil } from '../../../../test/support/test-environment';
import { adminToken, newCustomer } from '../../../../test/support/tokens';

// Rushes of hundreds of requests: generous timeouts for loaded shared machines (no speed is asserted).
const { call, app } = apiWithWorkerForThisFile();
let secondWorker: Awaited<ReturnType<typeof startWorker>>;
let sql: postgres.Sql;

beforeAll(async () => {
  sql = postgres(app().env.databaseUrl, { max: 2, onnotice: () => {} });
  secondWorker = await startWorker(
    loadWorkerConfig({ ...app().env.env, LOG_LEVEL: 'silent', WORKER_ID: 'second-worker', SWEEP_INTERVAL_MS: '200' }),
    createLogger({ name: 'test', level: 'silent' }),
  );
});

afterAll(async () => {
  await secondWorker?.close();
  await sql?.end({ timeout: 5 });
});

/** `rows` rows of `seats` seats in each of `sections` sections, all sold as SEAT. */
const gridMap = (sections: number, rows: number, seats: number): SeatMapSpec => ({
  sections: Array.from({ length: sections }, (_, index) => ({
    code: String.fromCharCode(65 + index),
    ticketType: 'SEAT',
    rows: [{ labels: { from: 1, to: rows }, seats: [{ from: 1, to: seats }] }],
  })),
});

async function createSeatedEvent(seatMap: SeatMapSpec, seatCount: number, overrides: Record<string, unknown> = {}): Promise<EventView> {
  const reply = await call<EventView>('POST', '/v1/events', {
    token: adminToken(),
    json: {
      ...eventBody(),
      ticketTypes: [
        { code: 'GA', name: 'Standing', priceCents: 5_000, capacity: 50 },
        { code: 'SEAT', name: 'Seated', priceCents: 9_000, capacity: seatCount },
      ],
      seatMap,
      ...overrides,
    },
  });
  expect(reply.status).toBe(201);
  return reply.body;
}

/**
 * A customer's request, as a client sends it: with an Idempotency-Key, sent again after a 503
 * (the API's answer when PostgreSQL is slower than DB_WAIT_MS, as on a loaded shared machine).
 */
async function reserve(token: string, eventId: string, json: unknown) {
  const headers = { 'Idempotency-Key': `seat-${Math.random().toString(36).slice(2)}` };
  for (let attempt = 1; ; attempt++) {
    const reply = await call<ReservationView>('POST', `/v1/events/${eventId}/reservations`, { token, json, headers });
    if (reply.status !== 503 || attempt === 20) return reply;
    await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
  }
}

async function settled(token: string, id: string): Promise<ReservationView> {
  let latest: ReservationView | undefined;
  await waitUntil(async () => {
    latest = (await call<ReservationView>('GET', `/v1/reservations/${id}`, { token })).body;
    return latest.status !== 'queued';
  }, 60_000);
  return latest!;
}

async function waitUntilAllDecided(eventId: string): Promise<void> {
  await waitUntil(async () => {
    const [row] = await sql<{ queued: number }[]>`SELECT count(*)::int AS queued FROM reservations WHERE event_id = ${eventId} AND status = 'queued'`;
    return row!.queued === 0;
  }, 120_000);
}

const seatsOf = (eventId: string) => call<SeatMapView>('GET', `/v1/events/${eventId}/seats`);

describe('creating seat maps', () => {
  it('answers duplicate labels, unknown ticket types and a capacity that is not the seat count with field errors', async () => {
    const reply = await call('POST', '/v1/events', {
      token: adminToken(),
      json: {
        ...eventBody(),
        ticketTypes: [{ code: 'SEAT', name: 'Seated', priceCents: 9_000, capacity: 5 }],
        seatMap: {
          sections: [
            { code: 'A', ticketType: 'SEAT', rows: [{ label: '1', seats: [{ from: 1, to: 4 }, { from: 4, to: 6 }] }] },
            { code: 'A', ticketType: 'BOX', rows: [{ label: '1', seats: [{ from: 1, to: 2 }] }] },
          ],
        },
      },
    });
    expectValidationProblem(reply, [
      'body.seatMap.sections.0.rows.0.seats.1',
      'body.seatMap.sections.1.code',
      'body.seatMap.sections.1.ticketType',
      'body.ticketTypes.0.capacity',
    ]);
  });

  it('sells general admission and seats in one event, and replaces the map only before sales start', async () => {
    const event = await createSeatedEvent(gridMap(1, 2, 5), 10, { salesStartAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(event.ticketTypes.map((type) => [type.code, type.seated])).toEqual([
      ['GA', false],
      ['SEAT', true],
    ]);
    const replaced = await call<EventView>('PUT', `/v1/events/${event.id}/seat-map`, { token: adminToken(), json: { seatMap: gridMap(2, 2, 5) } });
    expect(replaced.status).toBe(200);
    expect(replaced.body.ticketTypes[1]).toMatchObject({ code: 'SEAT', capacity: 20 });
    const duplicate = await call('PUT', `/v1/events/${event.id}/seat-map`, {
      token: adminToken(),
      json: { seatMap: { sections: [{ code: 'A', ticketType: 'SEAT', rows: [{ label: '1', seats: [{ from: 1, to: 2 }] }, { label: '1', seats: [{ from: 1, to: 2 }] }] }] } },
    });
    expectValidationProblem(duplicate, ['body.seatMap.sections.0.rows.1']);

    const onSale = await createSeatedEvent(gridMap(1, 1, 4), 4);
    const refused = await call('PUT', `/v1/events/${onSale.id}/seat-map`, { token: adminToken(), json: { seatMap: gridMap(1, 1, 8) } });
    expectProblem(refused, 409);
  });
});

describe('serving the seat map', () => {
  it('serves a replaced map at once, never the one it replaced', async () => {
    const event = await createSeatedEvent(gridMap(1, 1, 4), 4, { salesStartAt: new Date(Date.now() + 86_400_000).toISOString() });
    const before = await seatsOf(event.id);
    expect(before.body.sections.map((section) => section.code)).toEqual(['A']);
    const replaced = await call('PUT', `/v1/events/${event.id}/seat-map`, { token: adminToken(), json: { seatMap: gridMap(2, 1, 3) } });
    expect(replaced.status).toBe(200);
    const after = await call<SeatMapView>('GET', `/v1/events/${event.id}/seats`, { headers: { 'If-None-Match': before.headers.get('etag')! } });
    expect(after.status).toBe(200);
    expect(after.body.sections.map((section) => section.code)).toEqual(['A', 'B']);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
  });

  it('answers in br or gzip as the client accepts, the same map and ETag as uncompressed, and 304 whatever the coding', async () => {
    const event = await createSeatedEvent(gridMap(2, 20, 10), 400);
    const plain = await call<SeatMapView>('GET', `/v1/events/${event.id}/seats`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Number(plain.headers.get('content-length'))).toBeGreaterThan(1_024);
    for (const coding of ['br', 'gzip']) {
      const reply = await call<SeatMapView>('GET', `/v1/events/${event.id}/seats`, { headers: { 'Accept-Encoding': coding } });
      expect(reply.headers.get('content-encoding')).toBe(coding);
      expect(reply.headers.get('vary')).toMatch(/Accept-Encoding/);
      expect(reply.headers.get('etag')).toBe(plain.headers.get('etag'));
      expect(reply.body).toEqual(plain.body);
      const unchanged = await call('GET', `/v1/events/${event.id}/seats`, { headers: { 'Accept-Encoding': coding, 'If-None-Match': plain.headers.get('etag')! } });
      expect(unchanged.status).toBe(304);
    }
  });
});

describe('exact seats', () => {
  it('gives each of the same four seats to exactly one of 300 racing customers; the others learn which were taken', async () => {
    const event = await createSeatedEvent(gridMap(1, 5, 10), 50);
    const wanted = ['A-3-4', 'A-3-5', 'A-3-6', 'A-3-7'];
    const customers = Array.from({ length: 300 }, () => newCustomer());
    const replies = await Promise.all(
      customers.map((customer, index) => reserve(customer.token, event.id, { seats: index % 2 === 0 ? wanted : [wanted[Math.floor(index / 2) % 4]] })),
    );
    expect(replies.every((reply) => reply.status === 202)).toBe(true);
    await waitUntilAllDecided(event.id);
    const decided = await Promise.all(replies.map((reply, index) => settled(customers[index]!.token, reply.body.id)));
    const held = decided.filter((reservation) => reservation.status === 'held');
    const heldLabels = held.flatMap((reservation) => reservation.seats!.map((seat) => seat.label));
    expect(heldLabels.sort()).toEqual([...wanted].sort());
    for (const rejected of decided.filter((reservation) => reservation.status === 'rejected')) {
      expect(rejected.reason).toBe('seats_taken');
      expect(rejected.takenSeats!.length).toBeGreaterThan(0);
      expect(rejected.takenSeats!.every((label) => wanted.includes(label))).toBe(true);
    }
    expect(held[0]!.seats![0]).toEqual(expect.objectContaining({ section: 'A', row: '3', number: expect.any(Number) }));
    const [counters] = await sql<{ held: number }[]>`SELECT held FROM ticket_types WHERE event_id = ${event.id} AND code = 'SEAT'`;
    expect(counters!.held).toBe(4);
  }, 180_000);

  it('answers seats the event does not have with a 422 naming them', async () => {
    const event = await createSeatedEvent(gridMap(1, 1, 4), 4);
    const reply = await reserve(newCustomer().token, event.id, { seats: ['A-1-1', 'Z-9-9'] });
    expect(expectProblem(reply, 422).errors).toEqual([expect.objectContaining({ path: 'body.seats.1' })]);
  });
});

describe('best available', () => {
  it('sells a 2,400-seat map out exactly in a rush of 1,500 requests of 1–3 seats: no seat twice, counters equal assignments', async () => {
    const event = await createSeatedEvent(gridMap(4, 20, 30), 2_400);
    const customers = Array.from({ length: 1_500 }, () => newCustomer());
    const replies: { token: string; id: string; quantity: number }[] = [];
    for (let start = 0; start < customers.length; start += 250) {
      const wave = customers.slice(start, start + 250).map(async (customer, offset) => {
        const quantity = ((start + offset) % 3) + 1;
        const reply = await reserve(customer.token, event.id, { items: [{ ticketType: 'SEAT', quantity, together: true }], allowSplit: true });
        expect(reply.status).toBe(202);
        return { token: customer.token, id: reply.body.id, quantity };
      });
      replies.push(...(await Promise.all(wave)));
    }
    await waitUntilAllDecided(event.id);
    const [counters] = await sql<{ capacity: number; held: number }[]>`
      SELECT capacity, held FROM ticket_types WHERE event_id = ${event.id} AND code = 'SEAT'`;
    const [assignments] = await sql<{ live: number; distinct: number }[]>`
      SELECT count(*)::int AS live, count(DISTINCT seat_id)::int AS distinct
      FROM seat_assignments a JOIN seats s ON s.id = a.seat_id WHERE s.event_id = ${event.id} AND a.released_at IS NULL`;
    expect(counters).toEqual({ capacity: 2_400, held: 2_400 });
    expect(assignments).toEqual({ live: 2_400, distinct: 2_400 });
    const [mismatched] = await sql<{ count: number }[]>`
      SELECT count(*)::int FROM reservations r JOIN reservation_items i ON i.reservation_id = r.id
      WHERE r.event_id = ${event.id} AND r.status = 'held'
        AND i.quantity <> (SELECT count(*) FROM seat_assignments a WHERE a.reservation_id = r.id AND a.released_at IS NULL)`;
    expect(mismatched!.count).toBe(0);
    const [rejections] = await sql<{ reasons: string[] }[]>`
      SELECT coalesce(array_agg(DISTINCT reason::text), '{}') AS reasons FROM reservations WHERE event_id = ${event.id} AND status = 'rejected'`;
    expect(rejections!.reasons).toEqual(['sold_out']);
    const map = await seatsOf(event.id);
    expect(map.body.sections.every((section) => section.rows.every((row) => row.states === '30h'))).toBe(true);
  }, 300_000);
});

describe('lifecycle and the seat map', () => {
  it('returns the seats of a cancelled hold and of an expired one, and answers an unchanged map with 304', async () => {
    const event = await createSeatedEvent(gridMap(1, 1, 6), 6);
    const first = await seatsOf(event.id);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(first.body.sections[0]!.rows[0]).toEqual({ label: '1', numbers: [[1, 6]], states: '6f' });
    const unchanged = await call('GET', `/v1/events/${event.id}/seats`, { headers: { 'If-None-Match': etag } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('etag')).toBe(etag);

    const canceller = newCustomer();
    const cancelled = await reserve(canceller.token, event.id, { seats: ['A-1-1', 'A-1-2'] });
    const expirer = newCustomer();
    const expiring = await reserve(expirer.token, event.id, { seats: ['A-1-5'] });
    expect((await settled(canceller.token, cancelled.body.id)).status).toBe('held');
    expect((await settled(expirer.token, expiring.body.id)).status).toBe('held');
    let changed = await call<SeatMapView>('GET', `/v1/events/${event.id}/seats`, { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changed.body.sections[0]!.rows[0]!.states).toBe('2h2f1h1f');

    const cancel = await call<ReservationView>('POST', `/v1/reservations/${cancelled.body.id}/cancel`, { token: canceller.token });
    expect(cancel.body.status).toBe('cancelled');
    await sql`UPDATE reservations SET expires_at = now() - interval '1 second' WHERE id = ${expiring.body.id}`;
    await waitUntil(async () => (await settled(expirer.token, expiring.body.id)).status === 'expired', 30_000);
    changed = await seatsOf(event.id);
    expect(changed.body.sections[0]!.rows[0]!.states).toBe('6f');

    const buyer = newCustomer();
    const again = await reserve(buyer.token, event.id, { seats: ['A-1-1', 'A-1-2', 'A-1-5'] });
    const held = await settled(buyer.token, again.body.id);
    expect(held.status).toBe('held');
    const confirmed = await call<ReservationView>('POST', `/v1/reservations/${again.body.id}/confirm`, { token: buyer.token });
    expect(confirmed.body.status).toBe('confirmed');
    expect((await seatsOf(event.id)).body.sections[0]!.rows[0]!.states).toBe('2s2f1s1f');
  }, 120_000);
});
