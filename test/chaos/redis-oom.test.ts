import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import {
  ALL_ZERO,
  bySize,
  countByStatus,
  MACHINE_POSTGRES_URL,
  mustBeZero,
  reportScenario,
  rush,
  startClusterUnderTest,
  startPrivateRedis,
  verifyRush,
  watchDecisions,
  type ClusterUnderTest,
  type PrivateRedis,
} from './support';

/*
 * Redis at `maxmemory` with `noeviction` mid-rush (its limit set below what it uses, so every
 * write is refused with OOM), then memory freed: the API keeps answering 202 (the request is in
 * PostgreSQL; its job is added again) or a clear 503, never a 500; nothing is lost, and the
 * workers decide everything once Redis takes writes again.
 */

jest.setTimeout(bySize(300_000, 600_000));

const REQUESTS = bySize(1_200, 4_000);
const SPREAD_MS = bySize(10_000, 20_000);
const TICKETS = Math.floor(REQUESTS / 3);
const FULL_MS = bySize(3_000, 10_000);

const oomErrors = async (redis: Redis): Promise<number> => {
  const stats = String(await redis.info('errorstats'));
  return Number(/errorstat_OOM:count=(\d+)/.exec(stats)?.[1] ?? 0);
};

describe('Redis at maxmemory (noeviction) mid-rush', () => {
  let redis: PrivateRedis;
  let cluster: ClusterUnderTest;
  let admin: Redis;

  beforeAll(async () => {
    redis = await startPrivateRedis({ appendOnly: false });
    admin = new Redis(redis.url);
    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    cluster = await startClusterUnderTest({ postgresUrl: MACHINE_POSTGRES_URL, redisUrl: redis.url, workers: 2 });
  });

  afterAll(async () => {
    await admin?.config('SET', 'maxmemory', '0').catch(() => undefined);
    admin?.disconnect();
    await cluster?.stop();
    await redis?.dispose();
  });

  it('answers 202 or 503, never 500, loses nothing and decides everything once memory frees', async () => {
    const eventId = await cluster.createEvent(TICKETS);
    const watch = watchDecisions(cluster.databaseUrl, eventId);
    const rushing = rush({ baseUrl: cluster.url, eventId, requests: REQUESTS, spreadMs: SPREAD_MS });

    await sleep(SPREAD_MS * 0.3);
    const used = Number(/used_memory:(\d+)/.exec(String(await admin.info('memory')))![1]);
    const fullAt = Date.now();
    await admin.config('SET', 'maxmemory', String(Math.max(1, used - 1024)));
    await sleep(FULL_MS);
    await admin.config('SET', 'maxmemory', '0');
    const freedAt = Date.now();
    const refusedWrites = await oomErrors(admin);

    const result = await rushing;
    const decidingAt = watch.decidingAfter(freedAt);
    await watch.stop();
    const verification = await verifyRush({ cluster, eventId, accepted: result.accepted, decideWithinMs: 90_000 });
    const whileFull = result.attempts.filter((attempt) => attempt.sentAt >= fullAt && attempt.sentAt < freedAt);
    reportScenario('redis-oom', {
      rush: result,
      cluster,
      verification,
      fullForMs: freedAt - fullAt,
      redisWritesRefusedOom: refusedWrites,
      answersWhileFull: countByStatus(whileFull),
      decidingAfterFreedMs: decidingAt === undefined ? undefined : decidingAt - freedAt,
    });

    expect(refusedWrites).toBeGreaterThan(0);
    expect(mustBeZero(verification)).toEqual(ALL_ZERO);
    expect(verification.held).toBe(TICKETS);
    expect(whileFull.length).toBeGreaterThan(0);
    expect(whileFull.filter((attempt) => attempt.status !== 202 && attempt.status !== 503)).toEqual([]);
    expect(result.attempts.filter((attempt) => typeof attempt.status === 'number' && attempt.status >= 500 && attempt.status !== 503)).toEqual([]);
    expect(result.finalStatuses).toEqual({ 202: REQUESTS });
  });
});
