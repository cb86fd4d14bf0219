import { createWebhookEndpoint, decideQueued } from '@onsale/db';
import { partitionFor } from '@onsale/queue';
import { createLogger, DEFAULT_PARTITION_COUNT, loadWorkerConfig } from '@onsale/shared';
import postgres from 'postgres';
import { givenEvent, givenQueuedReservation } from '../../../../test/support/factories';
import { startPrivateRedis, type PrivateRedis } from '../../../../test/support/private-redis';
import { createTestEnvironment, waitUntil, type TestEnvironment } from '../../../../test/support/test-environment';
import { testSecret, WebhookReceiver } from '../../../../test/support/webhook-receiver';
import { startWorker } from '../worker';

/*
 * Redis down while decisions commit webhooks: the relay cannot hand them to the delivery queue,
 * so they wait in PostgreSQL (nothing delivered, nothing marked enqueued); when Redis comes back
 * (empty: no persistence) every one is delivered, once each. Decisions themselves are made here
 * straight through the decision transaction, which needs no Redis.
 */

jest.setTimeout(60_000);

let env: TestEnvironment;
let redis: PrivateRedis;
let pg: postgres.Sql;
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
const receiver = new WebhookReceiver();

beforeAll(async () => {
  env = await createTestEnvironment();
  redis = await startPrivateRedis({ appendOnly: false });
  pg = postgres(env.databaseUrl, { max: 2, onnotice: () => {} });
  await receiver.start();
});

afterAll(async () => {
  await worker?.close();
  await receiver.stop();
  await pg?.end({ timeout: 5 });
  await redis?.dispose();
  await env?.dispose();
});

it('keeps committed webhooks in PostgreSQL while Redis is down, and delivers each once it is back', async () => {
  worker = await startWorker(
    loadWorkerConfig({
      ...env.env,
      REDIS_URL: redis.url,
      WORKER_ID: 'w-redis-down',
      LOG_LEVEL: 'silent',
      WEBHOOK_RETRY_SCALE: '0.001',
      WEBHOOK_RELAY_INTERVAL_MS: '20',
    }),
    createLogger({ name: 'test', level: 'silent' }),
  );
  const endpoint = await createWebhookEndpoint(env.database, {
    url: receiver.url(),
    eventTypes: ['reservation.held'],
    secret: testSecret(8),
    allowPrivate: true,
    createdBy: 'test',
  });
  await redis.kill();

  const event = await givenEvent(env.database);
  for (let i = 0; i < 50; i++) await givenQueuedReservation(env.database, event, [{ ticketType: 'GA', quantity: 1 }]);
  const { decided } = await decideQueued(env.database, { partition: partitionFor(event.id, DEFAULT_PARTITION_COUNT), limit: 1_000 }, { workerId: 'test', requestId: null });
  expect(decided).toHaveLength(50);

  // Several relay passes' worth of time (each waits up to 5 s for Redis, then rolls back).
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  const [waiting] = await pg<{ pending: number; enqueued: number }[]>`
    SELECT count(*) FILTER (WHERE state = 'pending')::int AS pending, count(*) FILTER (WHERE enqueued_at IS NOT NULL)::int AS enqueued
    FROM webhook_deliveries WHERE endpoint_id = ${endpoint.id}`;
  expect(waiting).toEqual({ pending: 50, enqueued: 0 });
  expect(receiver.received).toHaveLength(0);

  await redis.start();
  await waitUntil(async () => (await pg`SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = ${endpoint.id} AND state = 'delivered'`)[0]!.n === 50, 30_000);
  const ids = receiver.received.map((webhook) => String(webhook.headers['webhook-id']));
  expect(new Set(ids).size).toBe(50);
  const reservations = new Set(receiver.received.map((webhook) => (JSON.parse(webhook.body) as { data: { id: string } }).data.id));
  expect(reservations).toEqual(new Set(decided.map((reservation) => reservation.id)));
});
