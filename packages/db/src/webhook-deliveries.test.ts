import { givenEvent } from '../../../test/support/factories';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import type { Database } from './client';
import { fanOutMessages, finishAttempt, relayDueDeliveries, startAttempt, type AttemptOutcome, type DueDelivery } from './webhook-deliveries';
import { recordWebhookEvents } from './webhook-outbox';

/* The relay and attempt bookkeeping against PostgreSQL: what is handed out, when, and what an attempt leaves. */

const SECRET = `whsec_${Buffer.alloc(32, 2).toString('base64')}`;
const LIMITS = { perEndpoint: 2, batch: 100, leaseMs: 60_000 };

let testDb: TestDatabase;
let database: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = testDb.database;
});

afterAll(async () => {
  await testDb?.dispose();
});

beforeEach(async () => {
  await database.sql`DELETE FROM webhook_messages`;
  await database.sql`DELETE FROM webhook_endpoints`;
});

async function givenDeliveries(count: number): Promise<string> {
  const [endpoint] = await database.sql<{ id: string }[]>`
    INSERT INTO webhook_endpoints (url, event_types, secret) VALUES ('https://receiver.test/hook', ${['event.sold_out']}, ${SECRET}) RETURNING id`;
  const event = await givenEvent(database);
  const events = Array.from({ length: count }, (_, n) => ({ type: 'event.sold_out' as const, eventId: event.id, data: { n } }));
  expect(await recordWebhookEvents(database.sql, events)).toBe(count);
  expect(await fanOutMessages(database, 1_000)).toBe(count);
  return endpoint!.id;
}

const handOut = (enqueue: (due: readonly DueDelivery[]) => Promise<void> = async () => {}) => relayDueDeliveries(database, LIMITS, enqueue);
const enqueued = async () => (await database.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM webhook_deliveries WHERE enqueued_at IS NOT NULL`)[0]!.n;

const outcome = (next: AttemptOutcome['next'], statusCode: number | null, disableEndpoint = false): AttemptOutcome => ({
  startedAt: new Date(),
  latencyMs: 12,
  statusCode,
  error: statusCode === null ? 'ECONNREFUSED' : null,
  next,
  disableEndpoint,
});

describe('the webhook relay', () => {
  it('hands out no more than the per-endpoint limit in flight, and more as attempts finish', async () => {
    await givenDeliveries(5);
    const first = await handOut();
    expect(first).toHaveLength(2);
    expect(first.every((due) => due.attempt === 0)).toBe(true);
    expect(await handOut()).toEqual([]);
    const delivery = await startAttempt(database.sql, first[0]!);
    expect(delivery).toMatchObject({ type: 'event.sold_out', secrets: [SECRET], scheduleStep: 0, sequence: null });
    expect(await finishAttempt(database.sql, first[0]!, outcome({ state: 'delivered' }, 204))).toBe(true);
    expect(await handOut()).toHaveLength(1);
    expect(await enqueued()).toBe(2);
  });

  it('leaves deliveries due when the queue does not take them (Redis away), and hands them out on the next pass', async () => {
    await givenDeliveries(2);
    await expect(handOut(async () => Promise.reject(new Error('Redis is away')))).rejects.toThrow('Redis is away');
    expect(await enqueued()).toBe(0);
    expect(await handOut()).toHaveLength(2);
  });

  it('hands a delivery out again once its lease ran out (its job was lost)', async () => {
    await givenDeliveries(1);
    const [due] = await handOut();
    expect(await handOut()).toEqual([]);
    await database.sql`UPDATE webhook_deliveries SET enqueued_at = now() - interval '2 minutes'`;
    expect(await handOut()).toEqual([due]);
  });

  it('records each attempt once; a retry is due at its time; a 410 kills the delivery and disables the endpoint', async () => {
    const endpointId = await givenDeliveries(2);
    const [a, b] = await handOut();
    const later = new Date(Date.now() + 60_000);
    expect(await finishAttempt(database.sql, a!, outcome({ state: 'retry', nextAttemptAt: later }, 503))).toBe(true);
    // The same job finishing twice (a duplicate job) records nothing more.
    expect(await finishAttempt(database.sql, a!, outcome({ state: 'delivered' }, 200))).toBe(false);
    expect(await startAttempt(database.sql, a!)).toBeUndefined();
    const [row] = await database.sql<{ state: string; attempts: number; enqueued: boolean; dueThen: boolean }[]>`
      SELECT state, attempts, enqueued_at IS NOT NULL AS enqueued, next_attempt_at = ${later.toISOString()}::timestamptz AS "dueThen"
      FROM webhook_deliveries WHERE id = ${a!.id}`;
    expect(row).toEqual({ state: 'pending', attempts: 1, enqueued: false, dueThen: true });
    expect((await handOut()).map((due) => due.id)).not.toContain(a!.id); // not due yet

    expect(await finishAttempt(database.sql, b!, outcome({ state: 'dead' }, 410, true))).toBe(true);
    const [endpoint] = await database.sql<{ disabledReason: string }[]>`SELECT disabled_reason AS "disabledReason" FROM webhook_endpoints WHERE id = ${endpointId}`;
    expect(endpoint!.disabledReason).toBe('gone');
    const attempts = await database.sql<{ attempt: number; statusCode: number; latencyMs: number }[]>`
      SELECT attempt, status_code AS "statusCode", latency_ms AS "latencyMs" FROM webhook_attempts ORDER BY status_code`;
    expect(attempts).toEqual([
      { attempt: 1, statusCode: 410, latencyMs: 12 },
      { attempt: 1, statusCode: 503, latencyMs: 12 },
    ]);
    // A disabled endpoint's deliveries are not handed out.
    await database.sql`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE id = ${a!.id}`;
    expect(await handOut()).toEqual([]);
  });

  it('signs with the replaced secret too only until it expires', async () => {
    await givenDeliveries(1);
    const previous = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;
    await database.sql`UPDATE webhook_endpoints SET previous_secret = ${previous}, previous_secret_expires_at = now() + interval '1 hour'`;
    const [due] = await handOut();
    expect((await startAttempt(database.sql, due!))!.secrets).toEqual([SECRET, previous]);
    await database.sql`UPDATE webhook_endpoints SET previous_secret_expires_at = now() - interval '1 second'`;
    expect((await startAttempt(database.sql, due!))!.secrets).toEqual([SECRET]);
  });
});
