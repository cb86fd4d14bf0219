import { setTimeout as sleep } from 'node:timers/promises';
import { PartitionQueues } from '@onsale/queue';
import { createLogger } from '@onsale/shared';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import {
  ALL_ZERO,
  bySize,
  MACHINE_POSTGRES_URL,
  mustBeZero,
  reportScenario,
  rush,
  startClusterUnderTest,
  startPrivateRedis,
  verifyRush,
  type ClusterUnderTest,
  type PrivateRedis,
} from './support';

/*
 * A cold start after Redis lost the jobs (a whole-site restart: a deploy with a Redis failover).
 * With no worker running, the API accepts a backlog; Redis is killed and started again without
 * persistence (it comes back empty, the backlog's `decide` jobs gone); then the workers start.
 * The API re-adds the jobs once its connection is ready again, and each worker's first sweep
 * requeues every event with queued requests, whatever their age: every 202 is decided exactly
 * once, nothing oversold, all within 5 s of the workers' start (not after the 30 s requeue sweep).
 */

jest.setTimeout(bySize(300_000, 600_000));

const REQUESTS = bySize(1_000, 4_000);
const SPREAD_MS = bySize(2_000, 5_000);
const TICKETS = Math.floor(REQUESTS / 2);
const PARTITION_COUNT = 16;
const WORKERS = ['worker-1', 'worker-2'];
/** The promise under test, from the moment the first worker is connected to Redis. */
const DECIDED_WITHIN_MS = 5_000;

/** When (`Date.now()`) a connection of one of these names is first seen on Redis. */
async function connected(redis: Redis, names: string[], timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const clients = String(await redis.client('LIST'));
    if (names.some((name) => clients.includes(`name=${name} `))) return Date.now();
    if (Date.now() > deadline) throw new Error(`none of ${names.join(', ')} connected`);
    await sleep(20);
  }
}

/** When the partition's queue has a job waiting again. */
async function untilJobWaiting(queues: PartitionQueues, partition: number, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await queues.queue(partition).count()) > 0) return Date.now();
    if (Date.now() > deadline) throw new Error(`no job on partition ${partition} after the API reconnected`);
    await sleep(20);
  }
}

/** When nothing of the event is queued any more. */
async function untilNoneQueued(databaseUrl: string, eventId: string, timeoutMs = 60_000): Promise<number> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM reservations WHERE event_id = ${eventId} AND status = 'queued'`;
      if (row!.n === 0) return Date.now();
      if (Date.now() > deadline) throw new Error(`${row!.n} requests still queued`);
      await sleep(20);
    }
  } finally {
    await sql.end({ timeout: 2 });
  }
}

describe('cold start: workers started after Redis came back empty under a backlog', () => {
  let redis: PrivateRedis;
  let cluster: ClusterUnderTest;
  let observer: Redis;
  let queues: PartitionQueues;

  beforeAll(async () => {
    redis = await startPrivateRedis({ appendOnly: false });
    cluster = await startClusterUnderTest({ postgresUrl: MACHINE_POSTGRES_URL, redisUrl: redis.url, workers: 0 });
    observer = new Redis(redis.url, { maxRetriesPerRequest: null });
    // It sees Redis go away too: that is the scenario, not news.
    observer.on('error', () => undefined);
    const silent = createLogger({ name: 'observer', level: 'silent' });
    queues = new PartitionQueues(observer, { keyPrefix: cluster.keyPrefix, partitionCount: PARTITION_COUNT, logger: silent });
  });

  afterAll(async () => {
    await queues?.close();
    observer?.disconnect();
    await cluster?.stop();
    await redis?.dispose();
  });

  it('decides the whole backlog exactly once within 5 s of the workers starting', async () => {
    const eventId = await cluster.createEvent(TICKETS);
    const partition = queues.partitionOf(eventId);
    const result = await rush({ baseUrl: cluster.url, eventId, requests: REQUESTS, spreadMs: SPREAD_MS });
    expect(result.finalStatuses).toEqual({ 202: REQUESTS });

    await redis.kill();
    await redis.start();
    const upAt = Date.now();
    // The API's connection is ready again: it re-adds the lost job before any worker runs.
    const apiRequeuedAt = await untilJobWaiting(queues, partition);

    const launchedAt = Date.now();
    await Promise.all(WORKERS.map((worker) => cluster.restart(worker)));
    const startedAt = await connected(
      observer,
      WORKERS.map((worker) => `onsale-worker-${worker}`),
    );
    const decidedAt = await untilNoneQueued(cluster.databaseUrl, eventId);

    const verification = await verifyRush({ cluster, eventId, accepted: result.accepted, decideWithinMs: 60_000 });
    reportScenario('cold-start', {
      rush: result,
      cluster,
      verification,
      apiRequeuedAfterUpMs: apiRequeuedAt - upAt,
      workersConnectedAfterLaunchMs: startedAt - launchedAt,
      backlogDecidedAfterWorkersStartMs: decidedAt - startedAt,
      backlogDecidedAfterLaunchMs: decidedAt - launchedAt,
    });

    expect(mustBeZero(verification)).toEqual(ALL_ZERO);
    expect(verification.held).toBe(TICKETS);
    expect(verification.rejected).toBe(REQUESTS - TICKETS);
    expect(decidedAt - startedAt).toBeLessThanOrEqual(DECIDED_WITHIN_MS);
  });
});
