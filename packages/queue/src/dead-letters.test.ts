import type { DeadLetterView } from '@onsale/shared';
import { createTestEnvironment, type TestEnvironment } from '../../../test/support/test-environment';
import { DeadLetters, type NewDeadLetter } from './dead-letters';

/* The dead-letter list on real Redis, under this file's own key prefix. */

let env: TestEnvironment;
let deadLetters: DeadLetters;

beforeAll(async () => {
  env = await createTestEnvironment();
  deadLetters = new DeadLetters(env.redis, env.keyPrefix);
});

afterAll(async () => {
  await deadLetters?.close();
  await env?.dispose();
});

const letter = (kind: string, requestId: string): NewDeadLetter => ({
  queue: 'partition-{p2}',
  partition: 2,
  jobId: null,
  kind,
  payload: { kind, partition: 2, requestId },
  requestId,
  error: { name: 'Error', message: 'refused' },
  attempts: 3,
  firstAttemptAt: new Date().toISOString(),
  deadLetteredAt: new Date().toISOString(),
  workerId: 'w',
});

it('keeps every letter, oldest first, but one per work notice however often it is set aside', async () => {
  const added: DeadLetterView[] = [];
  added.push(await deadLetters.add(letter('confirm', 'a')));
  added.push(await deadLetters.add(letter('confirm', 'b')));
  const notice = await deadLetters.add(letter('decide', 'c'), { onePer: 'decide-p2' });
  const again = await deadLetters.add(letter('decide', 'd'), { onePer: 'decide-p2' });

  expect(again.id).toBe(notice.id);
  const { items, total } = await deadLetters.list(0, 10);
  expect(total).toBe(3);
  expect(items.map((item) => item.requestId)).toEqual(['a', 'b', 'c']);
  expect(await deadLetters.get(added[1]!.id)).toEqual(added[1]);

  await deadLetters.remove(notice.id);
  await deadLetters.remove(notice.id);
  expect(await deadLetters.get(notice.id)).toBeUndefined();
  // Once the operator has dealt with it, the next failure of the notice is a letter again.
  expect((await deadLetters.add(letter('decide', 'e'), { onePer: 'decide-p2' })).id).toBe(notice.id);
  expect((await deadLetters.list(0, 10)).items.map((item) => item.requestId)).toEqual(['a', 'b', 'e']);
});
