/**
 * The reservation routes over HTTP, end to end: the real API and a real partition worker run
 * in-process on this file's own database and Redis key prefix.
 */
import { randomUUID } from 'node:crypto';
import type { EventView, ReservationView } from '@onsale/shared';
import postgres from 'postgres';
import { Pool } from 'undici';
import { reservationChannel } from '@onsale/queue';
import { apiWithWorkerForThisFile } from '../../../../test/support/api-app';
import { eventRequests } from '../../../../test/support/event-requests';
import { expectProblem, expectValidationProblem } from '../../../../test/support/problem';
import { readSse, type SseMessage } from '../../../../test/support/sse';
import { waitUntil } from '../../../../test/support/test-environment';
import { adminToken, newCustomer } from '../../../../test/support/tokens';

const { call, app } = apiWithWorkerForThisFile();
/** Direct SQL on the test database, for what no endpoint does (forcing a hold past its expiry, locks). */
let sql: postgres.Sql;

beforeAll(() => {
  sql = postgres(app().env.databaseUrl, { max: 2, onnotice: () => {} });
});

afterAll(async () => {
  await sql?.end({ timeout: 5 });
});
const { createEvent, getEvent, stockOf } = eventRequests(call);

// ---------------------------------------------------------------------------------------------
// Reservations over HTTP
// ---------------------------------------------------------------------------------------------

type Items = { ticketType: string; quantity: number }[];

function reserve(token: string, eventId: string, items: Items, headers: Record<string, string> = {}) {
  return call<ReservationView>('POST', `/v1/events/${eventId}/reservations`, { token, json: { items }, headers });
}

/** Requests tickets and expects the request to be accepted (202). */
async function reserveAccepted(token: string, eventId: string, items: Items): Promise<ReservationView> {
  const reply = await reserve(token, eventId, items);
  expect(reply.status).toBe(202);
  return reply.body;
}

const getReservation = (token: string, id: string) => call<ReservationView>('GET', `/v1/reservations/${id}`, { token });

/** Polls GET /v1/reservations/:id until `until` holds, and returns that state. */
async function waitForReservation(
  token: string,
  id: string,
  until: (reservation: ReservationView) => boolean,
): Promise<ReservationView> {
  let latest: ReservationView | undefined;
  await waitUntil(async () => {
    const reply = await getReservation(token, id);
    expect(reply.status).toBe(200);
    latest = reply.body;
    return until(latest);
  });
  return latest!;
}

const isDecided = (reservation: ReservationView) => reservation.status !== 'queued';

/** Requests tickets and waits for the worker's decision. */
async function reserveAndDecide(token: string, eventId: string, items: Items): Promise<ReservationView> {
  const accepted = await reserveAccepted(token, eventId, items);
  return waitForReservation(token, accepted.id, isDecided);
}

/** Requests tickets and expects them held. */
async function holdTickets(token: string, eventId: string, items: Items): Promise<ReservationView> {
  const decided = await reserveAndDecide(token, eventId, items);
  expect(decided).toMatchObject({ status: 'held' });
  return decided;
}

const confirm = (token: string, id: string) => call<ReservationView>('POST', `/v1/reservations/${id}/confirm`, { token });
const cancel = (token: string, id: string) => call<ReservationView>('POST', `/v1/reservations/${id}/cancel`, { token });

/** The SSE stream of `path` (GET), read message by message. */
async function openStream(path: string, token: string) {
  const res = await fetch(`${app().baseUrl}${path}`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
  });
  return { res, ...readSse(res) };
}

/** The reservation an SSE message carries, checked against its id (= version). */
function reservationOf(message: SseMessage | undefined): ReservationView {
  expect(message).toMatchObject({ event: 'reservation', id: expect.stringMatching(/^\d+$/) });
  const reservation = JSON.parse(message!.data) as ReservationView;
  expect(String(reservation.version)).toBe(message!.id);
  return reservation;
}

// =============================================================================================
// Tests
// =============================================================================================

describe('requesting tickets: POST /v1/events/:eventId/reservations', () => {
  let event: EventView;

  beforeAll(async () => {
    event = await createEvent();
  });

  it('accepts the request with 202, the queued reservation and its Location, then holds the tickets', async () => {
    const customer = newCustomer();
    const reply = await reserve(customer.token, event.id, [
      { ticketType: 'GA', quantity: 2 },
      { ticketType: 'VIP', quantity: 1 },
    ]);

    expect(reply.status).toBe(202);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.headers.get('location')).toBe(`/v1/reservations/${reply.body.id}`);
    expect(reply.headers.get('idempotent-replayed')).toBeNull();
    const { queue, ...recorded } = reply.body;
    expect(recorded).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      eventId: event.id,
      customerId: customer.sub,
      status: 'queued',
      items: [
        { ticketType: 'GA', quantity: 2 },
        { ticketType: 'VIP', quantity: 1 },
      ],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      version: 1,
    });
    // Where it waits (exact figures in reservation-polls.test.ts), unless the worker running here
    // decided it before its 202 was written: then no place is told.
    if (queue?.position) expect(queue.position).toBe(queue.requestsAhead + 1);

    const held = await waitForReservation(customer.token, reply.body.id, isDecided);
    expect(held).toEqual({
      ...recorded,
      status: 'held',
      expiresAt: expect.any(String),
      decidedAt: expect.any(String),
      updatedAt: expect.any(String),
      version: 2,
    });
    const ttlMs = Date.parse(held.expiresAt!) - Date.parse(held.decidedAt!);
    expect(ttlMs).toBeGreaterThan((event.holdTtlSeconds - 5) * 1000);
    expect(ttlMs).toBeLessThanOrEqual(event.holdTtlSeconds * 1000 + 1000);

    const after = await getEvent(event.id);
    expect(after.ticketTypes.map(({ code, available, held: onHold, sold }) => ({ code, available, held: onHold, sold }))).toEqual([
      { code: 'GA', available: 98, held: 2, sold: 0 },
      { code: 'VIP', available: 9, held: 1, sold: 0 },
    ]);
  });

  describe('rejects bad input without recording anything', () => {
    const customer = newCustomer();
    const path = () => `/v1/events/${event.id}/reservations`;

    afterAll(async () => {
      const mine = await call('GET', '/v1/customers/me/reservations', { token: customer.token });
      expect(mine.body).toEqual({ items: [], nextCursor: null });
    });

    it('answers 400 for malformed JSON', async () => {
      const reply = await call('POST', path(), {
        token: customer.token,
        rawBody: '{"items": [',
        headers: { 'Content-Type': 'application/json' },
      });
      expect(expectProblem(reply, 400).detail).toMatch(/JSON/);
    });

    // The JSON parser is strict: only an object or array gets as far as validation.
    it.each(['"GA"', 'null', '42'])('answers 400 for the JSON body %s', async (rawBody) => {
      const reply = await call('POST', path(), { token: customer.token, rawBody, headers: { 'Content-Type': 'application/json' } });
      expectProblem(reply, 400);
    });

    it.each<[string, unknown, string[]]>([
      ['an array body', [], ['body']],
      ['no items', {}, ['body.items']],
      ['empty items', { items: [] }, ['body.items']],
      ['items that are not an array', { items: 'GA' }, ['body.items']],
      ['a quantity of 0', { items: [{ ticketType: 'GA', quantity: 0 }] }, ['body.items.0.quantity']],
      ['a negative quantity', { items: [{ ticketType: 'GA', quantity: -1 }] }, ['body.items.0.quantity']],
      ['a fractional quantity', { items: [{ ticketType: 'GA', quantity: 1.5 }] }, ['body.items.0.quantity']],
      ['a quantity as a string', { items: [{ ticketType: 'GA', quantity: '2' }] }, ['body.items.0.quantity']],
      ['a huge quantity', { items: [{ ticketType: 'GA', quantity: 1e12 }] }, ['body.items.0.quantity']],
      ['a ticket type that is a number', { items: [{ ticketType: 7, quantity: 1 }] }, ['body.items.0.ticketType']],
      ['a malformed ticket type code', { items: [{ ticketType: 'G A', quantity: 1 }] }, ['body.items.0.ticketType']],
      ['a ticket type listed twice', { items: [{ ticketType: 'GA', quantity: 1 }, { ticketType: 'GA', quantity: 1 }] }, ['body.items.1.ticketType']],
      ['an unknown top-level field', { items: [{ ticketType: 'GA', quantity: 1 }], priceCents: 0 }, ['body']],
      ['an unknown item field', { items: [{ ticketType: 'GA', quantity: 1, seat: 'A1' }] }, ['body.items.0']],
    ])('answers 400 with field errors for %s', async (_, json, paths) => {
      expectValidationProblem(await call('POST', path(), { token: customer.token, json }), paths);
    });

    it('answers 415 for a text/plain body', async () => {
      const reply = await call('POST', path(), {
        token: customer.token,
        rawBody: JSON.stringify({ items: [{ ticketType: 'GA', quantity: 1 }] }),
        headers: { 'Content-Type': 'text/plain' },
      });
      expectProblem(reply, 415);
    });

    it('answers 415 for a request without a body', async () => {
      expectProblem(await call('POST', path(), { token: customer.token }), 415);
    });

    it('answers 422 for a ticket type code the event does not sell', async () => {
      const reply = await reserve(customer.token, event.id, [
        { ticketType: 'GA', quantity: 1 },
        { ticketType: 'BALCONY', quantity: 1 },
      ]);
      expect(expectProblem(reply, 422).errors).toEqual([{ path: 'body.items.1.ticketType', message: expect.stringContaining('BALCONY') }]);
    });

    it('answers 404 for an unknown event', async () => {
      expectProblem(await reserve(customer.token, randomUUID(), [{ ticketType: 'GA', quantity: 1 }]), 404);
    });

    it('answers 400 for an event id that is not a UUID', async () => {
      expectValidationProblem(await reserve(customer.token, 'nope', [{ ticketType: 'GA', quantity: 1 }]), ['path.eventId']);
    });

    it('answers 401 without a token', async () => {
      expectProblem(await call('POST', path(), { json: { items: [{ ticketType: 'GA', quantity: 1 }] } }), 401);
    });
  });
});

describe('Idempotency-Key', () => {
  let event: EventView;
  const items: Items = [{ ticketType: 'GA', quantity: 1 }];

  beforeAll(async () => {
    event = await createEvent();
  });

  it('replays the same request by the same customer: same reservation, Idempotent-Replayed: true', async () => {
    const customer = newCustomer();
    const key = `key-${randomUUID()}`;
    const first = await reserve(customer.token, event.id, items, { 'Idempotency-Key': key });
    expect(first.status).toBe(202);
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    const again = await reserve(customer.token, event.id, items, { 'Idempotency-Key': key });
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe(`/v1/reservations/${first.body.id}`);
    expect(again.body.id).toBe(first.body.id);

    // Once decided, a replay shows the decision, and still creates nothing.
    const held = await waitForReservation(customer.token, first.body.id, isDecided);
    const later = await reserve(customer.token, event.id, items, { 'Idempotency-Key': key });
    expect(later.status).toBe(202);
    expect(later.headers.get('idempotent-replayed')).toBe('true');
    expect(later.body).toEqual(held);
    const mine = await call('GET', '/v1/customers/me/reservations', { token: customer.token });
    expect(mine.body.items.map((reservation: ReservationView) => reservation.id)).toEqual([first.body.id]);
  });

  it('answers 422 when the key is reused with a different body', async () => {
    const customer = newCustomer();
    const key = `key-${randomUUID()}`;
    expect((await reserve(customer.token, event.id, items, { 'Idempotency-Key': key })).status).toBe(202);
    const reply = await reserve(customer.token, event.id, [{ ticketType: 'GA', quantity: 2 }], { 'Idempotency-Key': key });
    expect(expectProblem(reply, 422).type).toBe('urn:onsale:problem:idempotency_key_reused');
  });

  it('answers 422 when the key is reused for another event', async () => {
    const customer = newCustomer();
    const other = await createEvent();
    const key = `key-${randomUUID()}`;
    expect((await reserve(customer.token, event.id, items, { 'Idempotency-Key': key })).status).toBe(202);
    expectProblem(await reserve(customer.token, other.id, items, { 'Idempotency-Key': key }), 422);
  });

  it("keeps keys per customer: another customer's same key makes a new reservation", async () => {
    const key = `key-${randomUUID()}`;
    const first = await reserve(newCustomer().token, event.id, items, { 'Idempotency-Key': key });
    const second = await reserve(newCustomer().token, event.id, items, { 'Idempotency-Key': key });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['longer than 255 characters', 'k'.repeat(256)],
  ])('answers 400 for a key that is %s', async (_, key) => {
    const customer = newCustomer();
    const reply = await reserve(customer.token, event.id, items, { 'Idempotency-Key': key });
    expectValidationProblem(reply, ['header.Idempotency-Key']);
  });
});

describe('reading a reservation: GET /v1/reservations/:id', () => {
  let event: EventView;
  let owner: { sub: string; token: string };
  let reservation: ReservationView;

  beforeAll(async () => {
    event = await createEvent();
    owner = newCustomer();
    reservation = await reserveAndDecide(owner.token, event.id, [{ ticketType: 'GA', quantity: 1 }]);
  });

  it('shows the owner their reservation', async () => {
    const reply = await getReservation(owner.token, reservation.id);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(reservation);
  });

  it("answers 404 for another customer's reservation, exactly as for a missing one", async () => {
    const forbidden = expectProblem(await getReservation(newCustomer().token, reservation.id), 404);
    const missing = expectProblem(await getReservation(owner.token, randomUUID()), 404);
    expect(forbidden.title).toBe(missing.title);
    expect(forbidden.type).toBe(missing.type);
  });

  it('shows an admin any reservation', async () => {
    const reply = await getReservation(adminToken(), reservation.id);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(reservation);
  });

  it('answers 400 for an id that is not a UUID', async () => {
    expectValidationProblem(await getReservation(owner.token, '12345'), ['path.id']);
  });
});

describe('rejection reasons', () => {
  it('rejects more tickets than the per-customer limit with limit_exceeded', async () => {
    const event = await createEvent({ maxTicketsPerCustomer: 2 });
    const customer = newCustomer();
    const decided = await reserveAndDecide(customer.token, event.id, [{ ticketType: 'GA', quantity: 3 }]);
    expect(decided).toMatchObject({ status: 'rejected', reason: 'limit_exceeded', decidedAt: expect.any(String) });
    expect(decided).not.toHaveProperty('expiresAt');

    // The limit counts what the customer already holds.
    await holdTickets(customer.token, event.id, [{ ticketType: 'GA', quantity: 2 }]);
    const more = await reserveAndDecide(customer.token, event.id, [{ ticketType: 'VIP', quantity: 1 }]);
    expect(more).toMatchObject({ status: 'rejected', reason: 'limit_exceeded' });
    expect(await stockOf(event.id)).toEqual({ available: 98, held: 2, sold: 0 });
  });

  it('rejects once capacity is exhausted with sold_out', async () => {
    const event = await createEvent({ ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 100, capacity: 3 }] });
    await holdTickets(newCustomer().token, event.id, [{ ticketType: 'GA', quantity: 2 }]);
    const tooMany = await reserveAndDecide(newCustomer().token, event.id, [{ ticketType: 'GA', quantity: 2 }]);
    expect(tooMany).toMatchObject({ status: 'rejected', reason: 'sold_out' });
    await holdTickets(newCustomer().token, event.id, [{ ticketType: 'GA', quantity: 1 }]);
    const none = await reserveAndDecide(newCustomer().token, event.id, [{ ticketType: 'GA', quantity: 1 }]);
    expect(none).toMatchObject({ status: 'rejected', reason: 'sold_out' });
    expect(await stockOf(event.id)).toEqual({ available: 0, held: 3, sold: 0 });
  });

  it('rejects requests made after an admin paused the event with event_not_on_sale', async () => {
    const event = await createEvent();
    const customer = newCustomer();
    const paused = await call('PATCH', `/v1/events/${event.id}`, { token: adminToken(), json: { status: 'paused' } });
    expect(paused.status).toBe(200);

    const decided = await reserveAndDecide(customer.token, event.id, [{ ticketType: 'GA', quantity: 1 }]);
    expect(decided).toMatchObject({ status: 'rejected', reason: 'event_not_on_sale' });

    const resumed = await call('PATCH', `/v1/events/${event.id}`, { token: adminToken(), json: { status: 'on_sale' } });
    expect(resumed.status).toBe(200);
    await holdTickets(customer.token, event.id, [{ ticketType: 'GA', quantity: 1 }]);
  });
});

describe('confirming: POST /v1/reservations/:id/confirm', () => {
  let event: EventView;

  beforeAll(async () => {
    event = await createEvent({ holdTtlSeconds: 10 });
  });

  it('turns a hold into a sale (200), the event shows it sold, and a second confirm is a 200 no-op', async () => {
    const customer = newCustomer();
    const held = await holdTickets(customer.token, event.id, [{ ticketType: 'VIP', quantity: 2 }]);
    expect(await stockOf(event.id, 'VIP')).toEqual({ available: 8, held: 2, sold: 0 });

    const reply = await confirm(customer.token, held.id);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('location')).toBeNull();
    expect(reply.body).toEqual({ ...held, status: 'confirmed', expiresAt: undefined, updatedAt: expect.any(String), version: 3 });
    expect(reply.body).not.toHaveProperty('expiresAt');
    expect(await stockOf(event.id, 'VIP')).toEqual({ available: 8, held: 0, sold: 2 });
    expect((await getReservation(customer.token, held.id)).body).toEqual(reply.body);

    const again = await confirm(customer.token, held.id);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(reply.body);
    expect(await stockOf(event.id, 'VIP')).toEqual({ available: 8, held: 0, sold: 2 });
  });

  it("answers 404 to a customer confirming someone else's hold, and leaves it held", async () => {
    const owner = newCustomer();
    const held = await holdTickets(owner.token, event.id, [{ ticketType: 'GA', quantity: 1 }]);
    expectProblem(await confirm(newCustomer().token, held.id), 404);
    expectProblem(await confirm(owner.token, randomUUID()), 404);
    expect((await getReservation(owner.token, held.id)).body.status).toBe('held');
  });

  it('answers 409 for a cancelled reservation', async () => {
    const customer = newCustomer();
    const held = await holdTickets(customer.token, event.id, [{ ticketType: 'GA', quantity: 1 }]);
    expect((await cancel(customer.token, held.id)).status).toBe(200);
    const reply = await confirm(customer.token, held.id);
    expect(expectProblem(reply, 409).reservationStatus).toBe('cancelled');
  });

  it('answers 409 for a rejected reservation', async () => {
    const small = await createEvent({ maxTicketsPerCustomer: 1 });
    const customer = newCustomer();
    const rejected = await reserveAndDecide(customer.token, small.id, [{ ticketType: 'GA', quantity: 2 }]);
    expect(rejected.status).toBe('rejected');
    expectProblem(await confirm(customer.token, rejected.id), 409);
  });

  it('lets the sweep expire a hold past its expiry: tickets return, and confirming it is a 409', async () => {
    const customer = newCustomer();
    const before = await stockOf(event.id);
    const held = await holdTickets(customer.token, event.id, [{ ticketType: 'GA', quantity: 3 }]);
    expect(await stockOf(event.id)).toEqual({ available: before.available - 3, held: before.held + 3, sold: before.sold });

    await sql`
      UPDATE reservations SET expires_at = now() - interval '1 second' WHERE id = ${held.id}`;

    const expired = await waitForReservation(customer.token, held.id, (reservation) => reservation.status !== 'held');
    expect(expired).toMatchObject({ status: 'expired', version: 3 });
    expect(await stockOf(event.id)).toEqual(before);

    const reply = await confirm(customer.token, held.id);
    expect(expectProblem(reply, 409).reservationStatus).toBe('expired');
    expect(await stockOf(event.id)).toEqual(before);
  });
});

describe('cancelling: POST /v1/reservations/:id/cancel', () => {
  let event: EventView;

  beforeAll(async () => {
    event = await createEvent({ maxTicketsPerCustomer: 5 });
  });

  it('releases a hold (200 cancelled) and its tickets become available again', async () => {
    const customer = newCustomer();
    const held = await holdTickets(customer.token, event.id, [{ ticketType: 'GA', quantity: 4 }]);
    expect(await stockOf(event.id)).toEqual({ available: 96, held: 4, sold: 0 });

    const reply = await cancel(customer.token, held.id);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ...held, status: 'cancelled', expiresAt: undefined, updatedAt: expect.any(String), version: 3 });
    expect(reply.body).not.toHaveProperty('expiresAt');
    expect(await stockOf(event.id)).toEqual({ available: 100, held: 0, sold: 0 });
  });

  it('cancels a sale (200): sold goes down; cancelling again is a 200 no-op', async () => {
    const customer = newCustomer();
    const held = await holdTickets(customer.token, event.id, [{ ticketType: 'GA', quantity: 2 }]);
    expect((await confirm(customer.token, held.id)).status).toBe(200);
    expect(await stockOf(event.id)).toEqual({ available: 98, held: 0, sold: 2 });

    const reply = await cancel(customer.token, held.id);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: held.id, status: 'cancelled', version: 4 });
    expect(await stockOf(event.id)).toEqual({ available: 100, held: 0, sold: 0 });

    const again = await cancel(customer.token, held.id);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(reply.body);
    expect(await stockOf(event.id)).toEqual({ available: 100, held: 0, sold: 0 });
  });

  it('answers 409 for a rejected reservation: there is nothing to release', async () => {
    const customer = newCustomer();
    const rejected = await reserveAndDecide(customer.token, event.id, [{ ticketType: 'GA', quantity: 6 }]);
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'limit_exceeded' });
    const reply = await cancel(customer.token, rejected.id);
    expect(expectProblem(reply, 409).reservationStatus).toBe('rejected');
  });

  it("answers 404 to a customer cancelling someone else's reservation", async () => {
    const owner = newCustomer();
    const held = await holdTickets(owner.token, event.id, [{ ticketType: 'GA', quantity: 1 }]);
    expectProblem(await cancel(newCustomer().token, held.id), 404);
    expect((await getReservation(owner.token, held.id)).body.status).toBe('held');
  });
});

describe("the caller's reservations: GET /v1/customers/me/reservations", () => {
  it("lists only the caller's reservations, newest first, page by page", async () => {
    const event = await createEvent();
    const customer = newCustomer();
    const other = newCustomer();
    const created: string[] = [];
    for (const quantity of [1, 2, 3]) {
      created.push((await reserveAccepted(customer.token, event.id, [{ ticketType: 'GA', quantity }])).id);
      await reserveAccepted(other.token, event.id, [{ ticketType: 'VIP', quantity: 1 }]);
    }

    const first = await call<{ items: ReservationView[]; nextCursor: string | null }>(
      'GET',
      '/v1/customers/me/reservations?limit=2',
      { token: customer.token },
    );
    expect(first.status).toBe(200);
    expect(first.body.items.map((reservation) => reservation.id)).toEqual([created[2], created[1]]);
    expect(first.body.items.every((reservation) => reservation.customerId === customer.sub)).toBe(true);
    expect(first.body.items[0]!.items).toEqual([{ ticketType: 'GA', quantity: 3 }]);
    expect(first.body.nextCursor).toEqual(expect.any(String));

    const second = await call<{ items: ReservationView[]; nextCursor: string | null }>(
      'GET',
      `/v1/customers/me/reservations?limit=2&cursor=${encodeURIComponent(first.body.nextCursor!)}`,
      { token: customer.token },
    );
    expect(second.status).toBe(200);
    expect(second.body.items.map((reservation) => reservation.id)).toEqual([created[0]]);
    expect(second.body.nextCursor).toBeNull();

    const all = await call<{ items: ReservationView[] }>('GET', '/v1/customers/me/reservations', { token: customer.token });
    expect(all.body.items.map((reservation) => reservation.id)).toEqual([...created].reverse());
  });

  it('answers 400 for a bad cursor and a bad limit', async () => {
    const { token } = newCustomer();
    expectValidationProblem(await call('GET', '/v1/customers/me/reservations?cursor=nope', { token }), ['query.cursor']);
    expectValidationProblem(await call('GET', '/v1/customers/me/reservations?limit=-1', { token }), ['query.limit']);
  });
});

describe('reservation events: GET /v1/reservations/:id/events (SSE)', () => {
  let event: EventView;

  beforeAll(async () => {
    event = await createEvent();
  });

  it('sends the current state at once, then the decision, with increasing ids', async () => {
    const customer = newCustomer();
    let reservationId = '';
    let stream: Awaited<ReturnType<typeof openStream>> | undefined;
    try {
      // Hold the worker off the event (it locks its ticket types FOR NO KEY UPDATE) until the stream
      // has shown the queued state; the API's insert only needs a key-share lock.
      await sql.begin(async (tx) => {
        await tx`SELECT id FROM ticket_types WHERE event_id = ${event.id} FOR SHARE`;
        reservationId = (await reserveAccepted(customer.token, event.id, [{ ticketType: 'GA', quantity: 1 }])).id;
        stream = await openStream(`/v1/reservations/${reservationId}/events`, customer.token);
        expect(stream.res.status).toBe(200);
        expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
        expect(stream.res.headers.get('cache-control')).toBe('no-cache');

        const current = reservationOf(await stream.next());
        expect(current).toMatchObject({ id: reservationId, status: 'queued', version: 1 });
      });

      const decided = reservationOf(await stream!.next());
      expect(decided).toMatchObject({ id: reservationId, status: 'held', version: 2, expiresAt: expect.any(String) });

      // A held reservation is not settled: the stream stays open for the owner's next move.
      expect((await confirm(customer.token, reservationId)).status).toBe(200);
      const confirmed = reservationOf(await stream!.next());
      expect(confirmed).toMatchObject({ id: reservationId, status: 'confirmed', version: 3 });
      expect(await stream!.next()).toBeUndefined();
    } finally {
      await stream?.close();
    }
  });

  it('sends one event and ends for a settled (confirmed) reservation', async () => {
    const customer = newCustomer();
    const held = await holdTickets(customer.token, event.id, [{ ticketType: 'GA', quantity: 1 }]);
    expect((await confirm(customer.token, held.id)).status).toBe(200);

    const stream = await openStream(`/v1/reservations/${held.id}/events`, customer.token);
    try {
      expect(stream.res.status).toBe(200);
      expect(reservationOf(await stream.next())).toMatchObject({ id: held.id, status: 'confirmed', version: 3 });
      expect(await stream.next()).toBeUndefined();
    } finally {
      await stream.close();
    }
  });

  it('answers HEAD with the stream headers and ends', async () => {
    const customer = newCustomer();
    const held = await holdTickets(customer.token, event.id, [{ ticketType: 'GA', quantity: 1 }]);
    // One connection: the request after the HEAD gets an answer only if the HEAD's response ended.
    const connection = new Pool(app().baseUrl, { connections: 1, pipelining: 1, headersTimeout: 5_000 });
    try {
      const head = await connection.request({
        method: 'HEAD',
        path: `/v1/reservations/${held.id}/events`,
        headers: { authorization: `Bearer ${customer.token}` },
      });
      expect(head.statusCode).toBe(200);
      expect(head.headers['content-type']).toContain('text/event-stream');
      await head.body.dump();
      const next = await connection.request({ method: 'GET', path: '/healthz' });
      expect(next.statusCode).toBe(200);
      await next.body.dump();
      // Nor does the API keep following the reservation for a response that has ended.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const { env } = app();
      const [, subscribers] = (await env.redis.pubsub('NUMSUB', reservationChannel(env.keyPrefix, held.id))) as [string, number];
      expect(subscribers).toBe(0);
    } finally {
      await connection.close();
    }
  });

  it("answers 404 for another customer's reservation", async () => {
    const held = await holdTickets(newCustomer().token, event.id, [{ ticketType: 'GA', quantity: 1 }]);
    const res = await fetch(`${app().baseUrl}/v1/reservations/${held.id}/events`, {
      headers: { Authorization: `Bearer ${newCustomer().token}`, Accept: 'text/event-stream' },
    });
    const body = await res.json();
    expectProblem({ status: res.status, headers: res.headers, body }, 404);
  });
});
