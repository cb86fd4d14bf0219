import { setTimeout as sleep } from 'node:timers/promises';
import {
  ALL_ZERO,
  bySize,
  firstAcceptedAfter,
  mustBeZero,
  privatePostgresAvailable,
  reportScenario,
  rush,
  useChaosCluster,
  verifyRush,
  watchDecisions,
} from './support';

/*
 * `pg_terminate_backend` on the workers' and the API's connections mid-rush, while they are in
 * the middle of transactions: the statement fails, is retried (workers) or answered 503 (API), the
 * pools reconnect at once, no process exits, and every 202 is decided exactly once.
 */

jest.setTimeout(bySize(180_000, 600_000));

const REQUESTS = bySize(1_500, 4_000);
const SPREAD_MS = bySize(9_000, 20_000);
const ROUNDS = bySize(3, 6);
const DEADLINE_MS = 2_000;

const describeIfPostgres = privatePostgresAvailable() ? describe : describe.skip;

describeIfPostgres('PostgreSQL connections terminated mid-rush', () => {
  // Small decision batches: more transactions, so a termination lands inside one.
  const chaos = useChaosCluster({ privatePostgres: true, env: { DECISION_BATCH_SIZE: '20' } });

  it('keeps answering, reconnects at once, and decides every 202 exactly once', async () => {
    const { pg, cluster } = chaos;
    const eventId = await cluster.createEvent(Math.floor(REQUESTS / 3));
    const watch = watchDecisions(cluster.databaseUrl, eventId);
    let roundsDone!: () => void;
    const rushing = rush({
      baseUrl: cluster.url,
      eventId,
      requests: REQUESTS,
      spreadMs: SPREAD_MS,
      // The last tenth waits for the last round (it is due after it anyway): a round slowed by a
      // starved machine still has 202s after it to measure the API's recovery by.
      holdBackLast: { requests: REQUESTS / 10, until: new Promise<void>((resolve) => (roundsDone = resolve)) },
    });

    const terminated = { worker: 0, api: 0 };
    const rounds: { at: string; tookMs: number }[] = [];
    // Each round at a fixed offset into the rush: a slow one does not delay the next.
    const rushStartedAt = Date.now();
    let lastTerminationAt = 0;
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const due = rushStartedAt + SPREAD_MS * (0.2 + (0.5 * round) / ROUNDS);
        if (due > Date.now()) await sleep(due - Date.now());
        const startedAt = Date.now();
        terminated.worker += await pg.terminateBackends('onsale-worker-');
        terminated.api += await pg.terminateBackends('onsale-api-');
        lastTerminationAt = Date.now();
        rounds.push({ at: new Date(startedAt).toISOString(), tookMs: lastTerminationAt - startedAt });
      }
    } finally {
      roundsDone();
    }
    const result = await rushing;
    const acceptedAt = firstAcceptedAfter(result.attempts, lastTerminationAt);

    const verification = await verifyRush({ cluster, eventId, accepted: result.accepted, decideWithinMs: 60_000 });
    await watch.stop();
    const decidingAt = watch.decidingAfter(lastTerminationAt);
    const apiRecoveredMs = acceptedAt === undefined ? undefined : acceptedAt - lastTerminationAt;
    const workersRecoveredMs = decidingAt === undefined ? undefined : decidingAt - lastTerminationAt;
    reportScenario('postgres-terminate-backends', {
      rush: result,
      verification,
      cluster,
      rounds,
      rushEndedAfterLastRoundMs: result.endedAt - lastTerminationAt,
      backendsTerminated: terminated,
      apiRecoveredMs,
      workersRecoveredMs,
    });

    expect(mustBeZero(verification)).toEqual(ALL_ZERO);
    expect(terminated.worker).toBeGreaterThan(0);
    expect(terminated.api).toBeGreaterThan(0);
    expect(result.finalStatuses).toEqual({ 202: REQUESTS });
    expect(verification.held).toBe(Math.floor(REQUESTS / 3));
    expect(result.attempts.filter((attempt) => attempt.status === 503 && attempt.retryAfter === null)).toEqual([]);
    expect(result.attempts.filter((attempt) => attempt.status === 'timeout' || attempt.status === 'network')).toEqual([]);
    // As the API measured its answers: no 500, and every 503 within the deadline.
    expect(Object.keys(cluster.slowestServerErrorsMs()).filter((status) => status !== '503')).toEqual([]);
    expect(cluster.slowestServerErrorsMs()[503] ?? 0).toBeLessThanOrEqual(DEADLINE_MS);
    expect(apiRecoveredMs).toBeLessThanOrEqual(DEADLINE_MS);
    expect(workersRecoveredMs).toBeLessThanOrEqual(DEADLINE_MS);
  });
});
