import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiWithWorkerForThisFile, startTestApi } from '../../../test/support/api-app';
import { eventBody } from '../../../test/support/factories';
import { adminToken, newCustomer } from '../../../test/support/tokens';
import {
  createOnsaleClient,
  OnsaleApiError,
  OnsaleUnreachable,
  ReservationRejected,
  SoldOut,
  type ConfirmedReservation,
  type HeldReservation,
  type OnsaleClientOptions,
  type QueuePlace,
  type QueuedReservation,
  type Reservation,
} from './index';
import { MAX_POLL_WAIT_MS, pollWaitMs } from './retry';

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
  const rejected = buyer.as(newCustomer().token).reserve(event.id, [{ ticketType: 'GA', quantity: 1 }]);

  expect(held.status).toBe('held');
  await expect(rejected).rejects.toBeInstanceOf(SoldOut);
  await expect(rejected).rejects.toMatchObject({ reason: 'sold_out', reservation: { status: 'rejected', reason: 'sold_out', eventId: event.id } });
  expect(calls.filter((call) => call === `GET /v1/reservations/${held.id}`).length).toBeGreaterThanOrEqual(1);
});

test('sold out reaches the caller one way: SoldOut, whether the API answered 409 at once or the writer decided it', async () => {
  const event = await givenEvent(2);
  // An API with admission control on: it answers 409 sold_out, recording nothing, once it knows too few are left.
  const admitting = await startTestApi(app().env, { ADMISSION_SOLD_OUT_IMMEDIATE: 'true' });
  try {
    const buyer = createOnsaleClient({ baseUrl: admitting.baseUrl, token: newCustomer().token });
    const atOnce = await buyer.reserve(event.id, [{ ticketType: 'GA', quantity: 3 }]).catch((error: unknown) => error);
    expect(atOnce).toBeInstanceOf(SoldOut);
    expect(atOnce).toMatchObject({ name: 'SoldOut', reason: 'sold_out', eventId: event.id, reservation: undefined });
    expect((atOnce as Error).message).toContain('nothing recorded');

    // Through the API without admission control, the same request is recorded and the writer rejects it.
    const decided = await client({ token: newCustomer().token }).reserve(event.id, [{ ticketType: 'GA', quantity: 3 }]).catch((error: unknown) => error);
    expect(decided).toBeInstanceOf(SoldOut);
    expect(decided).toMatchObject({ reason: 'sold_out', reservation: { status: 'rejected', reason: 'sold_out' } });

    // Any other rejection is a ReservationRejected with its reason (SoldOut is one).
    const unknownType = await client({ token: newCustomer().token }).reserve(event.id, [{ ticketType: 'GA', quantity: 1 }, { ticketType: 'VIP', quantity: 1 }]).catch((error: unknown) => error);
    expect(unknownType).toBeInstanceOf(OnsaleApiError);
    expect(new SoldOut(event.id)).toBeInstanceOf(ReservationRejected);
  } finally {
    await admitting.close();
  }
});

test('reserve takes the whole body: exact seats, items together, allowSplit; another rejection is a ReservationRejected', async () => {
  const event = await client({ token: adminToken() }).events.create(
    eventBody({
      ticketTypes: [{ code: 'SEAT', name: 'Seated', priceCents: 9000, capacity: 6 }],
      seatMap: { sections: [{ code: 'A', ticketType: 'SEAT', rows: [{ label: '1', seats: [{ from: 1, to: 3 }] }, { label: '2', seats: [{ from: 1, to: 3 }] }] }] },
    }),
  );
  const buyer = () => client({ token: newCustomer().token });
  const labels = (hold: HeldReservation) => hold.seats?.map((seat) => seat.label).sort();

  const exact = await buyer().reserve(event.id, { seats: ['A-1-2'] });
  expect(labels(exact)).toEqual(['A-1-2']);
  const expiresAt: string = exact.expiresAt;
  expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());

  expect(labels(await buyer().reserve(event.id, [{ ticketType: 'SEAT', quantity: 3, together: true }]))).toEqual(['A-2-1', 'A-2-2', 'A-2-3']);
  // Row 1 has seats 1 and 3 left: not together, unless split is allowed.
  const together = await buyer().reserve(event.id, [{ ticketType: 'SEAT', quantity: 2, together: true }]).catch((error: unknown) => error);
  expect(together).toBeInstanceOf(ReservationRejected);
  expect(together).not.toBeInstanceOf(SoldOut);
  expect(together).toMatchObject({ reason: 'not_together_available', reservation: { status: 'rejected', reason: 'not_together_available' } });
  const split = await buyer().reserve(event.id, { items: [{ ticketType: 'SEAT', quantity: 2, together: true }], allowSplit: true });
  expect(labels(split)).toEqual(['A-1-1', 'A-1-3']);
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

/*
 * The waiting room, against a scripted API: a node:http server that gives each request the next
 * answer of a script (the real API tells a queued request's place, but not on cue).
 */
describe('queued: the place in the queue, Retry-After, ETag', () => {
  interface Scripted {
    status: number;
    headers?: Record<string, string>;
    body?: unknown;
    /** Server-Sent Events: each reservation a `reservation` event, then the stream ends. */
    events?: Reservation[];
  }
  interface Seen {
    path: string;
    ifNoneMatch?: string;
    atMs: number;
  }

  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** A server answering the requests of each path with the next answer of its script. */
  async function scriptedApi(scripts: Record<string, Scripted[]>) {
    const seen: Seen[] = [];
    server = createServer((req: IncomingMessage, res) => {
      const path = `${req.method} ${req.url}`;
      seen.push({ path, ifNoneMatch: req.headers['if-none-match'], atMs: performance.now() });
      const answer = scripts[path]?.shift() ?? { status: 500, body: { title: `unscripted ${path}` } };
      req.resume();
      if (answer.events) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const event of answer.events) res.write(`event: reservation\nid: ${event.version}\ndata: ${JSON.stringify(event)}\n\n`);
        res.end();
        return;
      }
      const body = answer.body === undefined ? undefined : JSON.stringify(answer.body);
      res.writeHead(answer.status, { ...(body ? { 'content-type': 'application/json' } : {}), ...answer.headers });
      res.end(body);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { baseUrl: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, seen };
  }

  const id = randomUUID();
  const eventId = randomUUID();
  const at = new Date().toISOString();
  const soon = Date.now() + 60_000;
  const place = (position: number): QueuePlace => ({
    position,
    requestsAhead: position - 1,
    ticketsAhead: 2 * (position - 1),
    estimatedDecisionAt: new Date(soon + position * 100).toISOString(),
    outlook: 'likely_available',
  });
  const queued = (version: number, position?: number): QueuedReservation => ({
    id,
    eventId,
    customerId: 'fan-1',
    status: 'queued',
    items: [{ ticketType: 'GA', quantity: 2 }],
    createdAt: at,
    updatedAt: at,
    version,
    ...(position === undefined ? {} : { queue: place(position) }),
  });
  const held = (version: number): HeldReservation => ({ ...queued(version), queue: undefined, status: 'held', expiresAt: new Date(Date.now() + 600_000).toISOString() });
  const confirmed = (version: number): ConfirmedReservation => ({ ...queued(version), queue: undefined, status: 'confirmed' });
  const poll = (reservation: Reservation, headers: Record<string, string> = {}): Scripted => ({ status: 200, body: reservation, headers });
  const positions = (states: Reservation[]) => states.map((state) => `v${state.version} ${state.status}${state.queue ? ` #${state.queue.position}` : ''}`);

  test('polling waits as Retry-After says, asks with the last ETag, and takes a 304 as unchanged', async () => {
    const api = await scriptedApi({
      [`GET /v1/reservations/${id}`]: [
        poll(queued(1, 3), { etag: '"1.3"', 'retry-after': '1' }),
        { status: 304, headers: { etag: '"1.3"', 'retry-after': '0' } },
        poll(queued(1, 1), { etag: '"1.1"', 'retry-after': '0' }),
        poll(held(2), { etag: '"2"' }),
      ],
    });
    const buyer = createOnsaleClient({ baseUrl: api.baseUrl, token: 't', stream: false, pollIntervalMs: 10 });

    const states: Reservation[] = [];
    for await (const state of buyer.watch(id)) {
      states.push(state);
      if (state.status === 'held') break;
    }

    expect(positions(states)).toEqual(['v1 queued #3', 'v1 queued #1', 'v2 held']);
    expect(states[0]!.queue).toEqual(place(3));
    expect(api.seen.map((request) => request.ifNoneMatch)).toEqual([undefined, '"1.3"', '"1.3"', '"1.1"']);
    // Retry-After: 1 is waited out; Retry-After: 0 waits the client's shortest interval only.
    expect(api.seen[1]!.atMs - api.seen[0]!.atMs).toBeGreaterThanOrEqual(950);
    expect(api.seen[2]!.atMs - api.seen[1]!.atMs).toBeLessThan(500);
  });

  test('an answer older than one already seen is not reported: a lower version, or the same version further back', async () => {
    const api = await scriptedApi({
      [`GET /v1/reservations/${id}`]: [queued(1, 5), queued(1, 2), queued(1, 4), queued(1), held(2), queued(1, 1), confirmed(3)].map((state) =>
        poll(state, { 'retry-after': '0' }),
      ),
    });
    const buyer = createOnsaleClient({ baseUrl: api.baseUrl, token: 't', stream: false, pollIntervalMs: 1 });

    const states: Reservation[] = [];
    for await (const state of buyer.watch(id)) states.push(state);

    expect(positions(states)).toEqual(['v1 queued #5', 'v1 queued #2', 'v2 held', 'v3 confirmed']);
    expect(api.seen).toHaveLength(7);
  });

  test("reserve's onUpdate sees the place from the 202, then each move the stream tells, then the decision", async () => {
    const api = await scriptedApi({
      [`POST /v1/events/${eventId}/reservations`]: [{ status: 202, body: queued(1, 3) }],
      // The stream starts with the current state (not news), then position updates of the same version.
      [`GET /v1/reservations/${id}/events`]: [{ status: 200, events: [queued(1, 3), queued(1, 2), queued(1, 2), queued(1, 1), held(2)] }],
    });
    const updates: Reservation[] = [];

    const decision = await createOnsaleClient({ baseUrl: api.baseUrl, token: 't' }).reserve(eventId, [{ ticketType: 'GA', quantity: 2 }], {
      onUpdate: (state) => updates.push(state),
    });

    expect(decision.status).toBe('held');
    expect(positions(updates)).toEqual(['v1 queued #3', 'v1 queued #2', 'v1 queued #1', 'v2 held']);
  });

  test("without the stream, the first poll sends back the 202's ETag", async () => {
    const api = await scriptedApi({
      [`POST /v1/events/${eventId}/reservations`]: [{ status: 202, body: queued(1, 3), headers: { etag: '"1.3"' } }],
      [`GET /v1/reservations/${id}/events`]: [{ status: 502 }],
      [`GET /v1/reservations/${id}`]: [{ status: 304, headers: { etag: '"1.3"', 'retry-after': '0' } }, poll(held(2), { etag: '"2"' })],
    });
    const buyer = createOnsaleClient({ baseUrl: api.baseUrl, token: 't', pollIntervalMs: 1 });

    const decision = await buyer.reserve(eventId, [{ ticketType: 'GA', quantity: 2 }]);

    expect(decision.status).toBe('held');
    expect(api.seen.filter((request) => request.path === `GET /v1/reservations/${id}`).map((request) => request.ifNoneMatch)).toEqual(['"1.3"', '"1.3"']);
  });

  test("a watch's signal stops it at once, in the middle of a long Retry-After", async () => {
    const api = await scriptedApi({ [`GET /v1/reservations/${id}`]: [poll(queued(1, 900), { 'retry-after': '20' })] });
    const buyer = createOnsaleClient({ baseUrl: api.baseUrl, token: 't', stream: false });
    const controller = new AbortController();

    const states: Reservation[] = [];
    const startedAt = performance.now();
    const watching = (async () => {
      for await (const state of buyer.watch(id, { signal: controller.signal })) {
        states.push(state);
        setTimeout(() => controller.abort(), 50);
      }
    })();

    await expect(watching).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - startedAt).toBeLessThan(2_000);
    expect(positions(states)).toEqual(['v1 queued #900']);
    expect(api.seen).toHaveLength(1);
  });

  test("a poll's wait is the API's Retry-After held within bounds, else the client's backoff", () => {
    const answer = (retryAfter?: string) => new Response(null, { status: 200, headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter } });
    expect(pollWaitMs(answer(), 400, 100)).toBe(400);
    expect(pollWaitMs(answer('3'), 400, 100)).toBe(3_000);
    expect(pollWaitMs(answer('0'), 400, 100)).toBe(100);
    expect(pollWaitMs(answer('86400'), 400, 100)).toBe(MAX_POLL_WAIT_MS);
    expect(pollWaitMs(answer(new Date(Date.now() + 3_600_000).toUTCString()), 400, 100)).toBe(MAX_POLL_WAIT_MS);
    expect(pollWaitMs(answer('soon'), 400, 100)).toBe(400);
  });
});

test('waitlist: join a sold-out type, take the offer the returned ticket becomes, and confirm it', async () => {
  const event = await givenEvent(1);
  const holder = client({ token: newCustomer().token });
  const hold = await holder.reserve(event.id, [{ ticketType: 'GA', quantity: 1 }]);
  const waiter = client({ token: newCustomer().token });

  const entry = await waiter.waitlist.join(event.id, 'GA', 1);
  expect(entry).toMatchObject({ status: 'waiting', position: 1, offer: null });
  expect((await waiter.waitlist.join(event.id, 'GA', 1)).id).toBe(entry.id);
  expect((await waiter.waitlist.list(event.id)).items.map((item) => item.id)).toEqual([entry.id]);
  await expect(waiter.waitlist.join(event.id, 'GA', 2)).rejects.toMatchObject({ status: 409 });

  const offered = waiter.waitlist.offer(event.id, entry.id);
  await holder.cancel(hold.id);
  const offer = await offered;
  expect(offer).toMatchObject({ status: 'held', eventId: event.id });
  expect((await waiter.confirm(offer.id)).status).toBe('confirmed');
  expect((await waiter.waitlist.get(event.id, entry.id)).status).toBe('accepted');
});
