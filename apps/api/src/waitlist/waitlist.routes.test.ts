import { apiWithWorkerForThisFile, startTestApi } from '../../../../test/support/api-app';
import { eventRequests } from '../../../../test/support/event-requests';
import { httpClient } from '../../../../test/support/http-client';
import { expectProblem } from '../../../../test/support/problem';
import { readSse } from '../../../../test/support/sse';
import { createTestEnvironment, waitUntil } from '../../../../test/support/test-environment';
import { adminToken, newCustomer } from '../../../../test/support/tokens';

/*
 * The waitlist over HTTP against the real API, a real partition worker, PostgreSQL and Redis: who
 * may join and when, idempotent joins, leaving and declining, and an offer reaching its customer.
 */

jest.setTimeout(60_000);

const { call, app } = apiWithWorkerForThisFile({}, { WAITLIST_OFFER_TTL_SECONDS: '120' });

const join = (eventId: string, token: string, body: unknown) => call('POST', `/v1/events/${eventId}/waitlist`, { token, json: body });

async function soldOutEvent(capacity = 1, extra: Record<string, unknown> = {}) {
  const event = await eventRequests(call).createEvent({ ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 100, capacity }], ...extra });
  const holders = [];
  for (let i = 0; i < capacity; i += 1) {
    const buyer = newCustomer();
    const reply = await call('POST', `/v1/events/${event.id}/reservations`, { token: buyer.token, json: { items: [{ ticketType: 'GA', quantity: 1 }] } });
    expect(reply.status).toBe(202);
    holders.push({ ...buyer, reservationId: reply.body.id as string });
  }
  for (const holder of holders) {
    await waitUntil(async () => (await call('GET', `/v1/reservations/${holder.reservationId}`, { token: holder.token })).body.status === 'held');
  }
  return { event, holders };
}

describe('POST /v1/events/:eventId/waitlist', () => {
  it('refuses to join while tickets are on sale and the queue will not sell out: 409 not_sold_out', async () => {
    const event = await eventRequests(call).createEvent({ ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 100, capacity: 10 }] });
    const problem = expectProblem(await join(event.id, newCustomer().token, { ticketType: 'GA', quantity: 2 }), 409);
    expect(problem).toMatchObject({ reason: 'not_sold_out', available: 10 });
  });

  it('joins a sold-out type once per customer: the same join again answers the entry, another quantity is 409', async () => {
    const { event } = await soldOutEvent(1);
    const customer = newCustomer();
    const first = await join(event.id, customer.token, { ticketType: 'GA', quantity: 2 });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'waiting', position: 1, quantity: 2, ticketType: 'GA', customerId: customer.sub, offer: null, offerTtlSeconds: 120 });
    expect(first.headers.get('location')).toBe(`/v1/events/${event.id}/waitlist/${first.body.id}`);

    const concurrent = await Promise.all(Array.from({ length: 20 }, () => join(event.id, customer.token, { ticketType: 'GA', quantity: 2 })));
    expect(concurrent.map((reply) => reply.status)).toEqual(Array(20).fill(200));
    expect(new Set(concurrent.map((reply) => reply.body.id))).toEqual(new Set([first.body.id]));
    expect(expectProblem(await join(event.id, customer.token, { ticketType: 'GA', quantity: 1 }), 409)).toMatchObject({ reason: 'already_waiting', entryId: first.body.id });

    const second = await join(event.id, newCustomer().token, { ticketType: 'GA', quantity: 1 });
    expect(second.body).toMatchObject({ status: 'waiting', position: 2 });
  });

  it('takes 200 different customers at once, each with its own place', async () => {
    const { event } = await soldOutEvent(1);
    const replies = await Promise.all(Array.from({ length: 200 }, () => join(event.id, newCustomer().token, { ticketType: 'GA', quantity: 1 })));
    expect(replies.map((reply) => reply.status)).toEqual(Array(200).fill(201));
    expect(new Set(replies.map((reply) => reply.body.position)).size).toBe(200);
    const list = await call('GET', `/v1/events/${event.id}/waitlist?limit=1000`, { token: adminToken() });
    expect(list.body.items).toHaveLength(200);
    expect(list.body.lines).toEqual([{ ticketType: 'GA', waiting: 200, waitingTickets: 200, offered: 0 }]);
  });

  it('answers bad input with 4xx: invalid body 400, unknown type 422, over the per-customer limit 422, unknown event 404, no token 401', async () => {
    const { event } = await soldOutEvent(1, { maxTicketsPerCustomer: 2 });
    const token = newCustomer().token;
    expectProblem(await join(event.id, token, { ticketType: 'GA', quantity: 0 }), 400);
    expectProblem(await join(event.id, token, { ticketType: 'GA', quantity: 1, extra: true }), 400);
    expectProblem(await join(event.id, token, { ticketType: 'GA' }), 400);
    expectProblem(await join(event.id, token, { ticketType: 'NOPE', quantity: 1 }), 422);
    expectProblem(await join(event.id, token, { ticketType: 'GA', quantity: 3 }), 422);
    expectProblem(await join('00000000-0000-4000-8000-000000000000', token, { ticketType: 'GA', quantity: 1 }), 404);
    expectProblem(await join('not-a-uuid', token, { ticketType: 'GA', quantity: 1 }), 400);
    expectProblem(await call('POST', `/v1/events/${event.id}/waitlist`, { json: { ticketType: 'GA', quantity: 1 } }), 401);
    expectProblem(await call('GET', `/v1/events/${event.id}/waitlist/not-a-uuid`, { token }), 400);
  });

  it('refuses a customer who already holds the most tickets one may have: 409 limit_reached', async () => {
    const { event, holders } = await soldOutEvent(1, { maxTicketsPerCustomer: 1 });
    expect(expectProblem(await join(event.id, holders[0]!.token, { ticketType: 'GA', quantity: 1 }), 409)).toMatchObject({ reason: 'limit_reached', tickets: 1 });
  });
});

describe('offers, polling, leaving', () => {
  it('offers a cancelled hold to the first entry: the entry shows the held reservation, which its customer confirms', async () => {
    const { event, holders } = await soldOutEvent(1);
    const alice = newCustomer();
    const bob = newCustomer();
    const a = (await join(event.id, alice.token, { ticketType: 'GA', quantity: 1 })).body;
    const b = (await join(event.id, bob.token, { ticketType: 'GA', quantity: 1 })).body;

    const cancel = await call('POST', `/v1/reservations/${holders[0]!.reservationId}/cancel`, { token: holders[0]!.token });
    expect(cancel.status).toBe(200);

    const entry = (await call('GET', `/v1/events/${event.id}/waitlist/${a.id}`, { token: alice.token })).body;
    expect(entry).toMatchObject({ status: 'offered', position: null, offer: { quantity: 1, reservationStatus: 'held' } });
    const expiresIn = Date.parse(entry.offer.expiresAt) - Date.parse(entry.offer.offeredAt);
    expect(expiresIn).toBeGreaterThan(119_000);
    expect(expiresIn).toBeLessThanOrEqual(120_000);
    expect((await call('GET', `/v1/events/${event.id}/waitlist/${b.id}`, { token: bob.token })).body).toMatchObject({ status: 'waiting', position: 1 });
    // Someone else's entry is not found.
    expectProblem(await call('GET', `/v1/events/${event.id}/waitlist/${a.id}`, { token: bob.token }), 404);

    const offer = await call('GET', `/v1/reservations/${entry.offer.reservationId}`, { token: alice.token });
    expect(offer.body).toMatchObject({ status: 'held', customerId: alice.sub });
    const confirmed = await call('POST', `/v1/reservations/${entry.offer.reservationId}/confirm`, { token: alice.token });
    expect(confirmed.body.status).toBe('confirmed');
    expect((await call('GET', `/v1/events/${event.id}/waitlist/${a.id}`, { token: alice.token })).body).toMatchObject({
      status: 'accepted',
      offer: { reservationStatus: 'confirmed' },
    });
    expect((await call('GET', `/v1/events/${event.id}/waitlist`, { token: alice.token })).body.items.map((item: { id: string }) => item.id)).toEqual([a.id]);
    expectProblem(await call('DELETE', `/v1/events/${event.id}/waitlist/${a.id}`, { token: alice.token }), 409);
  });

  it('leaving while waiting is final and idempotent; leaving with an offer out declines it to the next entry', async () => {
    const { event, holders } = await soldOutEvent(1);
    const [alice, bob, carol] = [newCustomer(), newCustomer(), newCustomer()];
    const a = (await join(event.id, alice.token, { ticketType: 'GA', quantity: 1 })).body;
    const b = (await join(event.id, bob.token, { ticketType: 'GA', quantity: 1 })).body;
    const c = (await join(event.id, carol.token, { ticketType: 'GA', quantity: 1 })).body;

    expectProblem(await call('DELETE', `/v1/events/${event.id}/waitlist/${b.id}`, { token: alice.token }), 404);
    const left = await call('DELETE', `/v1/events/${event.id}/waitlist/${b.id}`, { token: bob.token });
    expect(left).toMatchObject({ status: 200, body: { status: 'left', position: null } });
    expect((await call('DELETE', `/v1/events/${event.id}/waitlist/${b.id}`, { token: bob.token })).body.status).toBe('left');
    expect((await call('GET', `/v1/events/${event.id}/waitlist/${c.id}`, { token: carol.token })).body.position).toBe(2);

    await call('POST', `/v1/reservations/${holders[0]!.reservationId}/cancel`, { token: holders[0]!.token });
    const declined = await call('DELETE', `/v1/events/${event.id}/waitlist/${a.id}`, { token: alice.token });
    expect(declined).toMatchObject({ status: 200, body: { status: 'declined', offer: { reservationStatus: 'cancelled' } } });
    expect((await call('GET', `/v1/events/${event.id}/waitlist/${c.id}`, { token: carol.token })).body).toMatchObject({
      status: 'offered',
      offer: { reservationStatus: 'held' },
    });
    // A rejoin after leaving goes to the back of the line.
    expect((await join(event.id, bob.token, { ticketType: 'GA', quantity: 1 })).body).toMatchObject({ status: 'waiting', position: 1 });
  });

  it('an offer that lapses moves to the next entry through the worker\'s own expiry sweep', async () => {
    const { event, holders } = await soldOutEvent(1);
    const [alice, bob] = [newCustomer(), newCustomer()];
    const a = (await join(event.id, alice.token, { ticketType: 'GA', quantity: 1 })).body;
    const b = (await join(event.id, bob.token, { ticketType: 'GA', quantity: 1 })).body;
    await call('POST', `/v1/reservations/${holders[0]!.reservationId}/cancel`, { token: holders[0]!.token });
    const offered = (await call('GET', `/v1/events/${event.id}/waitlist/${a.id}`, { token: alice.token })).body;
    await app().env.database.sql`UPDATE reservations SET expires_at = now() - interval '1 second' WHERE id = ${offered.offer.reservationId}`;
    await waitUntil(async () => (await call('GET', `/v1/events/${event.id}/waitlist/${b.id}`, { token: bob.token })).body.status === 'offered');
    expect((await call('GET', `/v1/events/${event.id}/waitlist/${a.id}`, { token: alice.token })).body).toMatchObject({
      status: 'lapsed',
      offer: { reservationStatus: 'expired' },
    });
  });
});

describe('joining on the queue outlook', () => {
  it('lets a customer join while tickets are left when the requests already queued ask for more than is left (likely_sold_out)', async () => {
    // No worker on this environment: the requests stay queued.
    const env = await createTestEnvironment();
    const api = await startTestApi(env);
    try {
      const direct = httpClient(api.baseUrl);
      const event = await eventRequests(direct).createEvent({ ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 100, capacity: 5 }] });
      const before = await direct('POST', `/v1/events/${event.id}/waitlist`, { token: newCustomer().token, json: { ticketType: 'GA', quantity: 1 } });
      expect(expectProblem(before, 409)).toMatchObject({ reason: 'not_sold_out', available: 5 });
      const queued = await Promise.all(
        Array.from({ length: 8 }, () => direct('POST', `/v1/events/${event.id}/reservations`, { token: newCustomer().token, json: { items: [{ ticketType: 'GA', quantity: 1 }] } })),
      );
      expect(queued.map((reply) => reply.status)).toEqual(Array(8).fill(202));
      const joined = await direct('POST', `/v1/events/${event.id}/waitlist`, { token: newCustomer().token, json: { ticketType: 'GA', quantity: 1 } });
      expect(joined).toMatchObject({ status: 201, body: { status: 'waiting', position: 1 } });
    } finally {
      await api.close();
      await env.dispose();
    }
  });
});

describe('the live page', () => {
  it("shows each ticket type's waitlist: entries waiting and offers out", async () => {
    const { event, holders } = await soldOutEvent(1);
    for (let i = 0; i < 3; i += 1) expect((await join(event.id, newCustomer().token, { ticketType: 'GA', quantity: 1 })).status).toBe(201);
    await call('POST', `/v1/reservations/${holders[0]!.reservationId}/cancel`, { token: holders[0]!.token });
    const res = await fetch(`${app().baseUrl}/v1/events/${event.id}/live`, { headers: { Accept: 'text/event-stream' } });
    const stream = readSse(res);
    try {
      // Re-read from PostgreSQL once a second (EVENT_STATE_REFRESH_MS): the views until then may be older.
      for (;;) {
        const message = await stream.next();
        const ga = (JSON.parse(message!.data) as { ticketTypes: { code: string; waitlist: { waiting: number; offered: number } }[] }).ticketTypes[0]!;
        if (ga.waitlist.offered === 1) {
          expect(ga.waitlist).toEqual({ waiting: 2, offered: 1 });
          break;
        }
      }
    } finally {
      await stream.close();
    }
  });
});
