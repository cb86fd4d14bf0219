import { PartitionQueues } from '@onsale/queue';
import { createLogger, loadWorkerConfig } from '@onsale/shared';
import postgres from 'postgres';
import { givenEvent, givenQueuedReservation } from '../../../test/support/factories';
import { createTestEnvironment, waitUntil, type TestEnvironment } from '../../../test/support/test-environment';
import { startWorker } from './worker';

/*
 * Two worker processes' worth of partition writers on the same queues: BullMQ's global
 * concurrency of 1 must leave each partition with one writer at a time, so an event's
 * decision transactions never run concurrently and inventory is never oversold.
 */

const PARTITION_COUNT = 16;
const CAPACITY = 100;
const REQUESTS = 300;

type Worker = Awaited<ReturnType<typeof startWorker>>;

let env: TestEnvironment;
let queues: PartitionQueues;
/** Plain SQL for reading rows (drizzle-orm is not a dependency of this package). */
let pg: postgres.Sql;
const workers = new Map<string, Worker>();

beforeAll(async () => {
  env = await createTestEnvironment();
  pg = postgres(env.databaseUrl, { max: 2, onnotice: () => {} });
  queues = new PartitionQueues(env.redis, { keyPrefix: env.keyPrefix, partitionCount: PARTITION_COUNT });
  for (const workerId of ['w-a', 'w-b']) {
    workers.set(
      workerId,
      await startWorker(
        loadWorkerConfig({ ...env.env, WORKER_ID: workerId, SWEEP_INTERVAL_MS: '200', LOG_LEVEL: 'silent' }),
        createLogger({ name: 'test', level: 'silent' }),
      ),
    );
  }
});

afterAll(async () => {
  await Promise.all([...workers.values()].map((worker) => worker.close()));
  await queues?.close();
  await pg?.end({ timeout: 5 });
  await env?.dispose();
});

it('decides 300 concurrent requests for 100 tickets one transaction at a time across two workers', async () => {
  const db = env.database;
  const event = await givenEvent(db, {
    ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5000, capacity: CAPACITY }],
  });
  const requests = await Promise.all(
    Array.from({ length: REQUESTS }, () => givenQueuedReservation(db, event, [{ ticketType: 'GA', quantity: 1 }])),
  );

  await Promise.all(
    requests.map((request) => queues.enqueue({ kind: 'decide', partition: queues.partitionOf(event.id), requestId: `test-${request.id}` })),
  );

  const queuedCount = async () => {
    const [row] = await pg<{ queued: number }[]>`
      SELECT count(*)::int AS queued FROM reservations WHERE event_id = ${event.id} AND status = 'queued'`;
    return row!.queued;
  };
  await waitUntil(async () => (await queuedCount()) === 0, 60_000);

  const outcomes = await pg<{ status: string; reason: string | null; count: number }[]>`
    SELECT status, reason, count(*)::int AS count FROM reservations WHERE event_id = ${event.id}
    GROUP BY status, reason ORDER BY status`;
  expect([...outcomes]).toEqual([
    { status: 'held', reason: null, count: CAPACITY },
    { status: 'rejected', reason: 'sold_out', count: REQUESTS - CAPACITY },
  ]);
  const [counters] = await pg<{ held: number; sold: number }[]>`
    SELECT held, sold FROM ticket_types WHERE event_id = ${event.id}`;
  expect(counters).toEqual({ held: CAPACITY, sold: 0 });

  // Microsecond timestamps as integers, so sub-millisecond overlaps are not rounded away.
  const decisions = await pg<{ id: string; started_us: string; decided_us: string; decided_by: string | null }[]>`
    SELECT id,
           (extract(epoch FROM decision_started_at) * 1000000)::bigint::text AS started_us,
           (extract(epoch FROM decided_at) * 1000000)::bigint::text AS decided_us,
           decided_by
    FROM reservations WHERE event_id = ${event.id}
    ORDER BY decision_started_at, decided_at`;
  expect(decisions).toHaveLength(REQUESTS);
  expect(new Set(decisions.map((row) => row.id))).toEqual(new Set(requests.map((request) => request.id)));
  for (const row of decisions) {
    expect(row.started_us).not.toBeNull();
    expect(row.decided_us).not.toBeNull();
    expect(['w-a', 'w-b']).toContain(row.decided_by);
    expect(BigInt(row.decided_us)).toBeGreaterThanOrEqual(BigInt(row.started_us));
  }
  // A batch's requests share one transaction: one interval per transaction, none overlapping.
  const transactions = [...new Map(decisions.map((row) => [`${row.decided_by}/${row.started_us}`, row])).values()];
  const overlaps = transactions.flatMap((row, index) => {
    const previous = transactions[index - 1];
    return previous && BigInt(row.started_us) < BigInt(previous.decided_us)
      ? [{ previousBy: previous.decided_by, nextBy: row.decided_by }]
      : [];
  });
  expect(overlaps).toEqual([]);

  const byWorker: Record<string, number> = {};
  for (const row of decisions) byWorker[row.decided_by!] = (byWorker[row.decided_by!] ?? 0) + 1;
  console.log(`decisions by worker: ${JSON.stringify(byWorker)}`);
  expect(Object.values(byWorker).reduce((sum, count) => sum + count, 0)).toBe(REQUESTS);
}, 90_000);

it('leaves the partitions to the other worker when one stops', async () => {
  const db = env.database;
  const event = await givenEvent(db);
  const before = await givenQueuedReservation(db, event, [{ ticketType: 'GA', quantity: 1 }]);
  await queues.enqueue({ kind: 'decide', partition: queues.partitionOf(event.id), requestId: `test-${before.id}` });
  const decidedBy = async (ids: string[]) => {
    return pg<{ id: string; status: string; decided_by: string | null }[]>`
      SELECT id, status, decided_by FROM reservations WHERE id IN ${pg(ids)}`;
  };
  await waitUntil(async () => (await decidedBy([before.id])).every((row) => row.status !== 'queued'));
  const firstWriter = (await decidedBy([before.id]))[0]!.decided_by!;
  const standby = firstWriter === 'w-a' ? 'w-b' : 'w-a';

  await workers.get(firstWriter)!.close();
  workers.delete(firstWriter);
  const after = await Promise.all(
    Array.from({ length: 5 }, () => givenQueuedReservation(db, event, [{ ticketType: 'GA', quantity: 1 }])),
  );
  for (const request of after) {
    await queues.enqueue({ kind: 'decide', partition: queues.partitionOf(event.id), requestId: `test-${request.id}` });
  }

  const ids = after.map((request) => request.id);
  await waitUntil(async () => (await decidedBy(ids)).every((row) => row.status !== 'queued'));
  expect((await decidedBy(ids)).map((row) => [row.status, row.decided_by])).toEqual(ids.map(() => ['held', standby]));
});
