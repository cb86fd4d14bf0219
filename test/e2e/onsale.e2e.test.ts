import { sql } from 'drizzle-orm';
import { createOnsaleClient, type OnsaleClient } from '@onsale/client';
import { freePort, startApp, waitForHttp, type RunningProcess } from '@onsale/scripts/processes';
import { WITHOUT_ADMISSION_CONTROL } from '../support/admission-settings';
import { parseSse } from '../support/sse';
import { createTestEnvironment, waitUntil, type TestEnvironment } from '../support/test-environment';
import { tokenFor } from '../support/tokens';

/*
 * The whole system as it ships: the built API and two worker processes, over HTTP, against real
 * PostgreSQL and Redis.
 */

jest.setTimeout(240_000);

const JWT_SECRET = 'e2e-secret-at-least-16-chars';

let env: TestEnvironment;
let admin: OnsaleClient;
let api: RunningProcess;
let apiPort: number;
let workers: RunningProcess[] = [];

function workerEnv(id: string) {
  // Short locks so that a killed worker's partition is taken over within a few seconds.
  return { ...env.env, WORKER_ID: id, LOG_LEVEL: 'warn', WORKER_LOCK_DURATION_MS: '2000', WORKER_STALLED_INTERVAL_MS: '1000' };
}

beforeAll(async () => {
  env = await createTestEnvironment();
  const port = await freePort();
  apiPort = port;
  api = startApp('api', 'api', { ...env.env, ...WITHOUT_ADMISSION_CONTROL, PORT: String(port), JWT_SECRET, LOG_LEVEL: 'warn', DB_POOL_SIZE: '20' });
  workers = [startApp('worker', 'worker-1', workerEnv('worker-1')), startApp('worker', 'worker-2', workerEnv('worker-2'))];
  await waitForHttp(`http://127.0.0.1:${port}/readyz`);
  admin = createOnsaleClient({ baseUrl: `http://127.0.0.1:${port}`, token: tokenFor('e2e-admin', 'admin', JWT_SECRET) });
});

/** @onsale/client as the customer `sub`. */
const customer = (sub: string, baseUrl = `http://127.0.0.1:${apiPort}`) => createOnsaleClient({ baseUrl, token: tokenFor(sub, 'customer', JWT_SECRET) });

afterAll(async () => {
  await Promise.all([api, ...workers].filter(Boolean).map((process) => process.stop()));
  await env?.dispose();
});

afterEach(() => {
  const { currentTestName } = expect.getState();
  if (process.exitCode) console.log(`${currentTestName}\n${[api, ...workers].map((p) => p.output()).join('\n')}`);
});

const count = async (query: ReturnType<typeof sql>) => {
  const [row] = await env.db.execute<{ n: number }>(query);
  return Number(row!.n);
};

async function rush(eventId: string, buyers: number, tag: string) {
  const startedAt = performance.now();
  const responses = await Promise.all(
    Array.from({ length: buyers }, async (_, index) => {
      // The typed call itself, not `request`: the test checks each answer's status.
      const { data, response } = await customer(`${tag}-${index}`).api.POST('/v1/events/{eventId}/reservations', {
        params: { path: { eventId } },
        body: { items: [{ ticketType: 'GA', quantity: 1 }] },
      });
      return { status: response.status, body: data! };
    }),
  );
  const acceptedMs = performance.now() - startedAt;
  return { responses, startedAt, acceptedMs };
}

async function waitForDecisions(eventId: string, timeoutMs: number) {
  await waitUntil(
    async () => (await count(sql`SELECT count(*) AS n FROM reservations WHERE event_id = ${eventId} AND status = 'queued'`)) === 0,
    timeoutMs,
  );
}

/** The event's decision transactions, in order: [start, decisions written], worker, how many it decided. */
async function decisionTimeline(eventId: string) {
  return env.db.execute<{ started: string; decided: string; worker: string; decisions: number }>(sql`
    SELECT decision_started_at::text AS started, max(decided_at)::text AS decided, decided_by AS worker,
           count(*)::int AS decisions
    FROM reservations WHERE event_id = ${eventId} AND decided_at IS NOT NULL
    GROUP BY decision_started_at, decided_by
    ORDER BY decision_started_at`);
}

async function expectConsistentInventory(eventId: string, capacity: number) {
  const [ticketType] = await env.db.execute<{ held: number; sold: number; capacity: number }>(
    sql`SELECT held, sold, capacity FROM ticket_types WHERE event_id = ${eventId}`,
  );
  const heldByDecisions = await count(sql`
    SELECT coalesce(sum(i.quantity), 0) AS n FROM reservations r JOIN reservation_items i ON i.reservation_id = r.id
    WHERE r.event_id = ${eventId} AND r.status = 'held'`);
  expect(ticketType).toEqual({ held: capacity, sold: 0, capacity });
  expect(heldByDecisions).toBe(capacity);
  // Every reservation has exactly its queued row and its decision row in the audit log.
  const historyRowsOff = await count(sql`
    SELECT count(*) AS n FROM reservations r
    WHERE r.event_id = ${eventId} AND (SELECT count(*) FROM reservation_history h WHERE h.reservation_id = r.id) <> 2`);
  expect(historyRowsOff).toBe(0);
}

test('2,000 concurrent buyers for 500 tickets: exactly 500 held, every request decided once, one writer at a time', async () => {
  const event = await admin.events.create({
    name: 'E2E rush',
    startsAt: '2030-01-01T20:00:00Z',
    ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5000, capacity: 500 }],
  });
  const { responses, startedAt, acceptedMs } = await rush(event.id, 2_000, 'buyer');
  expect(responses.map((response) => response.status)).toEqual(Array(2_000).fill(202));
  expect(new Set(responses.map((response) => response.body.id)).size).toBe(2_000);

  await waitForDecisions(event.id, 120_000);
  const decidedMs = performance.now() - startedAt;

  const outcomes = await env.db.execute<{ status: string; reason: string | null; n: number }>(sql`
    SELECT status, reason, count(*)::int AS n FROM reservations WHERE event_id = ${event.id} GROUP BY status, reason ORDER BY status`);
  expect(outcomes.map((row) => ({ ...row }))).toEqual([
    { status: 'held', reason: null, n: 500 },
    { status: 'rejected', reason: 'sold_out', n: 1_500 },
  ]);
  await expectConsistentInventory(event.id, 500);

  const timeline = await decisionTimeline(event.id);
  expect(timeline.reduce((sum, transaction) => sum + transaction.decisions, 0)).toBe(2_000);
  const overlaps = timeline.filter((row, index) => index > 0 && row.started < timeline[index - 1]!.decided);
  expect(overlaps).toEqual([]);

  const [latency] = await env.db.execute<{ p50: number; p99: number }>(sql`
    SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - created_at)) * 1000)::int AS p50,
           round(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - created_at)) * 1000)::int AS p99
    FROM reservations WHERE event_id = ${event.id}`);
  const byWorker = timeline.reduce<Record<string, number>>((counts, row) => ({ ...counts, [row.worker]: (counts[row.worker] ?? 0) + row.decisions }), {});
  console.log(
    JSON.stringify({ requests: 2_000, tickets: 500, transactions: timeline.length, acceptedMs: Math.round(acceptedMs), decidedMs: Math.round(decidedMs), decisionsPerSecond: Math.round(2_000 / (decidedMs / 1000)), acceptToDecisionMs: latency, byWorker }),
  );
});

test('a worker killed mid-rush has its partition taken over; nothing is lost or decided twice', async () => {
  const event = await admin.events.create({
    name: 'E2E failover',
    startsAt: '2030-01-01T20:00:00Z',
    ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5000, capacity: 300 }],
  });
  const first = await rush(event.id, 500, 'failover-a');
  expect(first.responses.every((response) => response.status === 202)).toBe(true);

  // Kill the worker that is deciding for this event, then let the rest of the rush arrive.
  await waitUntil(async () => (await count(sql`SELECT count(*) AS n FROM reservations WHERE event_id = ${event.id} AND decided_at IS NOT NULL`)) >= 100, 60_000);
  const [latest] = await env.db.execute<{ worker: string }>(sql`
    SELECT decided_by AS worker FROM reservations WHERE event_id = ${event.id} AND decided_at IS NOT NULL ORDER BY decided_at DESC LIMIT 1`);
  const victim = workers.find((worker) => worker.name === latest!.worker)!;
  await victim.kill();
  const survivor = workers.find((worker) => worker !== victim)!;
  const second = await rush(event.id, 500, 'failover-b');
  expect(second.responses.every((response) => response.status === 202)).toBe(true);

  await waitForDecisions(event.id, 120_000);
  const held = await count(sql`SELECT count(*) AS n FROM reservations WHERE event_id = ${event.id} AND status = 'held'`);
  const rejected = await count(sql`SELECT count(*) AS n FROM reservations WHERE event_id = ${event.id} AND status = 'rejected'`);
  expect({ held, rejected }).toEqual({ held: 300, rejected: 700 });
  await expectConsistentInventory(event.id, 300);
  const bySurvivor = await count(sql`SELECT count(*) AS n FROM reservations WHERE event_id = ${event.id} AND decided_by = ${survivor.name}`);
  expect(bySurvivor).toBeGreaterThan(0);

  // Bring the pool back to two for anything that follows.
  workers = [survivor, startApp('worker', victim.name, workerEnv(victim.name))];
});

/** The `data` of each `reservation` event of an SSE response, until the server ends the stream. */
async function readReservationEvents(response: Response): Promise<{ status: string; version: number }[]> {
  return parseSse(await response.text())
    .filter((message) => message.event === 'reservation')
    .map((message) => JSON.parse(message.data));
}

test('any API instance serves any subscriber: a stream on a second API sees a change made through the first', async () => {
  const secondPort = await freePort();
  const second = startApp('api', 'api-2', { ...env.env, ...WITHOUT_ADMISSION_CONTROL, PORT: String(secondPort), JWT_SECRET, LOG_LEVEL: 'warn' });
  try {
    await waitForHttp(`http://127.0.0.1:${secondPort}/readyz`);
    const event = await admin.events.create({
      name: 'E2E two APIs',
      startsAt: '2030-01-01T20:00:00Z',
      ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5000, capacity: 10 }],
    });
    const buyer = customer('two-apis');
    const reservation = await buyer.request(event.id, [{ ticketType: 'GA', quantity: 2 }]);
    // The stream read raw: this test is about what the second API sends on the wire.
    const headers = { authorization: `Bearer ${tokenFor('two-apis', 'customer', JWT_SECRET)}` };
    const stream = await fetch(`http://127.0.0.1:${secondPort}/v1/reservations/${reservation.id}/events`, { headers });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const events = readReservationEvents(stream);

    expect((await buyer.decision(reservation)).status).toBe('held');
    const confirmed = await buyer.api.POST('/v1/reservations/{id}/confirm', { params: { path: { id: reservation.id } } });
    expect(confirmed.response.status).toBe(200);

    const seen = await events;
    expect(seen.at(-1)).toMatchObject({ status: 'confirmed', version: 3 });
    expect(seen.map((update) => update.version)).toEqual([...seen.map((update) => update.version)].sort((a, b) => a - b));
  } finally {
    await second.stop();
  }
});
