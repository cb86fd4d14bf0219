import { setTimeout as sleep } from 'node:timers/promises';
import {
  ALL_ZERO,
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
 * PostgreSQL crashes (`pg_ctl stop -m immediate`) mid-rush and comes back: every request answers
 * within 2 s during the outage (503 + Retry-After), the API accepts and the workers decide again
 * within 2 s of PostgreSQL being back, no process exits, and every 202 is decided exactly once.
 */

jest.setTimeout(bySize(180_000, 600_000));

const REQUESTS = bySize(1_500, 4_000);
const SPREAD_MS = bySize(9_000, 20_000);
const OUTAGE_MS = bySize(3_500, 4_000);
/** The promise under test: an answer within this during the outage, acceptance and decisions this soon after. */
const DEADLINE_MS = 2_000;

const describeIfPostgres = privatePostgresAvailable() ? describe : describe.skip;

describeIfPostgres('PostgreSQL crash mid-rush', () => {
  const chaos = useChaosCluster({ privatePostgres: true });

  it('answers 503 within 2 s while down, recovers within 2 s, and decides every 202 exactly once', async () => {
    const { pg, cluster } = chaos;
    const eventId = await cluster.createEvent(Math.floor(REQUESTS / 3));
    const watch = watchDecisions(cluster.databaseUrl, eventId);
    const rushing = rush({ baseUrl: cluster.url, eventId, requests: REQUESTS, spreadMs: SPREAD_MS });

    await sleep(SPREAD_MS * 0.3);
    const crashedAt = Date.now();
    await pg.crash();
    await sleep(OUTAGE_MS);
    await pg.start();
    const restartedAt = Date.now();
    const result = await rushing;
    // PostgreSQL is back when it first answers a fresh connection (within the watch's 100 ms).
    const backAt = watch.backAfter(crashedAt + OUTAGE_MS) ?? restartedAt;
    const firstAccepted = result.attempts
      .filter((attempt) => attempt.status === 202 && attempt.sentAt + attempt.latencyMs >= backAt)
      .map((attempt) => attempt.sentAt + attempt.latencyMs)
      .sort((a, b) => a - b)[0]!;

    const duringOutage = result.attempts.filter((attempt) => attempt.sentAt >= crashedAt && attempt.sentAt < backAt);
    const verification = await verifyRush({ cluster, eventId, accepted: result.accepted, decideWithinMs: 60_000 });
    await watch.stop();
    const decidingAt = watch.decidingAfter(backAt);
    const apiRecoveredMs = firstAccepted - backAt;
    const workersRecoveredMs = decidingAt === undefined ? undefined : decidingAt - backAt;
    reportScenario('postgres-crash', {
      rush: result,
      verification,
      cluster,
      outageMs: backAt - crashedAt,
      attemptsDuringOutage: duringOutage.length,
      slowestDuringOutageMs: Math.max(0, ...duringOutage.map((attempt) => attempt.latencyMs)),
      apiRecoveredMs,
      workersRecoveredMs,
    });

    expect(mustBeZero(verification)).toEqual(ALL_ZERO);
    expect(result.finalStatuses).toEqual({ 202: REQUESTS });
    expect(verification.held).toBe(Math.floor(REQUESTS / 3));
    expect(duringOutage.length).toBeGreaterThan(0);
    expect(duringOutage.filter((attempt) => attempt.status !== 503 && attempt.status !== 202)).toEqual([]);
    // As the API measured its answers: the client's own figures add this machine's queueing (printed above).
    expect(cluster.slowestServerErrorsMs()).toEqual({ 503: expect.any(Number) });
    expect(cluster.slowestServerErrorsMs()[503]).toBeLessThanOrEqual(DEADLINE_MS);
    expect(result.attempts.filter((attempt) => attempt.status === 503 && attempt.retryAfter === null)).toEqual([]);
    expect(result.attempts.filter((attempt) => attempt.status === 'timeout' || attempt.status === 'network')).toEqual([]);
    expect(apiRecoveredMs).toBeLessThanOrEqual(DEADLINE_MS);
    expect(workersRecoveredMs).toBeLessThanOrEqual(DEADLINE_MS);
  });
});
