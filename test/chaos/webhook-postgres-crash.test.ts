import { setTimeout as sleep } from 'node:timers/promises';
import { createDatabase, createWebhookEndpoint, freshDatabase, type Database } from '@onsale/db';
import { PartitionQueues } from '@onsale/queue';
import { createLogger, loadWorkerConfig } from '@onsale/shared';
import postgres from 'postgres';
import { startWorker } from '../../apps/worker/src/worker';
import { givenEvent, givenQueuedReservation } from '../support/factories';
import { createTestEnvironment, waitUntil, type TestEnvironment } from '../support/test-environment';
import { testSecret, WebhookReceiver } from '../support/webhook-receiver';
import { privatePostgresAvailable, startPrivatePostgres, type PrivatePostgres } from './support';

/*
 * PostgreSQL crashes (`pg_ctl stop -m immediate`) while a decision batch is writing its decisions
 * and their webhooks (one statement), not yet committed. The batch rolls back with the crash; once
 * PostgreSQL is back the worker decides those requests again. The receiver must get exactly the
 * webhooks of committed decisions: every webhook-id it sees is a committed message, one per
 * decision, none lost. To crash at that exact point, the test holds a lock that makes the batch's
 * statement wait for the outbox, and crashes once the worker's backend is seen waiting on it.
 */

jest.setTimeout(120_000);

const REQUESTS = 300;
const CAPACITY = 100;

const describeIfPostgres = privatePostgresAvailable() ? describe : describe.skip;

describeIfPostgres('PostgreSQL crash while a decision batch writes its webhooks', () => {
  let pg: PrivatePostgres;
  let databaseUrl: string;
  let database: Database;
  /** For its Redis key prefix (the machine's Redis; only PostgreSQL crashes here). */
  let env: TestEnvironment;
  let queues: PartitionQueues;
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    databaseUrl = await freshDatabase(pg.url, 'onsale_webhook_crash');
    database = createDatabase(databaseUrl, { poolSize: 4 });
    env = await createTestEnvironment();
    queues = new PartitionQueues(env.redis, { keyPrefix: env.keyPrefix, partitionCount: 16 });
    await receiver.start();
  });

  afterAll(async () => {
    await worker?.close();
    await receiver.stop();
    await queues?.close();
    await env?.dispose();
    await database?.close();
    await pg?.dispose();
  });

  it('sends no webhook of the rolled-back batch, and every webhook of the committed decisions once', async () => {
    const endpoint = await createWebhookEndpoint(database, {
      url: receiver.url(),
      eventTypes: ['reservation.held', 'reservation.rejected', 'event.sold_out'],
      secret: testSecret(9),
      allowPrivate: true,
      createdBy: 'chaos',
    });
    const event = await givenEvent(database, { ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 100, capacity: CAPACITY }] });
    for (let i = 0; i < REQUESTS; i++) await givenQueuedReservation(database, event, [{ ticketType: 'GA', quantity: 1 }]);

    // The lock: inserts into the outbox wait for it (INSERT's ROW EXCLUSIVE conflicts with SHARE).
    const blocker = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    let releaseBlocker!: () => void;
    const blocking = blocker
      .begin(async (tx) => {
        await tx`LOCK TABLE webhook_messages IN SHARE MODE`;
        await new Promise<void>((resolve) => (releaseBlocker = resolve));
      })
      .catch(() => undefined); // killed by the crash

    worker = await startWorker(
      loadWorkerConfig({
        DATABASE_URL: databaseUrl,
        REDIS_URL: env.redisUrl,
        KEY_PREFIX: env.keyPrefix,
        WORKER_ID: 'w-crash',
        LOG_LEVEL: 'silent',
        SWEEP_INTERVAL_MS: '200',
        DECISION_BATCH_SIZE: '50',
        WEBHOOK_RETRY_SCALE: '0.001',
        WEBHOOK_RELAY_INTERVAL_MS: '20',
      }),
      createLogger({ name: 'chaos', level: 'silent' }),
    );
    await queues.enqueue({ kind: 'decide', partition: queues.partitionOf(event.id), requestId: 'chaos-decide' });

    // Mid-batch: the worker's decision transaction (its requests locked and read) waits on the outbox.
    const watcher = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await waitUntil(async () => {
      // The statement that writes the decisions and their messages, known by its start
      // (pg_stat_activity keeps the first 1 kB of a query).
      const [waiting] = await watcher<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE application_name LIKE 'onsale-worker%' AND wait_event_type = 'Lock' AND query LIKE '%WITH change AS%'`;
      return waiting!.n === 1;
    }, 20_000);
    const [before] = await watcher<{ decided: number; messages: number }[]>`
      SELECT (SELECT count(*)::int FROM reservations WHERE status <> 'queued') AS decided, (SELECT count(*)::int FROM webhook_messages) AS messages`;
    expect(before).toEqual({ decided: 0, messages: 0 });
    await watcher.end({ timeout: 1 }).catch(() => undefined);

    await pg.crash();
    releaseBlocker();
    await blocking;
    await blocker.end({ timeout: 1 }).catch(() => undefined);
    await sleep(1_000);
    await pg.start();

    // Back: the worker decides everything again and the webhooks of what committed are delivered.
    await waitUntil(async () => {
      const [left] = await database.sql<{ queued: number; notFannedOut: number; undelivered: number }[]>`
        SELECT (SELECT count(*)::int FROM reservations WHERE status = 'queued') AS queued,
               (SELECT count(*)::int FROM webhook_messages WHERE fanned_out_at IS NULL) AS "notFannedOut",
               (SELECT count(*)::int FROM webhook_deliveries WHERE state <> 'delivered') AS undelivered`;
      return left!.queued === 0 && left!.notFannedOut === 0 && left!.undelivered === 0;
    }, 90_000);

    const committed = await database.sql<{ id: string; type: string; reservationId: string | null; sequence: number | null }[]>`
      SELECT m.id, m.type, m.reservation_id AS "reservationId", m.sequence FROM webhook_messages m
      JOIN webhook_deliveries d ON d.message_id = m.id WHERE d.endpoint_id = ${endpoint.id}`;
    const decisions = await database.sql<{ id: string; status: string }[]>`SELECT id, status FROM reservations WHERE event_id = ${event.id}`;
    expect(decisions.filter((r) => r.status === 'held')).toHaveLength(CAPACITY);
    expect(decisions.filter((r) => r.status === 'rejected')).toHaveLength(REQUESTS - CAPACITY);
    // One committed message per decision (and the sell-out), each for the reservation's committed state.
    const status = new Map(decisions.map((r) => [r.id, r.status]));
    expect(committed).toHaveLength(REQUESTS + 1);
    expect(committed.filter((m) => m.reservationId && m.type !== `reservation.${status.get(m.reservationId)}`)).toEqual([]);

    const committedIds = new Set(committed.map((m) => m.id));
    const receivedIds = receiver.received.map((webhook) => String(webhook.headers['webhook-id']));
    expect(receivedIds.filter((id) => !committedIds.has(id))).toEqual([]);
    expect(new Set(receivedIds)).toEqual(committedIds);
    const idsByReservation = new Map<string, Set<string>>();
    for (const webhook of receiver.received) {
      const { type, data } = JSON.parse(webhook.body) as { type: string; data: { id?: string } };
      if (!data.id) continue;
      const key = `${data.id}/${type}`;
      idsByReservation.set(key, (idsByReservation.get(key) ?? new Set()).add(String(webhook.headers['webhook-id'])));
    }
    expect(idsByReservation.size).toBe(REQUESTS);
    expect([...idsByReservation.values()].filter((ids) => ids.size !== 1)).toEqual([]);
  });
});
