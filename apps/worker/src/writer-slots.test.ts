import { randomUUID } from 'node:crypto';
import { PartitionQueues, type PartitionJob } from '@onsale/queue';
import { createLogger } from '@onsale/shared';
import { createTestEnvironment, waitUntil, type TestEnvironment } from '../../../test/support/test-environment';
import { startPartitionWriters } from './partition-writers';
import { createPoisonGuard } from './poison-jobs';

/*
 * A process runs at most WRITER_CONCURRENCY partition commands at once, whatever number of
 * partitions have work: the others wait for a slot, in BullMQ, through real Redis.
 */

const PARTITION_COUNT = 16;
const logger = createLogger({ name: 'test', level: 'silent' });

let env: TestEnvironment;
let queues: PartitionQueues;

beforeAll(async () => {
  env = await createTestEnvironment();
  queues = new PartitionQueues(env.redis, { keyPrefix: env.keyPrefix, partitionCount: PARTITION_COUNT });
  await queues.enforceSingleWriter();
});

afterAll(async () => {
  await queues?.close();
  await env?.dispose();
});

/** Events on `count` different partitions. */
function eventsOnDistinctPartitions(count: number): string[] {
  const byPartition = new Map<number, string>();
  while (byPartition.size < count) {
    const eventId = randomUUID();
    byPartition.set(queues.partitionOf(eventId), eventId);
  }
  return [...byPartition.values()];
}

async function runWithSlots(writerConcurrency: number, eventIds: string[]) {
  let running = 0;
  let mostAtOnce = 0;
  const handled: string[] = [];
  const handle = async (command: PartitionJob) => {
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    await new Promise((resolve) => setTimeout(resolve, 20));
    handled.push(command.kind === 'expire' ? command.eventId : '');
    running -= 1;
  };
  const writers = startPartitionWriters(
    {
      connection: env.redis,
      keyPrefix: env.keyPrefix,
      partitionCount: PARTITION_COUNT,
      workerId: `slots-${writerConcurrency}`,
      lockDurationMs: 10_000,
      stalledIntervalMs: 5_000,
      writerConcurrency,
      poison: createPoisonGuard({ deadLetters: queues.deadLetters, workerId: 'slots', logger }),
    },
    handle,
    logger,
  );
  try {
    await Promise.all(eventIds.map((eventId) => queues.enqueue({ kind: 'expire', partition: queues.partitionOf(eventId), eventId, requestId: `test-${eventId}` })));
    await waitUntil(() => handled.length === eventIds.length, 20_000);
  } finally {
    await writers.close(10_000);
  }
  return { mostAtOnce, handled };
}

it('runs one command at a time with one slot, though eight partitions have work', async () => {
  const eventIds = eventsOnDistinctPartitions(8);
  const { mostAtOnce, handled } = await runWithSlots(1, eventIds);
  expect(mostAtOnce).toBe(1);
  expect(handled.sort()).toEqual([...eventIds].sort());
});

it('runs no more than its slots at once', async () => {
  const eventIds = eventsOnDistinctPartitions(8);
  const { mostAtOnce, handled } = await runWithSlots(3, eventIds);
  expect(mostAtOnce).toBeLessThanOrEqual(3);
  expect(handled.sort()).toEqual([...eventIds].sort());
});
