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
 * Redis killed (SIGKILL) mid-rush and started again, once with its AOF (appendfsync always) and
 * once without persistence (it comes back empty): no 202 is lost; every partition's global
 * concurrency of 1 is back within 1 s of the workers reconnecting; the requests accepted before
 * Redis came back, whose jobs an empty Redis lost, are decided within 5 s of that, not after the
 * 30 s requeue sweep; no two decision transactions of the event overlap once it is re-asserted.
 */

jest.setTimeout(bySize(360_000, 600_000));

const REQUESTS = bySize(1_200, 4_000);
const SPREAD_MS = bySize(10_000, 20_000);
const TICKETS = Math.floor(REQUESTS / 3);
const OUTAGE_MS = bySize(2_000, 5_000);
const PARTITION_COUNT = 16;
/** The promises under test, from the moment the workers are connected again. */
const SINGLE_WRITER_MS = 1_000;
const BACKLOG_MS = 5_000;

/** When (`Date.now()`) every worker's main connection is back on the restarted Redis. */
async function workersConnected(redis: Redis, workers: string[], timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const clients = String(await redis.client('LIST'));
    if (workers.every((worker) => clients.includes(`name=onsale-worker-${worker} `))) return Date.now();
    if (Date.now() > deadline) throw new Error('the workers did not reconnect');
    await sleep(20);
  }
}

async function untilEveryPartitionSerial(queues: PartitionQueues, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const limits = await Promise.all(Array.from({ length: PARTITION_COUNT }, (_, partition) => queues.queue(partition).getGlobalConcurrency()));
    if (limits.every((limit) => limit === 1)) return Date.now();
    if (Date.now() > deadline) throw new Error(`global concurrency not re-asserted: ${JSON.stringify(limits)}`);
    await sleep(20);
  }
}

/** When every request of the event recorded before `before` is decided. */
async function untilDecidedBefore(databaseUrl: string, eventId: string, before: number, timeoutMs = 60_000): Promise<number> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [row] = await sql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM reservations WHERE event_id = ${eventId} AND status = 'queued' AND created_at < ${new Date(before)}`;
      if (row!.n === 0) return Date.now();
      if (Date.now() > deadline) throw new Error(`${row!.n} requests accepted before Redis came back still queued`);
      await sleep(50);
    }
  } finally {
    await sql.end({ timeout: 2 });
  }
}

/** Decision transactions of the event that started before the previous one had written, after `since`. */
async function overlappingDecisions(databaseUrl: string, eventId: string, since: number): Promise<number> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const timeline = await sql<{ started: Date; decided: Date }[]>`
      SELECT decision_started_at AS started, max(decided_at) AS decided FROM reservations
      WHERE event_id = ${eventId} AND decided_at IS NOT NULL AND decision_started_at >= ${new Date(since)}
      GROUP BY decision_started_at, decided_by ORDER BY decision_started_at`;
    return timeline.filter((row, index) => index > 0 && row.started < timeline[index - 1]!.decided).length;
  } finally {
    await sql.end({ timeout: 2 });
  }
}

describe.each([
  { persistence: 'AOF, appendfsync always', appendOnly: true },
  { persistence: 'none (comes back empty)', appendOnly: false },
])('Redis killed and restarted mid-rush, persistence: $persistence', ({ appendOnly }) => {
  let redis: PrivateRedis;
  let cluster: ClusterUnderTest;
  let observer: Redis;
  let queues: PartitionQueues;

  beforeAll(async () => {
    redis = await startPrivateRedis({ appendOnly });
    cluster = await startClusterUnderTest({ postgresUrl: MACHINE_POSTGRES_URL, redisUrl: redis.url, workers: 2 });
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

  it('loses no 202, re-asserts one writer per partition within 1 s and decides the lost backlog within 5 s', async () => {
    const eventId = await cluster.createEvent(TICKETS);
    const rushing = rush({ baseUrl: cluster.url, eventId, requests: REQUESTS, spreadMs: SPREAD_MS });

    await sleep(SPREAD_MS * 0.3);
    const killedAt = Date.now();
    await redis.kill();
    await sleep(OUTAGE_MS);
    await redis.start();
    const upAt = Date.now();
    const connectedAt = await workersConnected(observer, ['worker-1', 'worker-2']);
    const [serialAt, backlogAt] = await Promise.all([
      untilEveryPartitionSerial(queues),
      untilDecidedBefore(cluster.databaseUrl, eventId, connectedAt),
    ]);

    const result = await rushing;
    const verification = await verifyRush({ cluster, eventId, accepted: result.accepted, decideWithinMs: 60_000 });
    const overlaps = await overlappingDecisions(cluster.databaseUrl, eventId, serialAt);
    const acceptedDuringOutage = result.attempts.filter((attempt) => attempt.status === 202 && attempt.sentAt >= killedAt && attempt.sentAt < upAt);
    reportScenario(`redis-restart-${appendOnly ? 'aof' : 'empty'}`, {
      rush: result,
      cluster,
      verification,
      outageMs: upAt - killedAt,
      acceptedDuringOutage: acceptedDuringOutage.length,
      workersReconnectedAfterUpMs: connectedAt - upAt,
      singleWriterBackAfterReconnectMs: Math.max(0, serialAt - connectedAt),
      backlogDecidedAfterReconnectMs: backlogAt - connectedAt,
      overlappingDecisionsAfterReassert: overlaps,
    });

    expect(mustBeZero(verification)).toEqual(ALL_ZERO);
    expect(result.finalStatuses).toEqual({ 202: REQUESTS });
    expect(verification.held).toBe(TICKETS);
    expect(acceptedDuringOutage.length).toBeGreaterThan(0);
    expect(serialAt - connectedAt).toBeLessThanOrEqual(SINGLE_WRITER_MS);
    expect(backlogAt - connectedAt).toBeLessThanOrEqual(BACKLOG_MS);
    expect(overlaps).toBe(0);
  });
});
