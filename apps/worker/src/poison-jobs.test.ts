import type { NewDeadLetter } from '@onsale/queue';
import { createLogger } from '@onsale/shared';
import { createPoisonGuard, type JobOrigin } from './poison-jobs';

/* The attempt budget alone, with a dead-letter list kept in memory (the queue itself is tested over HTTP and in worker.test). */

const origin: JobOrigin = { queue: 'partition-{p3}', partition: 3, jobId: 'confirm-1', name: 'confirm' };
const payload = { kind: 'confirm', partition: 3, requestId: 'req-1' };

function guardWith(maxAttempts: number) {
  const letters: NewDeadLetter[] = [];
  const guard = createPoisonGuard({
    deadLetters: { add: async (letter) => (letters.push(letter), { ...letter, id: crypto.randomUUID() }) },
    maxAttempts,
    backoffMs: 1,
    workerId: 'w-unit',
    logger: createLogger({ name: 'test', level: 'silent' }),
  });
  return { guard, letters };
}

/** A handler that fails its first `failures` runs, counting every run. */
function failing(failures: number) {
  const handler = { runs: 0, run: async () => {
    handler.runs += 1;
    if (handler.runs <= failures) throw Object.assign(new Error(`failure ${handler.runs}`), { code: 'P0001' });
  } };
  return handler;
}

it('runs a failing job exactly maxAttempts times, then sets it aside with its last error', async () => {
  const { guard, letters } = guardWith(3);
  const handler = failing(Infinity);

  await guard.attempt(origin, payload, handler.run);

  expect(handler.runs).toBe(3);
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
  expect(Date.parse(letters[0]!.deadLetteredAt)).toBeGreaterThanOrEqual(Date.parse(letters[0]!.firstAttemptAt));
});

it('sets nothing aside when a later attempt succeeds', async () => {
  const { guard, letters } = guardWith(3);
  const handler = failing(2);

  await guard.attempt(origin, payload, handler.run);

  expect(handler.runs).toBe(3);
  expect(letters).toEqual([]);
});

it('with one attempt, sets a job aside at its first failure', async () => {
  const { guard, letters } = guardWith(1);
  const handler = failing(Infinity);

  await guard.attempt(origin, payload, handler.run);

  expect(handler.runs).toBe(1);
  expect(letters.map((letter) => letter.attempts)).toEqual([1]);
});

it('fails the job when the dead letter cannot be written, so nothing is dropped silently', async () => {
  const guard = createPoisonGuard({
    deadLetters: { add: () => Promise.reject(new Error('redis away')) },
    maxAttempts: 2,
    backoffMs: 1,
    workerId: 'w-unit',
    logger: createLogger({ name: 'test', level: 'silent' }),
  });

  await expect(guard.attempt(origin, payload, failing(Infinity).run)).rejects.toThrow('redis away');
});
