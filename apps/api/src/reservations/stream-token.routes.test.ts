/**
 * Stream tokens: how a browser's EventSource, which cannot send an Authorization header, follows
 * one reservation. The real API and worker run in-process on this file's own database and Redis.
 */
import type { ReservationView } from '@onsale/shared';
import { apiWithWorkerForThisFile } from '../../../../test/support/api-app';
import { eventRequests } from '../../../../test/support/event-requests';
import { expectProblem } from '../../../../test/support/problem';
import { readSse } from '../../../../test/support/sse';
import { adminToken, newCustomer, TEST_JWT_SECRET } from '../../../../test/support/tokens';
import { StreamTokens, type StreamTokenView } from './stream-token';

const { call, app } = apiWithWorkerForThisFile();
const { createEvent } = eventRequests(call);

let eventId: string;
beforeAll(async () => {
  eventId = (await createEvent()).id;
});

async function reserve(token: string): Promise<ReservationView> {
  const reply = await call<ReservationView>('POST', `/v1/events/${eventId}/reservations`, { token, json: { items: [{ ticketType: 'GA', quantity: 1 }] } });
  expect(reply.status).toBe(202);
  return reply.body;
}

const issue = (token: string, reservationId: string) =>
  call<StreamTokenView>('POST', `/v1/reservations/${reservationId}/stream-token`, { token });

const streamWith = (reservationId: string, streamToken: string) =>
  fetch(`${app().baseUrl}/v1/reservations/${reservationId}/events?streamToken=${encodeURIComponent(streamToken)}`);

describe('POST /v1/reservations/:id/stream-token', () => {
  it("gives the owner a 60-second token that opens the reservation's stream without an Authorization header", async () => {
    const buyer = newCustomer();
    const reservation = await reserve(buyer.token);

    const issued = await issue(buyer.token, reservation.id);

    expect(issued.status).toBe(201);
    expect(issued.headers.get('cache-control')).toBe('no-store');
    const lifetimeMs = Date.parse(issued.body.expiresAt) - Date.now();
    expect(lifetimeMs).toBeGreaterThan(50_000);
    expect(lifetimeMs).toBeLessThanOrEqual(60_000);
    const res = await streamWith(reservation.id, issued.body.streamToken);
    expect(res.status).toBe(200);
    const stream = readSse(res);
    try {
      const message = await stream.next();
      expect(message?.event).toBe('reservation');
      expect(JSON.parse(message!.data)).toMatchObject({ id: reservation.id });
    } finally {
      await stream.close();
    }
  });

  it("is refused for someone else's reservation (404, as if missing) and without a bearer token (401)", async () => {
    const reservation = await reserve(newCustomer().token);
    expectProblem(await issue(newCustomer().token, reservation.id), 404);
    expectProblem(await issue(adminToken(), reservation.id), 404);
    expectProblem(await call('POST', `/v1/reservations/${reservation.id}/stream-token`), 401);
  });
});

describe('GET /v1/reservations/:id/events?streamToken=', () => {
  it('refuses a token issued for another reservation (403)', async () => {
    const buyer = newCustomer();
    const [mine, other] = [await reserve(buyer.token), await reserve(buyer.token)];
    const { body } = await issue(buyer.token, mine.id);

    const res = await streamWith(other.id, body.streamToken);

    expect(res.status).toBe(403);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/another reservation/);
  });

  it('refuses an expired token (401)', async () => {
    const buyer = newCustomer();
    const reservation = await reserve(buyer.token);
    const expired = new StreamTokens(TEST_JWT_SECRET, -5).issue({ sub: buyer.sub, role: 'customer' }, reservation.id);

    const res = await streamWith(reservation.id, expired.streamToken);

    expect(res.status).toBe(401);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/expired/);
  });

  it('refuses a bearer token in the URL, and a stream token as a bearer token (401)', async () => {
    const buyer = newCustomer();
    const reservation = await reserve(buyer.token);
    const { body } = await issue(buyer.token, reservation.id);

    expect((await streamWith(reservation.id, buyer.token)).status).toBe(401);
    expectProblem(await call('GET', `/v1/reservations/${reservation.id}`, { token: body.streamToken }), 401);
    expectProblem(await issue(body.streamToken, reservation.id), 401);
  });

  it('still takes a bearer token, and without either answers 401', async () => {
    const buyer = newCustomer();
    const reservation = await reserve(buyer.token);
    const res = await fetch(`${app().baseUrl}/v1/reservations/${reservation.id}/events`, { headers: { Authorization: `Bearer ${buyer.token}` } });
    expect(res.status).toBe(200);
    const stream = readSse(res);
    expect((await stream.next())?.event).toBe('reservation');
    await stream.close();
    expectProblem(await call('GET', `/v1/reservations/${reservation.id}/events`), 401);
  });
});
