/**
 * Prometheus metrics of the API and a worker, in-process on real PostgreSQL and Redis: the
 * counters move with what happens, labels stay bounded, and every metric the Grafana dashboard
 * queries is exported.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventView, ReservationView } from '@onsale/shared';
import { apiWithWorkerForThisFile, startTestApi } from '../support/api-app';
import { eventRequests } from '../support/event-requests';
import { givenQueuedReservation } from '../support/factories';
import { metricNamesIn, scrape, selectorsIn, sumOf, type Sample } from '../support/prometheus';
import { waitUntil } from '../support/test-environment';
import { newCustomer } from '../support/tokens';

const { call, app } = apiWithWorkerForThisFile({ METRICS_PORT: '0' });
const { createEvent } = eventRequests(call);

const scrapeApi = () => scrape(`${app().baseUrl}/metrics`);
const scrapeWorker = () => scrape(`http://127.0.0.1:${app().workerMetricsPort}/metrics`);

type Items = { ticketType: string; quantity: number }[];

async function reserve(token: string, eventId: string, items: Items = [{ ticketType: 'GA', quantity: 1 }]) {
  const reply = await call<ReservationView>('POST', `/v1/events/${eventId}/reservations`, { token, json: { items } });
  expect(reply.status).toBe(202);
  return reply.body;
}

async function decided(token: string, id: string): Promise<ReservationView> {
  let reservation: ReservationView | undefined;
  await waitUntil(async () => {
    reservation = (await call<ReservationView>('GET', `/v1/reservations/${id}`, { token })).body;
    return reservation.status !== 'queued';
  });
  return reservation!;
}

/** Waits until a scrape satisfies `condition` (scrape-time readings are cached for about a second). */
async function scrapeUntil(read: () => Promise<Sample[]>, condition: (samples: Sample[]) => boolean): Promise<Sample[]> {
  let samples: Sample[] = [];
  await waitUntil(async () => condition((samples = await read())), 5_000);
  return samples;
}

const smallEvent = (capacity: number, holdTtlSeconds = 600): Promise<EventView> =>
  createEvent({ holdTtlSeconds, ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5_000, capacity }] });

/**
 * On a new event: three holds, one confirmed (twice: the second changes nothing), one cancelled,
 * one expired; resolves once the worker's scrape shows the expiry. Returns that scrape.
 */
async function givenConfirmedCancelledAndExpired(event: EventView): Promise<Sample[]> {
  const [confirming, cancelling, expiring] = [newCustomer(), newCustomer(), newCustomer()];
  const ids = {
    confirmed: (await reserve(confirming.token, event.id)).id,
    cancelled: (await reserve(cancelling.token, event.id)).id,
    expired: (await reserve(expiring.token, event.id)).id,
  };
  await decided(confirming.token, ids.confirmed);
  await decided(cancelling.token, ids.cancelled);
  await decided(expiring.token, ids.expired);

  expect((await call('POST', `/v1/reservations/${ids.confirmed}/confirm`, { token: confirming.token })).status).toBe(200);
  expect((await call('POST', `/v1/reservations/${ids.cancelled}/cancel`, { token: cancelling.token })).status).toBe(200);
  expect((await call('POST', `/v1/reservations/${ids.confirmed}/confirm`, { token: confirming.token })).status).toBe(200);
  await app().env.database.sql`UPDATE reservations SET expires_at = now() - interval '1 second' WHERE id = ${ids.expired}`;
  return scrapeUntil(scrapeWorker, (samples) => sumOf(samples, 'onsale_reservations_expired_total', { event_id: event.id }) === 1);
}

describe('reservation metrics', () => {
  it('counts each accepted request, and each decision by event, outcome and reason', async () => {
    const event = await smallEvent(3);
    const buyers = Array.from({ length: 5 }, () => newCustomer());
    const reservations = [];
    for (const buyer of buyers) reservations.push(await reserve(buyer.token, event.id));
    const outcomes = await Promise.all(reservations.map((reservation, index) => decided(buyers[index]!.token, reservation.id)));
    expect(outcomes.map((reservation) => reservation.status).sort()).toEqual(['held', 'held', 'held', 'rejected', 'rejected']);

    const api = await scrapeApi();
    expect(sumOf(api, 'onsale_reservations_accepted_total', { event_id: event.id })).toBe(5);
    const worker = await scrapeWorker();
    expect(sumOf(worker, 'onsale_reservations_decided_total', { event_id: event.id, outcome: 'held', reason: 'none' })).toBe(3);
    expect(sumOf(worker, 'onsale_reservations_decided_total', { event_id: event.id, outcome: 'rejected', reason: 'sold_out' })).toBe(2);
    expect(sumOf(worker, 'onsale_reservations_decided_total', { event_id: event.id })).toBe(5);
    // Every decided request was observed once; the batch sizes add up to the decisions.
    expect(sumOf(worker, 'onsale_accept_to_decision_seconds_count')).toBeGreaterThanOrEqual(5);
    expect(sumOf(worker, 'onsale_decision_batch_size_sum')).toBe(sumOf(worker, 'onsale_reservations_decided_total'));

    const tickets = await scrapeUntil(scrapeApi, (samples) => sumOf(samples, 'onsale_tickets', { event_id: event.id, state: 'held' }) === 3);
    expect(sumOf(tickets, 'onsale_tickets', { event_id: event.id, state: 'available' })).toBe(0);
    expect(sumOf(tickets, 'onsale_tickets', { event_id: event.id, state: 'sold' })).toBe(0);
  });

  it('counts confirmed, cancelled and expired reservations by event, and a confirm that changes nothing not at all', async () => {
    const event = await smallEvent(10);
    const worker = await givenConfirmedCancelledAndExpired(event);
    expect(sumOf(worker, 'onsale_reservations_confirmed_total', { event_id: event.id })).toBe(1);
    expect(sumOf(worker, 'onsale_reservations_cancelled_total', { event_id: event.id })).toBe(1);
    for (const kind of ['decide', 'confirm', 'cancel', 'expire']) {
      expect(sumOf(worker, 'onsale_transaction_duration_seconds_count', { kind })).toBeGreaterThan(0);
    }
  });

  it('reports the backlog per partition and event and the age of the oldest queued request, from PostgreSQL', async () => {
    const event = await smallEvent(10);
    const { database } = app().env;
    const { sql } = database;
    // Recorded without a job: they stay queued until the sweep's REQUEUE_AFTER_MS (30 s).
    const waiting = [await givenQueuedReservation(database, event, [{ ticketType: 'GA', quantity: 1 }]), await givenQueuedReservation(database, event, [{ ticketType: 'GA', quantity: 1 }])];
    await sql`UPDATE reservations SET created_at = now() - interval '10 seconds' WHERE id = ${waiting[0]!.id}`;
    const [row] = await sql<{ partition: number }[]>`SELECT partition FROM reservations WHERE id = ${waiting[0]!.id}`;
    const partition = row!.partition;

    const api = await scrapeUntil(scrapeApi, (samples) => sumOf(samples, 'onsale_event_backlog_reservations', { event_id: event.id }) === 2);
    expect(sumOf(api, 'onsale_backlog_reservations', { partition: String(partition) })).toBeGreaterThanOrEqual(2);
    const oldest = sumOf(api, 'onsale_backlog_oldest_age_seconds', { partition: String(partition) });
    expect(oldest).toBeGreaterThanOrEqual(10);
    expect(oldest).toBeLessThan(30);
    // Every partition is reported, empty ones as 0.
    expect(api.filter((sample) => sample.name === 'onsale_backlog_reservations')).toHaveLength(16);
    await sql`UPDATE reservations SET status = 'cancelled' WHERE id IN ${sql(waiting.map((reservation) => reservation.id))}`;
  });
});

describe('HTTP metrics', () => {
  it('labels requests by route template and status, and every unmatched URL as one route', async () => {
    const before = await scrapeApi();
    const missing = [randomUUID(), randomUUID()];
    for (const id of missing) expect((await call('GET', `/v1/events/${id}`)).status).toBe(404);
    const probes = Array.from({ length: 3 }, () => `/no-such-page-${randomUUID()}`);
    for (const path of probes) expect((await call('GET', path)).status).toBe(404);

    const after = await scrapeApi();
    const count = (samples: Sample[], labels: Record<string, string>) => sumOf(samples, 'onsale_http_request_duration_seconds_count', labels);
    const event404 = { method: 'GET', route: '/v1/events/:eventId', status: '404' };
    const unmatched = { method: 'GET', route: 'unmatched', status: '404' };
    expect(count(after, event404) - count(before, event404)).toBe(2);
    expect(count(after, unmatched) - count(before, unmatched)).toBe(3);
    const routes = new Set(after.filter((sample) => sample.name.startsWith('onsale_http_')).map((sample) => sample.labels.route));
    for (const id of [...missing, ...probes]) expect([...routes].some((route) => route?.includes(id.replace('/no-such-page-', '')))).toBe(false);
  });
});

describe('process metrics', () => {
  it('reports PostgreSQL and Redis reachable, and the pool, in both processes', async () => {
    for (const samples of [await scrapeApi(), await scrapeWorker()]) {
      expect(sumOf(samples, 'onsale_dependency_up', { dependency: 'postgres' })).toBe(1);
      expect(sumOf(samples, 'onsale_dependency_up', { dependency: 'redis' })).toBe(1);
      expect(sumOf(samples, 'onsale_db_pool_max')).toBe(10);
      expect(sumOf(samples, 'onsale_db_pool_connections', { state: 'open' })).toBeGreaterThanOrEqual(1);
      expect(sumOf(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    }
  });

  it("answers only GET /metrics on the worker's port", async () => {
    const res = await fetch(`http://127.0.0.1:${app().workerMetricsPort}/other`);
    expect(res.status).toBe(404);
    await res.text();
  });

  it('serves no /metrics when METRICS_ENABLED is false', async () => {
    const api = await startTestApi(app().env, { METRICS_ENABLED: 'false' });
    try {
      const res = await fetch(`${api.baseUrl}/metrics`);
      expect(res.status).toBe(404);
      await res.text();
    } finally {
      await api.close();
    }
  });
});

/** Series Prometheus itself records about each scrape, not exported by any process. */
const PROMETHEUS_OWN = new Set(['up']);

describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(readFileSync(join(__dirname, '../../deploy/grafana/dashboards/onsale.json'), 'utf8')) as {
    panels: { title: string; targets?: { expr: string }[] }[];
    templating: { list: { query: { query: string } }[] };
  };
  // Grafana's own interval variable, as Grafana substitutes it before PromQL sees the query.
  const expressions = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr.replaceAll('$__rate_interval', '1m')));
  const variableMetrics = dashboard.templating.list.map(({ query }) => /^label_values\((\w+),/.exec(query.query)![1]!);

  it('queries metrics in valid PromQL', () => {
    expect(expressions.length).toBeGreaterThan(15);
    for (const expression of expressions) expect(metricNamesIn(expression).length).toBeGreaterThan(0);
  });

  beforeAll(async () => {
    // Something of every kind has happened: holds and a rejection, a confirm, a cancel, an expiry, 202s.
    await givenConfirmedCancelledAndExpired(await smallEvent(5));
    const [soldOut, buyer] = [await smallEvent(1), newCustomer()];
    const tooMany = await reserve(buyer.token, soldOut.id, [{ ticketType: 'GA', quantity: 2 }]);
    expect((await decided(buyer.token, tooMany.id)).status).toBe('rejected');
  });

  it('queries only metrics that the running API and worker export', async () => {
    const exported = new Set([...(await scrapeApi()), ...(await scrapeWorker())].map((sample) => sample.name));
    const queried = new Set([...expressions.flatMap(metricNamesIn), ...variableMetrics].filter((name) => !PROMETHEUS_OWN.has(name)));
    const missing = [...queried].filter((name) => !exported.has(name));
    expect(missing).toEqual([]);
    expect(queried.size).toBeGreaterThan(15);
  });

  it('selects label values that the exported series have (route templates, states, statuses)', async () => {
    const exported = [...(await scrapeApi()), ...(await scrapeWorker())];
    const unmatched = expressions
      .flatMap(selectorsIn)
      .filter(({ name }) => !PROMETHEUS_OWN.has(name))
      .filter(({ name, equal }) => !exported.some((sample) => sample.name === name && Object.entries(equal).every(([label, value]) => sample.labels[label] === value)))
      .map(({ name, equal }) => `${name}${JSON.stringify(equal)}`);
    expect(unmatched).toEqual([]);
  });
});
