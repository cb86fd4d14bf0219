/**
 * The waiting room over HTTP: the real API in-process on this file's own database and Redis key
 * prefix, reached through counting proxies, so the test can tell that polls are answered from
 * memory. Requests stay queued until the test starts a real partition worker.
 */
import type { QueuePlace, ReservationView } from '@onsale/shared';
import { startWorker } from '@onsale/worker/worker';
import { createLogger, loadWorkerConfig } from '@onsale/shared';
import { startTestApi, type TestApi } from '../../../../test/support/api-app';
import { startCountingProxy, throughProxy, type CountingProxy } from '../../../../test/support/counting-proxy';
import { eventRequests } from '../../../../test/support/event-requests';
import { httpClient } from '../../../../test/support/http-client';
import { createTestEnvironment, waitUntil, type TestEnvironment } from '../../../../test/support/test-environment';
import { newCustomer } from '../../../../test/support/tokens';
import { LONGEST_POLL_AFTER_SECONDS, pollAfterSeconds } from './reservation-polls';

let env: TestEnvironment;
let postgres: CountingProxy;
let redis: CountingProxy;
let api: TestApi;
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
const call = httpClient(() => api.baseUrl);
const { createEvent } = eventRequests(call);

beforeAll(async () => {
  env = await createTestEnvironment();
  const hostOf = (url: string) => ({ host: new URL(url).hostname, port: Number(new URL(url).port || 0) });
  postgres = await startCountingProxy({ ...hostOf(env.databaseUrl), port: Number(new URL(env.databaseUrl).port || 5432) });
  redis = await startCountingProxy({ ...hostOf(env.redisUrl), port: Number(new URL(env.redisUrl).port || 6379) });
  api = await startTestApi(env, {
    DATABASE_URL: throughProxy(env.databaseUrl, postgres.address),
    REDIS_URL: throughProxy(env.redisUrl, redis.address),
    // Rate limits on, as in production, with quotas no test reaches: reads are counted in memory.
    RATE_LIMIT_ENABLED: 'true',
    RATE_LIMIT_PER_IP: '100000',
    RATE_LIMIT_CUSTOMER_READS: '100000',
    RATE_LIMIT_CUSTOMER_WRITES: '100000',
  });
});

afterAll(async () => {
  await api?.close();
  await worker?.close();
  await postgres?.close();
  await redis?.close();
  await env?.dispose();
});

type Buyer = ReturnType<typeof newCustomer>;

async function reserve(eventId: string, buyer: Buyer, quantity = 2) {
  const reply = await call<ReservationView>('POST', `/v1/events/${eventId}/reservations`, { token: buyer.token, json: { items: [{ ticketType: 'GA', quantity }] } });
  expect(reply.status).toBe(202);
  // The ETag a first poll sends back: version 1 at the place the 202 told.
  expect(reply.headers.get('etag')).toBe(`"1.${reply.body.queue!.position}"`);
  return reply.body;
}

/** 1 + the event's queued requests recorded before this one, as PostgreSQL has them now. */
async function positionInDatabase(reservationId: string): Promise<number> {
  const [row] = await env.database.sql<{ ahead: number }[]>`
    SELECT count(*)::int AS ahead FROM reservations r, reservations me
    WHERE me.id = ${reservationId} AND r.event_id = me.event_id AND r.status = 'queued' AND r.arrival < me.arrival`;
  return row!.ahead + 1;
}

describe('pollAfterSeconds: when a queued buyer is told to poll again', () => {
  const now = Date.parse('2026-12-07T10:00:00Z');
  const etaIn = (seconds: number) => new Date(now + seconds * 1000).toISOString();

  it('is half the ETA, 1 s at the front and LONGEST_POLL_AFTER_SECONDS far back', () => {
    expect(pollAfterSeconds({ position: 1, estimatedDecisionAt: etaIn(0.2) }, now)).toBe(1);
    expect(pollAfterSeconds({ position: 900, estimatedDecisionAt: etaIn(12) }, now)).toBe(6);
    expect(pollAfterSeconds({ position: 50_000, estimatedDecisionAt: etaIn(600) }, now)).toBe(LONGEST_POLL_AFTER_SECONDS);
  });

  it('without a decision rate, goes by the position as if 100 were decided a second', () => {
    expect(pollAfterSeconds({ position: 80, estimatedDecisionAt: null }, now)).toBe(1);
    expect(pollAfterSeconds({ position: 2_000, estimatedDecisionAt: null }, now)).toBe(10);
    expect(pollAfterSeconds({ position: 20_000, estimatedDecisionAt: null }, now)).toBe(LONGEST_POLL_AFTER_SECONDS);
  });
});

describe('GET /v1/reservations/:id while queued (no worker running)', () => {
  let eventId: string;
  const buyers = Array.from({ length: 12 }, () => newCustomer());
  const reservations: ReservationView[] = [];

  beforeAll(async () => {
    eventId = (await createEvent({ ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 100, capacity: 20 }] })).id;
    for (const buyer of buyers) reservations.push(await reserve(eventId, buyer));
  });

  it('answers every 202 with its exact place: position, requests and tickets ahead', () => {
    expect(reservations.map((reservation) => reservation.queue?.position)).toEqual(buyers.map((_, index) => index + 1));
    expect(reservations[4]!.queue).toMatchObject({ requestsAhead: 4, ticketsAhead: 8, estimatedDecisionAt: null });
  });

  it('polls give the place PostgreSQL gives, with an ETag of version and position and a Retry-After', async () => {
    for (const [index, reservation] of reservations.entries()) {
      const reply = await call<ReservationView>('GET', `/v1/reservations/${reservation.id}`, { token: buyers[index]!.token });
      expect(reply.status).toBe(200);
      expect(reply.body.queue!.position).toBe(await positionInDatabase(reservation.id));
      expect(reply.headers.get('etag')).toBe(`"1.${index + 1}"`);
      const retryAfter = Number(reply.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(LONGEST_POLL_AFTER_SECONDS);
    }
  });

  it('tells the outlook from what is left: 20 tickets, 2 asked by each', async () => {
    const outlooks = [];
    for (const [index, reservation] of reservations.entries()) {
      outlooks.push(((await call<ReservationView>('GET', `/v1/reservations/${reservation.id}`, { token: buyers[index]!.token })).body.queue as QueuePlace).outlook);
    }
    // Places 1–10 fit even if everyone ahead is served; from place 11, the 20 tickets asked ahead are all there is.
    expect(outlooks).toEqual([...Array<string>(10).fill('likely_available'), 'likely_sold_out', 'likely_sold_out']);
  });

  it('answers 304 with no body to a matching If-None-Match, 404 to anyone but the owner', async () => {
    const [first] = reservations;
    const reply = await call('GET', `/v1/reservations/${first!.id}`, { token: buyers[0]!.token, headers: { 'If-None-Match': '"1.1"' } });
    expect(reply.status).toBe(304);
    expect(reply.headers.get('etag')).toBe('"1.1"');
    expect(reply.body).toBeFalsy();
    expect((await call('GET', `/v1/reservations/${first!.id}`, { token: buyers[1]!.token })).status).toBe(404);
  });

  it('never answers older than the version the client shows: 304 until that claim may be checked in PostgreSQL', async () => {
    const buyer = newCustomer();
    const reservation = await reserve(eventId, buyer);
    // Version 2, as another instance a moment ahead would have told it (this one has not heard of it).
    const claimingNewer = () => call<ReservationView>('GET', `/v1/reservations/${reservation.id}`, { token: buyer.token, headers: { 'If-None-Match': '"2"' } });
    const early = await claimingNewer();
    expect(early.status).toBe(304);
    expect(early.headers.get('etag')).toBe('"2"');
    // Past the check's interval the claim is read in PostgreSQL: there is no version 2, so what it has is the answer.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const checked = await claimingNewer();
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ status: 'queued', version: 1 });
  });

  it('answers repeated polls without a PostgreSQL or Redis round trip per poll', async () => {
    const [pgBefore, redisBefore] = [postgres.writes(), redis.writes()];
    const polls = 300;
    for (let i = 0; i < polls; i++) {
      const index = i % reservations.length;
      expect((await call('GET', `/v1/reservations/${reservations[index]!.id}`, { token: buyers[index]!.token })).status).toBe(200);
    }
    // What the event's state re-reads once a second and the rate limits reconcile twice a second,
    // however many polls: far fewer than one per poll.
    expect(postgres.writes() - pgBefore).toBeLessThan(polls / 10);
    expect(redis.writes() - redisBefore).toBeLessThan(polls / 10);
  });
});

describe('GET /v1/reservations/:id as the queue is decided', () => {
  it('shows the decision with a new ETag and no Retry-After, then what later commands did', async () => {
    const eventId = (await createEvent()).id;
    const buyers = Array.from({ length: 5 }, () => newCustomer());
    const reservations: ReservationView[] = [];
    for (const buyer of buyers) reservations.push(await reserve(eventId, buyer));
    const poll = (index: number) => call<ReservationView>('GET', `/v1/reservations/${reservations[index]!.id}`, { token: buyers[index]!.token });
    expect((await poll(4)).body.queue!.position).toBe(5);

    worker = await startWorker(loadWorkerConfig({ ...env.env, LOG_LEVEL: 'silent', WORKER_ID: 'polls-test-worker', SWEEP_INTERVAL_MS: '200' }), createLogger({ name: 'test', level: 'silent' }));
    await waitUntil(async () => (await poll(4)).body.status !== 'queued');
    const decided = await poll(4);
    expect(decided.body).toMatchObject({ status: 'held', version: 2 });
    expect(decided.body.queue).toBeUndefined();
    expect(decided.headers.get('etag')).toBe('"2"');
    expect(decided.headers.get('retry-after')).toBeNull();

    const confirmed = await call<ReservationView>('POST', `/v1/reservations/${reservations[4]!.id}/confirm`, { token: buyers[4]!.token });
    expect(confirmed.body.status).toBe('confirmed');
    await waitUntil(async () => (await poll(4)).body.status === 'confirmed', 2_000);
    expect((await poll(4)).headers.get('etag')).toBe('"3"');
  });
});
