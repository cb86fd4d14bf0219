import { randomUUID } from 'node:crypto';
import { createDatabase, type Database } from '@onsale/db';
import { PartitionQueues, ReservationPublisher, type PartitionJob } from '@onsale/queue';
import { createLogger, loadWorkerConfig, permanentFailureHoldMs, worstCasePartitionStallMs, type DeadLetterView, type WorkerConfig } from '@onsale/shared';
import { givenEvent, givenQueuedReservation } from '../../../test/support/factories';
import { createTestEnvironment, waitUntil, type TestEnvironment } from '../../../test/support/test-environment';
import { createCommandHandler } from './command-handler';
import { COMMANDS } from './commands';
import { startPartitionWriters } from './partition-writers';
import { createPoisonGuard } from './poison-jobs';

/*
 * The failure policy as the worker runs it, through real Redis: how long a failing job holds its
 * partition is the figure `worstCasePartitionStallMs(config)` derives from the configuration
 * (docs/guarantees.md#poison-jobs), not JOB_MAX_ATTEMPTS times it. Small values keep it fast.
 */

const PARTITION_COUNT = 4;
const logger = createLogger({ name: 'test', level: 'silent' });
/** Timers, a Redis round trip for the dead letter, a loaded machine. */
const SLACK_MS = 400;

let env: TestEnvironment;
let queues: PartitionQueues;
let config: WorkerConfig;

beforeAll(async () => {
  env = await createTestEnvironment();
  queues = new PartitionQueues(env.redis, { keyPrefix: env.keyPrefix, partitionCount: PARTITION_COUNT });
  await queues.enforceSingleWriter();
  config = loadWorkerConfig({ ...env.env, PARTITION_COUNT: String(PARTITION_COUNT), WORKER_RETRY_BUDGET_MS: '1500', JOB_MAX_ATTEMPTS: '3', LOG_LEVEL: 'silent' });
});

afterAll(async () => {
  await queues?.close();
  await env?.dispose();
});

/** Runs the worker's writers over `database` until `letters` dead letters are in; what each job's handler saw. */
async function runUntilSetAside(database: Database, jobs: PartitionJob[]) {
  const letters: DeadLetterView[] = [];
  const starts = new Map<string, number>();
  const handle = createCommandHandler({
    database,
    queues,
    publisher: new ReservationPublisher(env.redis, env.keyPrefix),
    logger,
    workerId: 'w-stall',
    registry: COMMANDS,
    retry: config,
    batchSize: config.DECISION_BATCH_SIZE,
  });
  const writers = startPartitionWriters(
    {
      connection: env.redis,
      keyPrefix: env.keyPrefix,
      partitionCount: PARTITION_COUNT,
      workerId: 'w-stall',
      lockDurationMs: 10_000,
      stalledIntervalMs: 5_000,
      writerConcurrency: 1,
      poison: createPoisonGuard({ deadLetters: queues.deadLetters, workerId: 'w-stall', logger, onDeadLettered: (letter) => letters.push(letter) }),
    },
    (job) => {
      starts.set(job.requestId, performance.now());
      return handle(job);
    },
    logger,
  );
  try {
    for (const job of jobs) await queues.enqueue(job);
    await waitUntil(() => letters.length === jobs.length, jobs.length * (worstCasePartitionStallMs(config) + SLACK_MS) + 5_000);
  } finally {
    await writers.close(10_000);
  }
  return { letters, starts };
}

const heldMs = (letter: DeadLetterView) => Date.parse(letter.deadLetteredAt) - Date.parse(letter.firstAttemptAt);

it('with PostgreSQL unreachable, a job holds its partition for worstCasePartitionStallMs, once, and the next job then runs', async () => {
  // Nothing listens there: every attempt fails with a refused connection, a transient failure.
  const unreachable = createDatabase('postgres://postgres@127.0.0.1:1/onsale', { poolSize: 2 });
  const eventId = randomUUID();
  const partition = queues.partitionOf(eventId);
  const jobs: PartitionJob[] = ['first', 'second'].map((name) => ({ kind: 'confirm', partition, eventId, reservationId: randomUUID(), requestId: name }));
  try {
    const { letters, starts } = await runUntilSetAside(unreachable, jobs);

    const stallMs = worstCasePartitionStallMs(config);
    expect(stallMs).toBe(1_500);
    expect(letters.map((letter) => letter.requestId)).toEqual(['first', 'second']);
    for (const letter of letters) {
      // The budget is one per job, not one per attempt: the stall is the derived figure.
      expect(heldMs(letter)).toBeGreaterThanOrEqual(stallMs - 10);
      expect(heldMs(letter)).toBeLessThan(stallMs + SLACK_MS);
      // Transient failures do not use up JOB_MAX_ATTEMPTS: they are retried until the budget runs out.
      expect(letter.attempts).toBeGreaterThan(1);
      expect(letter.error).toMatchObject({ code: expect.stringMatching(/ECONNREFUSED|CONNECT|DEADLINE/) as string });
    }
    // The partition was held by the first job for the stall, no longer: then the second one ran.
    const gap = starts.get('second')! - starts.get('first')!;
    expect(gap).toBeGreaterThanOrEqual(stallMs - 10);
    expect(gap).toBeLessThan(stallMs + SLACK_MS);
  } finally {
    await unreachable.close();
  }
});

it('a permanent failure gets JOB_MAX_ATTEMPTS attempts and holds its partition for their pauses only', async () => {
  const event = await givenEvent(env.database);
  const other = await givenEvent(env.database);
  const reservation = await givenQueuedReservation(env.database, event, [{ ticketType: 'GA', quantity: 1 }]);
  // A confirm naming another event than its reservation's: refused the same way every time.
  const job: PartitionJob = { kind: 'confirm', partition: queues.partitionOf(other.id), eventId: other.id, reservationId: reservation.id, requestId: 'wrong-event' };

  const { letters } = await runUntilSetAside(env.database, [job]);

  expect(letters).toHaveLength(1);
  expect(letters[0]).toMatchObject({ attempts: config.JOB_MAX_ATTEMPTS, error: { name: 'InvariantViolated' } });
  expect(heldMs(letters[0]!)).toBeGreaterThanOrEqual(permanentFailureHoldMs(config) - 10);
  expect(heldMs(letters[0]!)).toBeLessThan(worstCasePartitionStallMs(config));
});
