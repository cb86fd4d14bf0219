import type { NewDeadLetter } from '@onsale/queue';
import { createLogger, retryInPlace } from '@onsale/shared';
import { createPoisonGuard, type JobOrigin } from './poison-jobs';

/* Setting aside, with a dead-letter list kept in memory (the queue itself is tested over HTTP and in worker.test; the retries in the failure policy's tests and partition-stall.test). */

const origin: JobOrigin = { queue: 'partition-{p3}', partition: 3, jobId: 'confirm-1', name: 'confirm' };
const payload = { kind: 'confirm', partition: 3, requestId: 'req-1' };
const config = { WORKER_RETRY_BUDGET_MS: 5_000, JOB_MAX_ATTEMPTS: 3 };

function guardWith() {
  const letters: NewDeadLetter[] = [];
  const guard = createPoisonGuard({
    deadLetters: { add: async (letter) => (letters.push(letter), { ...letter, id: crypto.randomUUID() }) },
    workerId: 'w-unit',
    logger: createLogger({ name: 'test', level: 'silent' }),
  });
  return { guard, letters };
}

/** A handler that fails its first `failures` runs, counting every run, retried by the failure policy as the command handler does. */
function failing(failures: number) {
  const handler = {
    runs: 0,
    run: () =>
      retryInPlace(async () => {
        handler.runs += 1;
        if (handler.runs <= failures) throw Object.assign(new Error(`failure ${handler.runs}`), { code: 'P0001' });
      }, config),
  };
  return handler;
}

it('sets a job the policy gave up on aside with its attempts and last error', async () => {
  const { guard, letters } = guardWith();
  const handler = failing(Infinity);

  await guard.attempt(origin, payload, handler.run);

  expect(handler.runs).toBe(config.JOB_MAX_ATTEMPTS);
  expect(letters).toEqual([
    expect.objectContaining({
      queue: 'partition-{p3}',
      partition: 3,
      jobId: 'confirm-1',
      kind: 'confirm',
      payload,
      requestId: 'req-1',
      error: { name: 'Error', message: 'failure 3', code: 'P0001' },
      attempts: 3,
      workerId: 'w-unit',
    }),
  ]);
  // Two pauses: 100 ms, then 200 ms.
  expect(Date.parse(letters[0]!.deadLetteredAt) - Date.parse(letters[0]!.firstAttemptAt)).toBeGreaterThanOrEqual(290);
});

it('sets nothing aside when a later attempt succeeds', async () => {
  const { guard, letters } = guardWith();
  const handler = failing(2);

  await guard.attempt(origin, payload, handler.run);

  expect(handler.runs).toBe(3);
  expect(letters).toEqual([]);
});

it('retries nothing itself: a failure that is not the policy giving up is set aside at once', async () => {
  const { guard, letters } = guardWith();
  let runs = 0;

  await guard.attempt(origin, payload, async () => {
    runs += 1;
    throw new TypeError('a bug');
  });

  expect(runs).toBe(1);
  expect(letters.map((letter) => [letter.attempts, letter.error.name])).toEqual([[1, 'TypeError']]);
});

it('fails the job when the dead letter cannot be written, so nothing is dropped silently', async () => {
  const guard = createPoisonGuard({
    deadLetters: { add: () => Promise.reject(new Error('redis away')) },
    workerId: 'w-unit',
    logger: createLogger({ name: 'test', level: 'silent' }),
  });

  await expect(guard.attempt(origin, payload, failing(Infinity).run)).rejects.toThrow('redis away');
});
