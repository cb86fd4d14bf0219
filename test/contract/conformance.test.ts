/**
 * The OpenAPI document is the whole truth: every answer of the end-to-end and error-path flows
 * below, from a real API and worker, goes through a response checker against the document the
 * API serves at /openapi.json: its operation, status, content type, body schema (each event of an
 * event stream by its name) and headers. Any answer outside the document fails the test.
 */
import { randomUUID } from 'node:crypto';
import type { EventView, ReservationView } from '@onsale/shared';
import { startTestApi, startApiWithWorker, type ApiWithWorker, type TestApi } from '../support/api-app';
import { givenDeadLetter } from '../support/dead-letters';
import { eventBody } from '../support/event-requests';
import { ResponseChecker, type Answer } from '../support/openapi-responses';
import { readSse, type SseMessage } from '../support/sse';
import { waitUntil } from '../support/test-environment';
import { adminToken, tokenFor } from '../support/tokens';

let app: ApiWithWorker;
let checker: ResponseChecker;

beforeAll(async () => {
  app = await startApiWithWorker();
  const served = await fetch(`${app.baseUrl}/openapi.json`);
  checker = new ResponseChecker((await served.json()) as ConstructorParameters<typeof ResponseChecker>[0]);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

interface Sent {
  token?: string;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
  /** For an event stream: how many messages to read before closing it. */
  messages?: number;
  /** Another API than the file's (the one with tiny rate limits). */
  baseUrl?: string;
}

interface Checked<T> {
  status: number;
  headers: Headers;
  body: T;
  messages: SseMessage[];
}

/** Sends a request, reads its answer (the first `messages` of a stream), and fails the test if the document does not allow the answer. */
async function send<T = any>(method: string, url: string, sent: Sent = {}): Promise<Checked<T>> {
  const headers: Record<string, string> = { ...sent.headers };
  if (sent.token) headers.Authorization = `Bearer ${sent.token}`;
  let body = sent.body;
  if (sent.json !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    body = JSON.stringify(sent.json);
  }
  const res = await fetch(`${sent.baseUrl ?? app.baseUrl}${url}`, { method, headers, body });
  let text: string;
  const messages: SseMessage[] = [];
  if (res.headers.get('content-type')?.startsWith('text/event-stream') && method !== 'HEAD') {
    const stream = readSse(res);
    for (let n = 0; n < (sent.messages ?? 1); n++) {
      const message = await stream.next();
      if (!message) break;
      messages.push(message);
    }
    await stream.close();
    text = messages.map((message) => `${message.id === undefined ? '' : `id: ${message.id}\n`}event: ${message.event}\ndata: ${message.data}\n\n`).join('');
  } else {
    text = await res.text();
  }
  const answer: Answer = { method, url, status: res.status, headers: res.headers, body: text };
  expect({ answer: `${method} ${url} → ${res.status}`, problems: checker.check(answer) }).toEqual({ answer: `${method} ${url} → ${res.status}`, problems: [] });
  const isJson = /json/.test(res.headers.get('content-type') ?? '');
  return { status: res.status, headers: res.headers, body: (isJson && text ? JSON.parse(text) : text) as T, messages };
}

const customer = () => tokenFor(`conformance-${randomUUID()}`);
const admin = adminToken();
const MALFORMED_ID = 'not-a-uuid';

async function createEvent(overrides: Record<string, unknown> = {}): Promise<EventView> {
  const created = await send<EventView>('POST', '/v1/events', { token: admin, json: { ...eventBody(), ...overrides } });
  expect(created.status).toBe(201);
  expect(created.headers.get('location')).toBe(`/v1/events/${created.body.id}`);
  return created.body;
}

async function reserve(eventId: string, token: string, quantity = 1): Promise<ReservationView> {
  const accepted = await send<ReservationView>('POST', `/v1/events/${eventId}/reservations`, {
    token,
    json: { items: [{ ticketType: 'GA', quantity }] },
  });
  expect(accepted.status).toBe(202);
  expect(accepted.headers.get('location')).toBe(`/v1/reservations/${accepted.body.id}`);
  return accepted.body;
}

/** Polls until the reservation is decided, every poll checked; a last poll with its ETag is a 304. */
async function decided(id: string, token: string): Promise<ReservationView> {
  let reservation: ReservationView | undefined;
  await waitUntil(async () => {
    const polled = await send<ReservationView>('GET', `/v1/reservations/${id}`, { token });
    expect(polled.status).toBe(200);
    reservation = polled.body;
    return reservation.status !== 'queued';
  });
  const polled = await send('GET', `/v1/reservations/${id}`, { token });
  const unchanged = await send('GET', `/v1/reservations/${id}`, { token, headers: { 'If-None-Match': polled.headers.get('etag')! } });
  expect(unchanged.status).toBe(304);
  return reservation!;
}

describe('the happy paths', () => {
  it('health and the document itself', async () => {
    expect((await send('GET', '/healthz')).status).toBe(200);
    expect((await send('GET', '/readyz')).status).toBe(200);
  });

  it('an event: created (and replayed by its Idempotency-Key), listed, read, paused and resumed', async () => {
    const key = randomUUID();
    const json = eventBody();
    const first = await send<EventView>('POST', '/v1/events', { token: admin, json, headers: { 'Idempotency-Key': key } });
    const replay = await send<EventView>('POST', '/v1/events', { token: admin, json, headers: { 'Idempotency-Key': key } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    expect((await send('GET', '/v1/events?limit=2')).status).toBe(200);
    expect((await send('GET', `/v1/events/${first.body.id}`)).status).toBe(200);
    expect((await send('PATCH', `/v1/events/${first.body.id}`, { token: admin, json: { status: 'paused' } })).status).toBe(200);
    expect((await send('PATCH', `/v1/events/${first.body.id}`, { token: admin, json: { status: 'on_sale' } })).status).toBe(200);
  });

  it('a reservation: reserved, polled (200, then 304), streamed (stream token and bearer), confirmed; another cancelled; listed', async () => {
    const event = await createEvent();
    const token = customer();
    const held = await reserve(event.id, token);
    const streamToken = await send<{ streamToken: string }>('POST', `/v1/reservations/${held.id}/stream-token`, { token });
    expect(streamToken.status).toBe(201);
    const streamed = await send('GET', `/v1/reservations/${held.id}/events?streamToken=${encodeURIComponent(streamToken.body.streamToken)}`);
    expect(streamed.status).toBe(200);
    expect(streamed.messages[0]?.event).toBe('reservation');
    expect((await decided(held.id, token)).status).toBe('held');
    expect((await send('GET', `/v1/reservations/${held.id}/events`, { token })).status).toBe(200);
    expect((await send('HEAD', `/v1/reservations/${held.id}/events`, { token })).status).toBe(200);
    expect([200, 202]).toContain((await send('POST', `/v1/reservations/${held.id}/confirm`, { token })).status);

    const other = await reserve(event.id, token);
    await decided(other.id, token);
    expect([200, 202]).toContain((await send('POST', `/v1/reservations/${other.id}/cancel`, { token })).status);
    expect((await send('GET', '/v1/customers/me/reservations?limit=5', { token })).status).toBe(200);
  });

  it('a seat map: replaced before sales start, read, then 304 with its ETag, compressed when asked', async () => {
    const event = await createEvent({
      salesStartAt: new Date(Date.now() + 86_400_000).toISOString(),
      ticketTypes: [{ code: 'SEAT', name: 'Seated', priceCents: 9_000, capacity: 4 }],
      seatMap: { sections: [{ code: 'A', ticketType: 'SEAT', rows: [{ label: '1', seats: [{ from: 1, to: 4 }] }] }] },
    });
    const seatMap = { sections: [{ code: 'A', ticketType: 'SEAT', rows: [{ label: '1', seats: [{ from: 1, to: 2 }] }, { label: '2', seats: [{ from: 1, to: 2 }] }] }] };
    expect((await send('PUT', `/v1/events/${event.id}/seat-map`, { token: admin, json: { seatMap } })).status).toBe(200);
    const seats = await send('GET', `/v1/events/${event.id}/seats`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(seats.status).toBe(200);
    expect((await send('GET', `/v1/events/${event.id}/seats`, { headers: { 'If-None-Match': seats.headers.get('etag')! } })).status).toBe(304);
  });

  it('the waitlist: joined (201, then 200 for the same join), listed, read, offered a returned ticket, declined', async () => {
    const event = await createEvent({ ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5_000, capacity: 1 }] });
    const notYet = await send('POST', `/v1/events/${event.id}/waitlist`, { token: customer(), json: { ticketType: 'GA', quantity: 1 } });
    expect(notYet.status).toBe(409);
    const holder = customer();
    const held = await reserve(event.id, holder);
    expect((await decided(held.id, holder)).status).toBe('held');
    const token = customer();
    const joined = await send<{ id: string }>('POST', `/v1/events/${event.id}/waitlist`, { token, json: { ticketType: 'GA', quantity: 1 } });
    expect(joined.status).toBe(201);
    expect((await send('POST', `/v1/events/${event.id}/waitlist`, { token, json: { ticketType: 'GA', quantity: 1 } })).status).toBe(200);
    expect((await send('GET', `/v1/events/${event.id}/waitlist`, { token: admin })).status).toBe(200);
    expect([200, 202]).toContain((await send('POST', `/v1/reservations/${held.id}/cancel`, { token: holder })).status);
    await waitUntil(async () => (await send<{ status: string }>('GET', `/v1/events/${event.id}/waitlist/${joined.body.id}`, { token })).body.status === 'offered');
    expect([200, 202]).toContain((await send('DELETE', `/v1/events/${event.id}/waitlist/${joined.body.id}`, { token })).status);
  });

  it('a fair draw: entered in the pre-queue (202 without a place), read while open, then drawn and its entries listed', async () => {
    const now = Date.now();
    const event = await createEvent({ preQueueOpensAt: new Date(now - 1_000).toISOString(), salesStartAt: new Date(now + 3_000).toISOString() });
    const token = customer();
    const entered = await reserve(event.id, token);
    expect(entered.queue).toMatchObject({ position: null, drawAt: event.salesStartAt });
    expect((await send('GET', `/v1/reservations/${entered.id}`, { token })).status).toBe(200);
    expect((await send<{ status: string }>('GET', `/v1/events/${event.id}/draw`)).body.status).toBe('open');
    expect((await send('GET', `/v1/events/${event.id}/draw/entries`)).status).toBe(404);
    await waitUntil(async () => (await send<{ status: string }>('GET', `/v1/events/${event.id}/draw`)).body.status === 'drawn', 20_000);
    const entries = await send<{ items: { position: number }[] }>('GET', `/v1/events/${event.id}/draw/entries?limit=5`);
    expect(entries.body.items.map(({ position }) => position)).toEqual([1]);
  });

  it('the live view: HEAD, and the first live event', async () => {
    const event = await createEvent();
    const head = await send('HEAD', `/v1/events/${event.id}/live`);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const live = await send('GET', `/v1/events/${event.id}/live`);
    expect(live.messages[0]?.event).toBe('live');
  });

  it('webhook endpoints: registered, listed, read, changed, secret rotated, a delivery listed and redelivered, deleted', async () => {
    // A closed port on loopback (allowed for this endpoint): its deliveries fail and wait for a retry.
    const created = await send<{ id: string }>('POST', '/v1/admin/webhooks/endpoints', {
      token: admin,
      json: { url: 'http://127.0.0.1:1/hook', eventTypes: ['reservation.held'], allowPrivateNetwork: true },
    });
    expect(created.status).toBe(201);
    const endpoint = `/v1/admin/webhooks/endpoints/${created.body.id}`;
    expect((await send('GET', '/v1/admin/webhooks/endpoints', { token: admin })).status).toBe(200);
    expect((await send('GET', endpoint, { token: admin })).status).toBe(200);
    expect((await send('PATCH', endpoint, { token: admin, json: { description: 'conformance' } })).status).toBe(200);
    expect((await send('POST', `${endpoint}/rotate-secret`, { token: admin, json: { previousValidForSeconds: 60 } })).status).toBe(200);
    const event = await createEvent();
    const token = customer();
    expect((await decided((await reserve(event.id, token)).id, token)).status).toBe('held');
    // The worker's relay fans the decision's message out into a delivery within a relay interval.
    const listDeliveries = () => send<{ items: { id: string }[] }>('GET', `${endpoint}/deliveries?limit=5`, { token: admin });
    await waitUntil(async () => (await listDeliveries()).body.items.length > 0);
    const deliveries = await listDeliveries();
    expect(deliveries.status).toBe(200);
    expect((await send('POST', `${endpoint}/deliveries/${deliveries.body.items[0]!.id}/redeliver`, { token: admin })).status).toBe(202);
    expect((await send('DELETE', endpoint, { token: admin })).status).toBe(204);
  });

  it('the admin routes: backlog, sales, dead letters (listed, redriven, discarded), the browser session', async () => {
    const event = await createEvent();
    expect((await send('GET', '/v1/admin/backlog', { token: admin })).status).toBe(200);
    expect((await send('GET', `/v1/admin/events/${event.id}/sales?limit=10`, { token: admin })).status).toBe(200);
    const redrivable = await givenDeadLetter(app.env, { kind: 'expire', partition: 0, requestId: 'conformance', reservationId: randomUUID(), eventId: event.id });
    const broken = await givenDeadLetter(app.env, { kind: 'no-such-kind', partition: 0 });
    expect((await send('GET', '/v1/admin/dead-letters?limit=10', { token: admin })).status).toBe(200);
    expect([200, 409]).toContain((await send('POST', `/v1/admin/dead-letters/${redrivable.id}/redrive`, { token: admin })).status);
    expect((await send('POST', `/v1/admin/dead-letters/${broken.id}/redrive`, { token: admin })).status).toBe(409);
    expect((await send('DELETE', `/v1/admin/dead-letters/${broken.id}`, { token: admin })).status).toBe(204);
    expect((await send('POST', '/v1/admin/session', { token: admin })).status).toBe(200);
    expect((await send('POST', '/v1/admin/session/logout')).status).toBe(204);
  });
});

describe('the error paths', () => {
  it('the seven answers a validating proxy found outside the document', async () => {
    const event = await createEvent();
    const token = customer();
    expect((await send('POST', `/v1/reservations/${MALFORMED_ID}/stream-token`, { token })).status).toBe(400);
    const plain = await send('POST', `/v1/events/${event.id}/reservations`, { token, body: 'GA x1', headers: { 'Content-Type': 'text/plain' } });
    expect(plain.status).toBe(415);
    expect((await send('GET', `/v1/events/${MALFORMED_ID}/live`)).status).toBe(400);
    const huge = { ...eventBody(), name: 'x'.repeat(70_000) };
    expect((await send('POST', '/v1/events', { token: admin, json: huge })).status).toBe(413);
    // 429 and the SSE stream and HEAD: the next test and the happy paths.
  });

  it('401, 403, 404, 409, 422, malformed JSON, an unsupported charset', async () => {
    const event = await createEvent({ ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5_000, capacity: 1 }] });
    const token = customer();
    expect((await send('POST', `/v1/events/${event.id}/reservations`, { json: { items: [{ ticketType: 'GA', quantity: 1 }] } })).status).toBe(401);
    expect((await send('POST', '/v1/events', { token, json: eventBody() })).status).toBe(403);
    expect((await send('GET', `/v1/reservations/${randomUUID()}`, { token })).status).toBe(404);
    expect((await send('GET', `/v1/events/${randomUUID()}`)).status).toBe(404);
    const unknownType = await send('POST', `/v1/events/${event.id}/reservations`, { token, json: { items: [{ ticketType: 'NOPE', quantity: 1 }] } });
    expect(unknownType.status).toBe(422);
    const malformed = await send('POST', `/v1/events/${event.id}/reservations`, { token, body: '{"items": [', headers: { 'Content-Type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.type).toBe('urn:onsale:problem:malformed_json');
    const latin1 = await send('POST', '/v1/events', { token: admin, body: '{}', headers: { 'Content-Type': 'application/json; charset=latin1' } });
    expect(latin1.status).toBe(415);
    expect(latin1.body.type).toBe('urn:onsale:problem:unsupported_charset');
    // The router parses a JSON body for any routed request, even to a route that takes none.
    const stray = await send('POST', '/v1/admin/session/logout', { body: '{"oops', headers: { 'Content-Type': 'application/json' } });
    expect(stray.status).toBe(400);

    const sold = await reserve(event.id, token);
    expect((await decided(sold.id, token)).status).toBe('held');
    expect([200, 202]).toContain((await send('POST', `/v1/reservations/${sold.id}/cancel`, { token })).status);
    await waitUntil(async () => (await send<ReservationView>('GET', `/v1/reservations/${sold.id}`, { token })).body.status === 'cancelled');
    expect((await send('POST', `/v1/reservations/${sold.id}/confirm`, { token })).status).toBe(409);
    expect((await send('PATCH', `/v1/events/${event.id}`, { token: admin, json: { status: 'cancelled' } })).status).toBe(200);
    expect((await send('PATCH', `/v1/events/${event.id}`, { token: admin, json: { status: 'on_sale' } })).status).toBe(409);
  });

  it('429 from an API with tiny rate limits, on a customer write and on a public read', async () => {
    let limited: TestApi | undefined;
    try {
      limited = await startTestApi(app.env, {
        RATE_LIMIT_ENABLED: 'true',
        RATE_LIMIT_CUSTOMER_WRITES: '1',
        RATE_LIMIT_PER_IP: '6',
        RATE_LIMIT_WINDOW_SECONDS: '60',
        RATE_LIMIT_RECONCILE_MS: '50',
        // Counters of its own: the file's API has counted this address already.
        KEY_PREFIX: `conformance-${randomUUID().slice(0, 8)}`,
      });
      const baseUrl = limited.baseUrl;
      const event = await createEvent();
      const token = customer();
      const json = { items: [{ ticketType: 'GA', quantity: 1 }] };
      expect((await send('POST', `/v1/events/${event.id}/reservations`, { baseUrl, token, json })).status).toBe(202);
      const refused = await send('POST', `/v1/events/${event.id}/reservations`, { baseUrl, token, json });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      let status = 200;
      for (let n = 0; n < 10 && status !== 429; n++) status = (await send('GET', `/v1/events/${event.id}`, { baseUrl })).status;
      expect(status).toBe(429);
    } finally {
      await limited?.close();
    }
  });
});

test('every operation of the document was reached by an answer above (tests run in order)', () => {
  const operationOf = (answer: string) => answer.split(' ').slice(0, 2).join(' ');
  const reached = new Set([...checker.seen].map(operationOf));
  expect([...new Set(checker.declared().map(operationOf))].filter((operation) => !reached.has(operation))).toEqual([]);
});
