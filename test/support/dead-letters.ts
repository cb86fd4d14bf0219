import { DeadLetters, type PartitionJob } from '@onsale/queue';
import type { DeadLetterView } from '@onsale/shared';
import type { TestEnvironment } from './test-environment';

/**
 * A dead letter as a worker sets one aside after the last attempt of `payload` failed: for tests
 * of what operators do with dead letters (how jobs become one is tested with real poison jobs).
 */
export async function givenDeadLetter(env: TestEnvironment, payload: PartitionJob | Record<string, unknown>): Promise<DeadLetterView> {
  const deadLetters = new DeadLetters(env.redis, env.keyPrefix);
  const partition = typeof payload.partition === 'number' ? payload.partition : 0;
  try {
    return await deadLetters.add({
      queue: `partition-{p${partition}}`,
      partition,
      jobId: null,
      kind: typeof payload.kind === 'string' ? payload.kind : 'unknown',
      payload,
      requestId: typeof payload.requestId === 'string' ? payload.requestId : null,
      error: { name: 'Error', message: 'set aside by the test' },
      attempts: 3,
      firstAttemptAt: new Date().toISOString(),
      deadLetteredAt: new Date().toISOString(),
      workerId: 'test',
    });
  } finally {
    await deadLetters.close();
  }
}
