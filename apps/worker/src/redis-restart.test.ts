import { PartitionQueues, createRedisConnection, type RedisConnection } from '@onsale/queue';
import { createLogger, loadWorkerConfig } from '@onsale/shared';
import { givenEvent, givenQueuedReservation } from '../../../test/support/factories';
import { startPrivateRedis, type PrivateRedis } from '../../../test/support/private-redis';
import { createTestEnvironment, waitUntil, type TestEnvironment } from '../../../test/support/test-environment';
import { startWorker } from './worker';

/*
 * A Redis of this file's own, killed and restarted under a running worker: with its data gone,
 * the partitions' global concurrency and the jobs of queued requests come back at once.
 */

jest.setTimeout(60_000);

const PARTITION_COUNT = 16;

let env: TestEnvironment;
let redis: PrivateRedis;
let observer: RedisConnection;
let queues: PartitionQueues;
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;

beforeAll(async () => {
  env = await createTestEnvironment();
  redis = await startPrivateRedis({ appendOnly: false });
  const config = { REDIS_URL: redis.url };
  observer = createRedisConnection(config, 'observer');
  queues = new PartitionQueues(observer, { keyPrefix: env.keyPrefix, partitionCount: PARTITION_COUNT });
  worker = await startWorker(
    loadWorkerConfig({ ...env.env, ...config, WORKER_ID: 'w-restart', LOG_LEVEL: 'silent', REQUEUE_AFTER_MS: '600000' }),
    createLogger({ name: 'test', level: 'silent' }),
  );
});

afterAll(async () => {
  await worker?.close();
  await queues?.close();
  observer?.disconnect();
  await redis?.dispose();
  await env?.dispose();
});

const globalConcurrencies = () =>
  Promise.all(Array.from({ length: PARTITION_COUNT }, (_, partition) => queues.queue(partition).getGlobalConcurrency()));

it('re-asserts one writer per partition and re-adds the lost decide jobs as soon as Redis is back empty', async () => {
  expect(await globalConcurrencies()).toEqual(Array(PARTITION_COUNT).fill(1));

  await redis.kill();
  // Accepted while Redis is away: recorded in PostgreSQL, their decide jobs never added.
  const event = await givenEvent(env.database);
  const queued = [];
  for (let i = 0; i < 5; i++) queued.push(await givenQueuedReservation(env.database, event, [{ ticketType: 'GA', quantity: 1 }]));
  await redis.start();

  await waitUntil(async () => (await globalConcurrencies()).every((limit) => limit === 1), 5_000);
  await waitUntil(async () => {
    const rows = await env.database.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM reservations WHERE event_id = ${event.id} AND status = 'held'`;
    return rows[0]!.n === queued.length;
    // Well before the requeue sweep, which waits REQUEUE_AFTER_MS (10 minutes here).
  }, 10_000);
});
