import { randomUUID } from 'node:crypto';
import { apiWithWorkerForThisFile } from '../../../test/support/api-app';
import { eventBody } from '../../../test/support/factories';
import { adminToken, newCustomer } from '../../../test/support/tokens';
import { createOnsaleClient, OnsaleApiError, OnsaleUnreachable, type OnsaleClientOptions } from './index';

/*
 * The client against the real API and a partition worker in-process (real PostgreSQL and Redis).
 * `fetch` is the real one, seen through a recorder so a test can tell stream from polling.
 */

const { app } = apiWithWorkerForThisFile();

function recordingFetch(refuse?: (url: string) => Response | undefined) {
  const calls: string[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    const path = `${request.method} ${new URL(request.url).pathname}`;
    calls.push(path);
    return Promise.resolve(refuse?.(path) ?? fetch(request));
  };
  return { calls, fetchImpl };
}

const client = (options: Partial<OnsaleClientOptions> = {}) => createOnsaleClient({ baseUrl: app().baseUrl, ...options });

async function givenEvent(capacity = 10) {
  return client({ token: adminToken() }).events.create(eventBody({ ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5000, capacity }] }));
}

test('reserve resolves with the decision, learnt from the reservation stream without polling', async () => {
  const event = await givenEvent();
  const { calls, fetchImpl } = recordingFetch();
  const buyer = client({ token: newCustomer().token, fetch: fetchImpl });

  const decision = await buyer.reserve(event.id, [{ ticketType: 'GA', quantity: 2 }]);

  expect(decision).toMatchObject({ eventId: event.id, status: 'held', items: [{ ticketType: 'GA', quantity: 2 }] });
  expect(Date.parse(decision.expiresAt!)).toBeGreaterThan(Date.now());
  expect(calls).toEqual([`POST /v1/events/${event.id}/reservations`, `GET /v1/reservations/${decision.id}/events`]);
});

test('without the stream (refused on the way), reserve polls the reservation until it is decided', async () => {
  const event = await givenEvent(1);
  const { calls, fetchImpl } = recordingFetch((path) => (path.endsWith('/events') ? new Response('no streams here', { status: 502 }) : undefined));
  const buyer = client({ token: newCustomer().token, fetch: fetchImpl });

  const held = await buyer.reserve(event.id, [{ ticketType: 'GA', quantity: 1 }]);
  const rejected = await buyer.as(newCustomer().token).reserve(event.id, [{ ticketType: 'GA', quantity: 1 }]);

  expect(held.status).toBe('held');
  expect(rejected).toMatchObject({ status: 'rejected', reason: 'sold_out' });
  expect(calls.filter((call) => call === `GET /v1/reservations/${held.id}`).length).toBeGreaterThanOrEqual(1);
});

test('a 503 with Retry-After is waited out and the read asked again', async () => {
  const event = await givenEvent();
  let refused = 0;
  const { calls, fetchImpl } = recordingFetch((path) =>
    path.startsWith('GET /v1/events/') && refused++ === 0 ? new Response(null, { status: 503, headers: { 'retry-after': '0' } }) : undefined,
  );
  const read = await client({ fetch: fetchImpl }).events.get(event.id);
  expect(read.id).toBe(event.id);
  expect(calls).toEqual([`GET /v1/events/${event.id}`, `GET /v1/events/${event.id}`]);
});

test('a POST with an Idempotency-Key refused 503 is sent again, body and all, and recorded once', async () => {
  const event = await givenEvent();
  let refused = 0;
  const { calls, fetchImpl } = recordingFetch((path) =>
    path.startsWith('POST /v1/events/') && refused++ === 0 ? new Response(null, { status: 503, headers: { 'retry-after': '0' } }) : undefined,
  );
  const decision = await client({ token: newCustomer().token, fetch: fetchImpl }).reserve(event.id, [{ ticketType: 'GA', quantity: 2 }], { idempotencyKey: randomUUID() });
  expect(decision).toMatchObject({ status: 'held', items: [{ ticketType: 'GA', quantity: 2 }] });
  expect(calls.filter((call) => call.startsWith('POST '))).toHaveLength(2);
  expect((await client().events.get(event.id)).ticketTypes[0]!.held).toBe(2);
});

test('a POST with an Idempotency-Key whose connection failed is sent again; one without a key is not', async () => {
  const event = await givenEvent();
  let failures = 0;
  const posts: string[] = [];
  const flaky: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    if (request.method !== 'POST') return fetch(request);
    posts.push(request.headers.get('idempotency-key') ?? 'no key');
    return failures++ % 2 === 0 ? Promise.reject(new TypeError('fetch failed', { cause: new Error('read ECONNRESET') })) : fetch(request);
  };
  const buyer = client({ token: newCustomer().token, fetch: flaky });

  const key = randomUUID();
  expect((await buyer.reserve(event.id, [{ ticketType: 'GA', quantity: 1 }], { idempotencyKey: key })).status).toBe('held');
  expect(posts).toEqual([key, key]);
  await expect(buyer.request(event.id, [{ ticketType: 'GA', quantity: 1 }])).rejects.toBeInstanceOf(OnsaleUnreachable);
  expect(posts).toEqual([key, key, 'no key']);
});

test('confirm turns the hold into a sale and cancel releases another; watch shows every state in order', async () => {
  const event = await givenEvent();
  const buyer = client({ token: newCustomer().token });
  const first = await buyer.reserve(event.id, [{ ticketType: 'GA', quantity: 3 }]);
  const second = await buyer.reserve(event.id, [{ ticketType: 'GA', quantity: 1 }]);

  expect(await buyer.confirm(first.id)).toMatchObject({ id: first.id, status: 'confirmed' });
  expect(await buyer.cancel(second.id)).toMatchObject({ id: second.id, status: 'cancelled' });

  const states: string[] = [];
  for await (const state of buyer.watch(first.id)) states.push(state.status);
  expect(states).toEqual(['confirmed']);
  const ticketType = (await client().events.get(event.id)).ticketTypes[0]!;
  expect({ sold: ticketType.sold, held: ticketType.held }).toEqual({ sold: 3, held: 0 });
});

test('the same Idempotency-Key returns the same reservation, decided once', async () => {
  const event = await givenEvent();
  const buyer = client({ token: newCustomer().token });
  const idempotencyKey = randomUUID();
  const first = await buyer.reserve(event.id, [{ ticketType: 'GA', quantity: 2 }], { idempotencyKey });
  const replay = await buyer.reserve(event.id, [{ ticketType: 'GA', quantity: 2 }], { idempotencyKey });
  expect(replay).toEqual(first);
  expect((await client().events.get(event.id)).ticketTypes[0]!.held).toBe(2);
});

test('errors: the problem+json of a refusal, and an API that is not there', async () => {
  const missing = client({ token: newCustomer().token }).get(randomUUID());
  await expect(missing).rejects.toBeInstanceOf(OnsaleApiError);
  await expect(missing).rejects.toMatchObject({ status: 404, problem: { status: 404, title: 'Not found' } });
  await expect(createOnsaleClient({ baseUrl: 'http://127.0.0.1:9' }).events.list()).rejects.toBeInstanceOf(OnsaleUnreachable);
});
