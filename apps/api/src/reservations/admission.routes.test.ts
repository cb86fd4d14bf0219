import { deleteKeysMatching } from '@onsale/queue';
import { createLogger, loadWorkerConfig } from '@onsale/shared';
import { startWorker } from '@onsale/worker/worker';
import { startTestApi, type TestApi } from '../../../../test/support/api-app';
import { eventRequests } from '../../../../test/support/event-requests';
import { httpClient, type HttpClient, type Reply } from '../../../../test/support/http-client';
import { expectProblem } from '../../../../test/support/problem';
import { createTestEnvironment, waitUntil, type TestEnvironment } from '../../../../test/support/test-environment';
import { adminToken, newCustomer } from '../../../../test/support/tokens';

/*
 * Admission control against real PostgreSQL and Redis, with two API instances on one database and
 * one Redis key prefix: what one instance counts, the other sees.
 */

// Generous: each test starts two APIs and fires hundreds of requests, on machines that may be loaded.
jest.setTimeout(180_000);

const logger = createLogger({ name: 'test', level: 'silent' });

let env: TestEnvironment;
const apis: TestApi[] = [];
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;

beforeAll(async () => {
  env = await createTestEnvironment();
});
afterEach(async () => {
  await stopWorker();
  await Promise.all(apis.splice(0).map((api) => api.close()));
  // Each test starts with fresh rate-limit counters (the client address is the same in all).
  await deleteKeysMatching(env.redis, `${env.keyPrefix}:rate-limit:*`);
});
afterAll(async () => {
  await env?.dispose();
});

/** Two API instances on the test's database and Redis, with these settings. */
async function twoApis(settings: Record<string, string>): Promise<[HttpClient, HttpClient]> {
  const started = await Promise.all([startTestApi(env, settings), startTestApi(env, settings)]);
  apis.push(...started);
  const clients: [HttpClient, HttpClient] = [httpClient(started[0].baseUrl), httpClient(started[1].baseUrl)];
  // Ready means Redis answered: until then an instance counts in its own memory (the insurance limiter), not in the shared count.
  for (const call of clients) expect((await call('GET', '/readyz')).status).toBe(200);
  return clients;
}

async function runWorker(): Promise<void> {
  worker = await startWorker(loadWorkerConfig({ ...env.env, LOG_LEVEL: 'silent', WORKER_ID: 'admission-worker', SWEEP_INTERVAL_MS: '200' }), logger);
}

async function stopWorker(): Promise<void> {
  await worker?.close();
  worker = undefined;
}

const buy = (call: HttpClient, eventId: string, token: string, quantity = 1, headers: Record<string, string> = {}) =>
  call('POST', `/v1/events/${eventId}/reservations`, { token, json: { items: [{ ticketType: 'GA', quantity }] }, headers });

const countByStatus = (replies: Reply[]) =>
  replies.reduce<Record<number, number>>((counts, reply) => ({ ...counts, [reply.status]: (counts[reply.status] ?? 0) + 1 }), {});

async function queuedOf(eventId: string, customerId: string): Promise<number> {
  const [row] = await env.database.sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM reservations WHERE event_id = ${eventId} AND customer_id = ${customerId} AND status = 'queued'`;
  return row!.n;
}

async function reservationsOf(eventId: string): Promise<number> {
  const [row] = await env.database.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM reservations WHERE event_id = ${eventId}`;
  return row!.n;
}

describe('rate limits, shared by every API instance', () => {
  it("counts a customer's writes in Redis across both instances (RATE_LIMIT_WRITES_COUNTED_HERE=false): exactly the quota is served, the rest are 429 with Retry-After and RateLimit headers", async () => {
    const [a, b] = await twoApis({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_CUSTOMER_WRITES: '5', RATE_LIMIT_WINDOW_SECONDS: '60', RATE_LIMIT_WRITES_COUNTED_HERE: 'false' });
    const event = await eventRequests(a).createEvent({ ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 100, capacity: 1_000 }] });
    const customer = newCustomer();

    const replies = await Promise.all(Array.from({ length: 40 }, (_, index) => buy(index % 2 ? a : b, event.id, customer.token)));

    expect(countByStatus(replies)).toEqual({ 202: 5, 429: 35 });
    const refused = replies.find((reply) => reply.status === 429)!;
    expect(expectProblem(refused, 429).type).toBe('urn:onsale:problem:rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(refused.headers.get('ratelimit-policy')).toContain('"customer-writes";q=5;w=60');
    expect(refused.headers.get('ratelimit')).toMatch(/"customer-writes";r=0;t=\d+/);
    const served = replies.find((reply) => reply.status === 202)!;
    expect(served.headers.get('ratelimit')).toMatch(/"customer-writes";r=[0-4];t=\d+/);
    expect(await reservationsOf(event.id)).toBe(5);

    // Reads are counted apart: polling is still served, and another customer still buys.
    const accepted = served.body as { id: string };
    expect((await a('GET', `/v1/reservations/${accepted.id}`, { token: customer.token })).status).toBe(200);
    expect((await buy(b, event.id, newCustomer().token)).status).toBe(202);
  });

  it("as shipped, counts a customer's writes in each instance's memory, shared through Redis: both instances together serve between the quota and twice it, and Redis then holds what was served", async () => {
    const [a, b] = await twoApis({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_CUSTOMER_WRITES: '5', RATE_LIMIT_WINDOW_SECONDS: '60', RATE_LIMIT_RECONCILE_MS: '50' });
    const event = await eventRequests(a).createEvent({ ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 100, capacity: 1_000 }] });
    const customer = newCustomer();

    const burst = await Promise.all(Array.from({ length: 40 }, (_, index) => buy(index % 2 ? a : b, event.id, customer.token)));

    // Two instances: at most (N − 1) × Q over the quota (docs/guarantees.md#rate-limits).
    const served = countByStatus(burst)[202] ?? 0;
    expect(served).toBeGreaterThanOrEqual(5);
    expect(served).toBeLessThanOrEqual(10);
    expect(countByStatus(burst)[429]).toBe(40 - served);
    expect(await reservationsOf(event.id)).toBe(served);
    await waitUntil(async () => Number(await env.redis.get(`${env.keyPrefix}:rate-limit:customer-writes:${customer.sub}`)) === served);
  });

  it('counts every request of a client address across both instances, public routes too; health checks are not counted', async () => {
    const [a, b] = await twoApis({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_PER_IP: '30', RATE_LIMIT_WINDOW_SECONDS: '60' });
    const event = await eventRequests(a).createEvent();

    const replies = await Promise.all(Array.from({ length: 100 }, (_, index) => (index % 2 ? a : b)('GET', `/v1/events/${event.id}`)));

    // The event's creation counted as one of the 30. Reads are counted in each instance's memory and
    // reconciled through Redis: two instances may serve up to one quota more (docs/guarantees.md#rate-limits).
    const served = countByStatus(replies)[200] ?? 0;
    expect(served).toBeGreaterThanOrEqual(29);
    expect(served).toBeLessThanOrEqual(29 + 30);
    expect(countByStatus(replies)[429]).toBe(100 - served);
    const refused = replies.find((reply) => reply.status === 429)!;
    expect(expectProblem(refused, 429).type).toBe('urn:onsale:problem:rate_limited');
    expect(refused.headers.get('ratelimit-policy')).toBe('"ip";q=30;w=60');
    expect((await a('GET', '/healthz')).status).toBe(200);
    expect((await b('POST', `/v1/events/${event.id}/reservations`, { token: newCustomer().token, json: {} })).status).toBe(429);
  });

  it("answers an address over its limit 429 before looking at the token, on unknown paths too, and leaves the customer's count as it was", async () => {
    const [a, b] = await twoApis({
      RATE_LIMIT_ENABLED: 'true',
      RATE_LIMIT_PER_IP: '12',
      RATE_LIMIT_CUSTOMER_WRITES: '10',
      RATE_LIMIT_WINDOW_SECONDS: '60',
      RATE_LIMIT_WRITES_COUNTED_HERE: 'false',
    });
    const event = await eventRequests(a).createEvent({ ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 100, capacity: 1_000 }] });
    const customer = newCustomer();

    // 1 (the event) + 3 buys + 8 writes to unknown paths use up the address's 12 (writes counted in Redis, exactly).
    const buys = await Promise.all(Array.from({ length: 3 }, (_, index) => buy(index % 2 ? a : b, event.id, customer.token)));
    const unknown = await Promise.all(Array.from({ length: 8 }, (_, index) => (index % 2 ? a : b)('POST', '/v1/no-such-route', { json: {} })));
    expect(countByStatus(buys)).toEqual({ 202: 3 });
    expect(countByStatus(unknown)).toEqual({ 404: 8 });

    const over = await Promise.all([
      buy(a, event.id, customer.token),
      buy(b, event.id, customer.token),
      buy(a, event.id, 'not-a-token'),
      a('POST', '/v1/no-such-route', { json: {} }),
    ]);
    expect(over.map((reply) => reply.status)).toEqual([429, 429, 429, 429]);
    for (const reply of over) expect(reply.headers.get('ratelimit-policy')).toBe('"ip";q=12;w=60');

    // The two buys refused by the address did not count against the customer: 3 of 10 used, 7 left.
    await waitUntil(async () => Number(await env.redis.get(`${env.keyPrefix}:rate-limit:customer-writes:${customer.sub}`)) === 3);
    await deleteKeysMatching(env.redis, `${env.keyPrefix}:rate-limit:ip:*`);
    const again = await buy(b, event.id, customer.token);
    expect(again.status).toBe(202);
    expect(again.headers.get('ratelimit')).toMatch(/"customer-writes";r=6;t=\d+/);
  });
});

describe('the cap on one customer’s queued requests per event', () => {
  it('accepts exactly the cap out of 300 concurrent requests sent to two instances, and accepts again once they are decided', async () => {
    const [a, b] = await twoApis({ MAX_QUEUED_PER_CUSTOMER: '3' });
    const event = await eventRequests(a).createEvent({ ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 100, capacity: 1_000 }] });
    const customer = newCustomer();

    const replies = await Promise.all(Array.from({ length: 300 }, (_, index) => buy(index % 2 ? a : b, event.id, customer.token)));

    expect(countByStatus(replies)).toEqual({ 202: 3, 429: 297 });
    const refused = replies.find((reply) => reply.status === 429)!;
    expect(expectProblem(refused, 429).type).toBe('urn:onsale:problem:too_many_queued');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await queuedOf(event.id, customer.sub)).toBe(3);
    expect(await reservationsOf(event.id)).toBe(3);
    // Another customer, and the same customer for another event, are not capped by it.
    expect((await buy(a, event.id, newCustomer().token)).status).toBe(202);

    // A retry under an Idempotency-Key already used is its reservation, not a refusal.
    const keyed = newCustomer();
    const first = await buy(a, event.id, keyed.token, 1, { 'Idempotency-Key': 'key-1' });
    await Promise.all([buy(a, event.id, keyed.token), buy(b, event.id, keyed.token)]);
    const replay = await buy(b, event.id, keyed.token, 1, { 'Idempotency-Key': 'key-1' });
    expect(replay.status).toBe(202);
    expect(replay.body.id).toBe(first.body.id);

    await runWorker();
    await waitUntil(async () => (await queuedOf(event.id, customer.sub)) === 0);
    await stopWorker(); // so that none of the next requests is decided, freeing a place, while they arrive
    const later = await Promise.all(Array.from({ length: 10 }, (_, index) => buy(index % 2 ? a : b, event.id, customer.token)));
    expect(countByStatus(later)).toEqual({ 202: 3, 429: 7 });
  });
});

describe('sold out, answered at once', () => {
  it('answers 409 sold_out without recording or queueing anything, replays a keyed request, and accepts again once a hold is cancelled', async () => {
    const [a, b] = await twoApis({ ADMISSION_SOLD_OUT_IMMEDIATE: 'true' });
    await runWorker();
    const event = await eventRequests(a).createEvent({ ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 100, capacity: 2 }] });
    const holder = newCustomer();
    const keyed = newCustomer();
    const hold = await buy(a, event.id, holder.token, 1);
    const keyedHold = await buy(b, event.id, keyed.token, 1, { 'Idempotency-Key': 'mine' });
    expect([hold.status, keyedHold.status]).toEqual([202, 202]);
    await waitUntil(async () => (await eventRequests(a).stockOf(event.id)).held === 2);

    // Both instances learn of the sale from the workers' commits, not from a query per request.
    for (const call of [a, b]) await waitUntil(async () => (await buy(call, event.id, newCustomer().token)).status === 409);
    const recorded = await reservationsOf(event.id);
    const replies = await Promise.all(Array.from({ length: 200 }, (_, index) => buy(index % 2 ? a : b, event.id, newCustomer().token)));

    expect(countByStatus(replies)).toEqual({ 409: 200 });
    const problem = expectProblem(replies[0]!, 409);
    expect(problem.type).toBe('urn:onsale:problem:sold_out');
    expect(await reservationsOf(event.id)).toBe(recorded);
    const replay = await buy(a, event.id, keyed.token, 1, { 'Idempotency-Key': 'mine' });
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ id: keyedHold.body.id, status: 'held' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');

    const cancelled = await a('POST', `/v1/reservations/${hold.body.id}/cancel`, { token: holder.token });
    expect(cancelled.status).toBe(200);
    // The other instance learns of the release from the worker's commit too.
    await waitUntil(async () => (await buy(b, event.id, newCustomer().token)).status === 202);
    await waitUntil(async () => (await eventRequests(a).stockOf(event.id)).held === 2);
  });
});

describe('backpressure', () => {
  it("answers 503 backlog_full with Retry-After while the event's backlog would wait longer than allowed, and accepts once it is decided", async () => {
    const [a, b] = await twoApis({ ADMISSION_MAX_WAIT_SECONDS: '1' });
    const event = await eventRequests(a).createEvent({ ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 100, capacity: 1_000 }] });
    const queued = await Promise.all(Array.from({ length: 20 }, (_, index) => buy(index % 2 ? a : b, event.id, newCustomer().token)));
    expect(countByStatus(queued)).toEqual({ 202: 20 });

    // No worker runs: nothing is decided, and the oldest request's wait soon passes a second.
    let refused: Reply | undefined;
    await waitUntil(async () => {
      refused = await buy(b, event.id, newCustomer().token);
      return refused.status === 503;
    });
    expect(expectProblem(refused!, 503).type).toBe('urn:onsale:problem:backlog_full');
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const accepted = await reservationsOf(event.id);
    const replies = await Promise.all(Array.from({ length: 50 }, (_, index) => buy(index % 2 ? a : b, event.id, newCustomer().token)));
    expect(countByStatus(replies)[503]).toBeGreaterThanOrEqual(40);
    expect(await reservationsOf(event.id)).toBe(accepted + (countByStatus(replies)[202] ?? 0));

    await runWorker();
    for (const call of [a, b]) {
      const buyer = newCustomer();
      await waitUntil(async () => (await buy(call, event.id, buyer.token)).status === 202);
    }
  });
});

it('serves an admin without counting against any customer limit', async () => {
  const [a] = await twoApis({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_CUSTOMER_WRITES: '1', RATE_LIMIT_WINDOW_SECONDS: '60' });
  const created = await Promise.all(Array.from({ length: 3 }, () => eventRequests(a).createEvent()));
  expect(created).toHaveLength(3);
  expect((await a('GET', '/v1/admin/backlog', { token: adminToken() })).status).toBe(200);
});
