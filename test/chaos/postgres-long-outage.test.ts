import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import {
  ALL_ZERO,
  attemptsSentBetween,
  bySize,
  mustBeZero,
  privatePostgresAvailable,
  reportScenario,
  rush,
  useChaosCluster,
  verifyRush,
  watchDecisions,
} from './support';

/*
 * PostgreSQL down for longer than the workers' retry window: the partition jobs that were
 * retrying give up and fail, and once PostgreSQL is back the sweep gives every partition with
 * queued requests a job again: everything accepted is decided, with no process restarted.
 */

const OUTAGE_MS = bySize(12_000, 90_000);
/** The workers' WORKER_RETRY_BUDGET_MS: shorter than the outage (full size: the default, 60 s). */
const RETRY_BUDGET_MS = bySize(4_000, 60_000);
const REQUESTS = bySize(1_500, 4_000);
const SPREAD_MS = bySize(3_000, 6_000);
/**
 * Requests sent once PostgreSQL is down, for sure: on a quiet machine the whole rush is answered
 * before the crash, and the 503-within-2-s promise would have nothing to check.
 */
const PROBE_REQUESTS = 50;
const PROBE_SPREAD_MS = 2_000;
const DEADLINE_MS = 2_000;
/** A worker's log line for a partition job whose every attempt failed. */
const JOB_GAVE_UP = '"msg":"partition job set aside as a dead letter"';
/** Once PostgreSQL is back, the backlog must be deciding again within this (the sweep runs every second). */
const RESUME_WITHIN_MS = 5_000;

jest.setTimeout(bySize(240_000, 900_000));

const describeIfPostgres = privatePostgresAvailable() ? describe : describe.skip;

describeIfPostgres('PostgreSQL down longer than the retry window', () => {
  // Small batches, so a backlog is queued when PostgreSQL goes.
  const chaos = useChaosCluster({ privatePostgres: true, env: { WORKER_RETRY_BUDGET_MS: String(RETRY_BUDGET_MS), DECISION_BATCH_SIZE: '1' } });

  it('decides everything accepted once PostgreSQL is back, without a restart', async () => {
    const { pg, cluster } = chaos;
    const eventId = await cluster.createEvent(Math.floor(REQUESTS / 3));
    const watch = watchDecisions(cluster.databaseUrl, eventId);
    const rushing = rush({ baseUrl: cluster.url, eventId, requests: REQUESTS, spreadMs: SPREAD_MS });

    await sleep(SPREAD_MS * 0.5);
    const backlogAtCrash = await queuedCount(cluster.databaseUrl, eventId);
    const crashedAt = Date.now();
    await pg.crash();
    const probing = rush({ baseUrl: cluster.url, eventId, requests: PROBE_REQUESTS, spreadMs: PROBE_SPREAD_MS });
    await sleep(OUTAGE_MS);
    await pg.start();
    const restartedAt = Date.now();
    const [result, probe] = await Promise.all([rushing, probing]);
    const backAt = watch.backAfter(crashedAt + OUTAGE_MS) ?? restartedAt;

    const allAttempts = [...result.attempts, ...probe.attempts];
    const duringOutage = attemptsSentBetween(allAttempts, crashedAt, backAt);
    const accepted = [...result.accepted, ...probe.accepted];
    const verification = await verifyRush({ cluster, eventId, accepted, decideWithinMs: 120_000 });
    await watch.stop();
    const decidingAt = watch.decidingAfter(backAt);
    // Jobs whose attempts all ran out during the outage (set aside as dead letters): what the sweep must make up for.
    const jobsFailed = ['worker-1', 'worker-2']
      .map((name) => readFileSync(cluster.logFile(name), 'utf8').split(JOB_GAVE_UP).length - 1)
      .reduce((sum, count) => sum + count, 0);
    const workersRecoveredMs = decidingAt === undefined ? undefined : decidingAt - backAt;
    reportScenario('postgres-long-outage', {
      rush: result,
      verification,
      cluster,
      outageMs: backAt - crashedAt,
      retryBudgetMs: RETRY_BUDGET_MS,
      backlogAtCrash,
      probe: {
        requests: PROBE_REQUESTS,
        attempts: probe.attempts.length,
        finalStatuses: probe.finalStatuses,
        answers503: probe.attempts.filter((attempt) => attempt.status === 503).length,
      },
      partitionJobsFailed: jobsFailed,
      attemptsDuringOutage: duringOutage.length,
      slowestDuringOutageMs: Math.max(0, ...duringOutage.map((attempt) => attempt.latencyMs)),
      workersRecoveredMs,
    });

    expect(mustBeZero(verification)).toEqual(ALL_ZERO);
    // The outage caught work in flight: a backlog, or a partition job that gave up.
    expect(backlogAtCrash + jobsFailed).toBeGreaterThan(0);
    expect(result.finalStatuses).toEqual({ 202: REQUESTS });
    expect(probe.finalStatuses).toEqual({ 202: PROBE_REQUESTS });
    expect(verification.held).toBe(Math.floor(REQUESTS / 3));
    expect(duringOutage.length).toBeGreaterThan(0);
    expect(duringOutage.filter((attempt) => attempt.status !== 503 && attempt.status !== 202)).toEqual([]);
    expect(duringOutage.filter((attempt) => attempt.status === 503).length).toBeGreaterThan(0);
    expect(allAttempts.filter((attempt) => attempt.status === 503 && attempt.retryAfter === null)).toEqual([]);
    // As the API measured its answers: the client's own figures add this machine's queueing (printed above).
    expect(cluster.slowestServerErrorsMs()).toEqual({ 503: expect.any(Number) });
    expect(cluster.slowestServerErrorsMs()[503]).toBeLessThanOrEqual(DEADLINE_MS);
    expect(allAttempts.filter((attempt) => attempt.status === 'timeout' || attempt.status === 'network')).toEqual([]);
    expect(workersRecoveredMs).toBeLessThanOrEqual(RESUME_WITHIN_MS);
  });
});

async function queuedCount(databaseUrl: string, eventId: string): Promise<number> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM reservations WHERE event_id = ${eventId} AND status = 'queued'`;
    return row!.n;
  } finally {
    await sql.end({ timeout: 1 });
  }
}
