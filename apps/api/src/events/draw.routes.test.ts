/** The pre-queue and its fair draw over HTTP, against the real API and a real partition worker. */
import { createHash, randomUUID } from 'node:crypto';
import { drawEntryOf, drawRankOf } from '@onsale/domain';
import type { DrawEntryView, DrawView, EventView, ReservationView } from '@onsale/shared';
import { apiWithWorkerForThisFile } from '../../../../test/support/api-app';
import { eventBody } from '../../../../test/support/event-requests';
import { expectProblem, expectValidationProblem } from '../../../../test/support/problem';
import { readSse } from '../../../../test/support/sse';
import { waitUntil } from '../../../../test/support/test-environment';
import { adminToken, newCustomer } from '../../../../test/support/tokens';

const { call, app } = apiWithWorkerForThisFile();

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

async function createPreQueueEvent(preQueueOpensAt: string, salesStartAt: string): Promise<EventView> {
  const reply = await call<EventView>('POST', '/v1/events', { token: adminToken(), json: { ...eventBody(), preQueueOpensAt, salesStartAt } });
  expect(reply.status).toBe(201);
  return reply.body;
}

const reserve = (token: string, eventId: string, quantity = 1) =>
  call<ReservationView>('POST', `/v1/events/${eventId}/reservations`, { token, json: { items: [{ ticketType: 'GA', quantity }] } });

async function waitForReservation(token: string, id: string, until: (reservation: ReservationView) => boolean): Promise<ReservationView> {
  let latest: ReservationView | undefined;
  await waitUntil(async () => {
    latest = (await call<ReservationView>('GET', `/v1/reservations/${id}`, { token })).body;
    return until(latest);
  }, 20_000);
  return latest!;
}

describe('creating an event with a pre-queue', () => {
  it.each([
    ['without salesStartAt', { preQueueOpensAt: inMs(60_000) }],
    ['opening at salesStartAt', { preQueueOpensAt: '2031-01-01T10:00:00Z', salesStartAt: '2031-01-01T10:00:00Z' }],
    ['opening after salesStartAt', { preQueueOpensAt: '2031-01-01T10:00:01Z', salesStartAt: '2031-01-01T10:00:00Z' }],
    ['with a date that is not one', { preQueueOpensAt: 'tomorrow', salesStartAt: '2031-01-01T10:00:00Z' }],
  ])('answers 400 %s', async (_case, window) => {
    const reply = await call('POST', '/v1/events', { token: adminToken(), json: { ...eventBody(), ...window } });
    expectValidationProblem(reply, ['body.preQueueOpensAt']);
  });

  it('shows it on the event, refuses to move its salesStartAt (409), and publishes the commitment at once', async () => {
    const event = await createPreQueueEvent(inMs(60_000), inMs(120_000));
    expect(event.preQueueOpensAt).toEqual(expect.any(String));
    const patch = await call('PATCH', `/v1/events/${event.id}`, { token: adminToken(), json: { salesStartAt: inMs(300_000) } });
    expectProblem(patch, 409);
    const draw = await call<DrawView>('GET', `/v1/events/${event.id}/draw`);
    expect(draw.status).toBe(200);
    expect(draw.body).toEqual({
      eventId: event.id,
      status: 'scheduled',
      preQueueOpensAt: event.preQueueOpensAt,
      drawAt: event.salesStartAt,
      commitment: expect.stringMatching(/^[0-9a-f]{64}$/),
      method: expect.stringContaining('HMAC-SHA256'),
      entries: 0,
      drawnAt: null,
      seed: null,
    });
  });
});

describe('GET /v1/events/:eventId/draw', () => {
  it('answers 400 for an id that is not a UUID, 404 for an unknown event or one without a pre-queue', async () => {
    expectValidationProblem(await call('GET', '/v1/events/not-a-uuid/draw'), ['path.eventId']);
    expectProblem(await call('GET', `/v1/events/${randomUUID()}/draw`), 404);
    const plain = await call<EventView>('POST', '/v1/events', { token: adminToken(), json: eventBody() });
    expectProblem(await call('GET', `/v1/events/${plain.body.id}/draw`), 404);
    expectProblem(await call('GET', `/v1/events/${plain.body.id}/draw/entries`), 404);
  });
});

describe('the pre-queue window', () => {
  it('rejects a request made before the pre-queue opens, as before salesStartAt', async () => {
    const event = await createPreQueueEvent(inMs(60_000), inMs(120_000));
    const customer = newCustomer();
    const reply = await reserve(customer.token, event.id);
    expect(reply.status).toBe(202);
    expect(reply.body.queue?.position).not.toBeNull();
    const decided = await waitForReservation(customer.token, reply.body.id, (reservation) => reservation.status !== 'queued');
    expect(decided).toMatchObject({ status: 'rejected', reason: 'sales_closed' });
  });

  it('takes one entry per customer without a position, draws at salesStartAt, reveals the seed, and then decides in draw order', async () => {
    const event = await createPreQueueEvent(inMs(-60_000), inMs(3_000));
    const customers = Array.from({ length: 8 }, () => newCustomer());
    const entries: ReservationView[] = [];
    for (const customer of customers) {
      const reply = await reserve(customer.token, event.id);
      expect(reply.status).toBe(202);
      expect(reply.body).toMatchObject({ status: 'queued', queue: { position: null, drawAt: event.salesStartAt } });
      entries.push(reply.body);
    }
    // A second request of a customer in the pre-queue is refused; the first stays.
    expectProblem(await reserve(customers[0]!.token, event.id, 2), 409);
    const polled = await call<ReservationView>('GET', `/v1/reservations/${entries[0]!.id}`, { token: customers[0]!.token });
    expect(polled.body.queue).toEqual({ position: null, drawAt: event.salesStartAt });
    expect(Number(polled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // A stream opened before the draw: waiting for it, then the place the draw gave, then the decision.
    const streamed = await fetch(`${app().baseUrl}/v1/reservations/${entries[1]!.id}/events`, { headers: { Authorization: `Bearer ${customers[1]!.token}` } });
    const stream = readSse(streamed);
    const streamStates = (async () => {
      const states: ReservationView[] = [];
      while (states.at(-1)?.status !== 'held') states.push(JSON.parse((await stream.next())!.data) as ReservationView);
      await stream.close();
      return states;
    })();

    const open = (await call<DrawView>('GET', `/v1/events/${event.id}/draw`)).body;
    expect(open).toMatchObject({ status: 'open', entries: 8, seed: null, drawnAt: null });
    expectProblem(await call('GET', `/v1/events/${event.id}/draw/entries`), 404);

    // The worker's sweep runs the draw once salesStartAt has come.
    let drawn: DrawView | undefined;
    await waitUntil(async () => {
      drawn = (await call<DrawView>('GET', `/v1/events/${event.id}/draw`)).body;
      return drawn.status === 'drawn';
    }, 20_000);
    expect(drawn).toMatchObject({ entries: 8, commitment: open.commitment, drawnAt: expect.any(String) });
    expect(createHash('sha256').update(Buffer.from(drawn!.seed!, 'hex')).digest('hex')).toBe(open.commitment);

    // The published entries recompute from the seed, and each customer finds theirs.
    const firstPage = await call<{ items: DrawEntryView[]; nextCursor: string | null }>('GET', `/v1/events/${event.id}/draw/entries?limit=5`);
    const secondPage = await call<{ items: DrawEntryView[]; nextCursor: string | null }>('GET', `/v1/events/${event.id}/draw/entries?limit=5&cursor=${firstPage.body.nextCursor}`);
    const published = [...firstPage.body.items, ...secondPage.body.items];
    expect(published.map((item) => item.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(secondPage.body.nextCursor).toBeNull();
    for (const { entry, rank } of published) expect(drawRankOf(drawn!.seed!, entry)).toBe(rank);
    expect(published.map((item) => item.rank)).toEqual(published.map((item) => item.rank).sort());
    expectValidationProblem(await call('GET', `/v1/events/${event.id}/draw/entries?cursor=abc`), ['query.cursor']);

    // Decided after the draw, in draw order: holds' decision times follow the positions.
    const decided = await Promise.all(
      entries.map((entry, index) => waitForReservation(customers[index]!.token, entry.id, (reservation) => reservation.status !== 'queued')),
    );
    expect(decided.every((reservation) => reservation.status === 'held')).toBe(true);
    const positionOf = new Map(published.map((item) => [item.entry, item.position]));
    const byPosition = [...decided].sort((a, b) => positionOf.get(drawEntryOf(a.id))! - positionOf.get(drawEntryOf(b.id))!);
    const decidedAt = byPosition.map((reservation) => Date.parse(reservation.decidedAt!));
    expect(decidedAt).toEqual([...decidedAt].sort((a, b) => a - b));
    const states = await streamStates;
    expect(states[0]).toMatchObject({ status: 'queued', queue: { position: null, drawAt: event.salesStartAt } });
    // Between the two, any state streamed shows the place the draw gave (a decision within a second of the draw leaves none).
    expect(states.slice(1, -1).every((state) => state.status === 'queued' && typeof state.queue?.position === 'number')).toBe(true);

    // After the draw, requests queue behind it as usual, one customer several times.
    const late = await reserve(customers[0]!.token, event.id);
    expect(late.status).toBe(202);
    expect(late.body.queue?.position ?? 1).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
