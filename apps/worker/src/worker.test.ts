import { randomUUID } from 'node:crypto';
import type { EventWithTicketTypes } from '@onsale/db';
import { DeploymentMismatch } from '@onsale/db';
import { createRedisConnection, PartitionQueues, partitionFor, reservationChannel, ReservationPublisher, type ReservationUpdate } from '@onsale/queue';
import { createLogger, loadWorkerConfig } from '@onsale/shared';
import type { Redis } from 'ioredis';
import postgres from 'postgres';
import { givenEvent, givenQueuedReservation } from '../../../test/support/factories';
import { createTestEnvironment, waitUntil, type TestEnvironment } from '../../../test/support/test-environment';
import { createCommandHandler } from './command-handler';
import { COMMANDS } from './commands';
import { startWorker } from './worker';

/*
 * The worker in-process against a real PostgreSQL and Redis: requests go in through the
 * partition queues exactly as the API enqueues them, decisions are read back from the database
 * and from the reservation channels.
 */

const PARTITION_COUNT = 16;

type Worker = Awaited<ReturnType<typeof startWorker>>;
type Items = { ticketType: string; quantity: number }[];

let env: TestEnvironment;
let queues: PartitionQueues;
let subscriber: Redis;
/**
 * Plain SQL for reading and nudging rows. (drizzle-orm is not a dependency of this package; it
 * resolves here only through pnpm's NODE_PATH shim, so its `sql` tag is not imported.)
 */
let pg: postgres.Sql;
/** Every message received on a subscribed reservation channel, by reservation id. */
const published = new Map<string, ReservationUpdate[]>();

beforeAll(async () => {
  env = await createTestEnvironment();
  pg = postgres(env.databaseUrl, { max: 2, onnotice: () => {} });
  queues = new PartitionQueues(env.redis, { keyPrefix: env.keyPrefix, partitionCount: PARTITION_COUNT });
  subscriber = env.redis.duplicate();
  subscriber.on('message', (channel: string, message: string) => {
    const id = channel.slice(channel.lastIndexOf(':') + 1);
    published.set(id, [...(published.get(id) ?? []), JSON.parse(message) as ReservationUpdate]);
  });
});

afterAll(async () => {
  await queues?.close();
  subscriber?.disconnect();
  await pg?.end({ timeout: 5 });
  await env?.dispose();
});

function startTestWorker(overrides: Record<string, string> = {}): Promise<Worker> {
  return startWorker(
    loadWorkerConfig({ ...env.env, WORKER_ID: 'w-test', SWEEP_INTERVAL_MS: '200', LOG_LEVEL: 'silent', ...overrides }),
    createLogger({ name: 'test', level: 'silent' }),
  );
}

async function givenQueued(event: EventWithTicketTypes, items: Items, customerId?: string) {
  return givenQueuedReservation(env.database, event, items, customerId);
}

/** The BullMQ queue of an event's partition. */
const queueOf = (eventId: string) => queues.queue(queues.partitionOf(eventId));

/** What the API does once it has recorded requests: tells the event's partition to decide. */
function enqueueDecide(reservation: { id: string; eventId: string }) {
  return queues.enqueue({ kind: 'decide', partition: queues.partitionOf(reservation.eventId), requestId: `test-${reservation.id}` });
}

async function subscribeTo(reservationId: string) {
  await subscriber.subscribe(reservationChannel(env.keyPrefix, reservationId));
}

interface ReservationRow {
  id: string;
  status: string;
  reason: string | null;
  decided_by: string | null;
  version: number;
}

async function reservationsByIds(ids: readonly string[]): Promise<Map<string, ReservationRow>> {
  const rows = await pg<ReservationRow[]>`
    SELECT id, status, reason, decided_by, version FROM reservations WHERE id IN ${pg(ids)}`;
  return new Map(rows.map((row) => [row.id, row]));
}

async function statusOf(id: string): Promise<string | undefined> {
  return (await reservationsByIds([id])).get(id)?.status;
}

/** Waits until none of the reservations is still queued, then returns them in the given order. */
async function waitForDecisions(ids: readonly string[], timeoutMs = 15_000): Promise<ReservationRow[]> {
  await waitUntil(async () => [...(await reservationsByIds(ids)).values()].every((row) => row.status !== 'queued'), timeoutMs);
  const rows = await reservationsByIds(ids);
  return ids.map((id) => rows.get(id)!);
}

/** held / sold of each of the event's ticket types, by code. */
async function countersOf(eventId: string): Promise<Record<string, { held: number; sold: number }>> {
  const rows = await pg<{ code: string; held: number; sold: number }[]>`
    SELECT code, held, sold FROM ticket_types WHERE event_id = ${eventId} ORDER BY code`;
  return Object.fromEntries(rows.map(({ code, held, sold }) => [code, { held, sold }]));
}

async function historyOf(reservationId: string) {
  const rows = await pg<
    { version: number; from_status: string | null; to_status: string; reason: string | null; actor: string }[]
  >`
    SELECT version, from_status, to_status, reason, actor FROM reservation_history
    WHERE reservation_id = ${reservationId} ORDER BY version`;
  return [...rows];
}

const twoTypes = {
  ticketTypes: [
    { code: 'GA', name: 'General admission', priceCents: 5000, capacity: 10 },
    { code: 'VIP', name: 'VIP', priceCents: 20000, capacity: 2 },
  ],
};

describe('worker (in-process, real Redis and PostgreSQL)', () => {
  let worker: Worker;

  beforeAll(async () => {
    worker = await startTestWorker();
  });

  afterAll(async () => {
    await worker?.close();
  });

  it('holds a queued reservation, moves the counters and publishes the decision', async () => {
    const event = await givenEvent(env.database, { holdTtlSeconds: 120 });
    const reservation = await givenQueued(event, [{ ticketType: 'GA', quantity: 3 }]);
    await subscribeTo(reservation.id);

    await enqueueDecide(reservation);

    const [decided] = await waitForDecisions([reservation.id]);
    expect(decided).toMatchObject({ status: 'held', reason: null, decided_by: 'w-test', version: 2 });
    expect(await countersOf(event.id)).toEqual({ GA: { held: 3, sold: 0 } });
    expect(await historyOf(reservation.id)).toEqual([
      { version: 1, from_status: null, to_status: 'queued', reason: null, actor: `customer:${reservation.customerId}` },
      { version: 2, from_status: 'queued', to_status: 'held', reason: null, actor: 'worker:w-test' },
    ]);

    await waitUntil(() => (published.get(reservation.id)?.length ?? 0) > 0);
    const [update] = published.get(reservation.id)!;
    expect(update).toMatchObject({
      commandId: `decide-p${partitionFor(event.id, PARTITION_COUNT)}`,
      reservation: {
        id: reservation.id,
        eventId: event.id,
        status: 'held',
        version: 2,
        items: [{ ticketType: 'GA', quantity: 3 }],
      },
    });
    expect(update!.reservation.expiresAt).toEqual(expect.any(String));
  });

  it('a redelivered decide job changes nothing', async () => {
    const event = await givenEvent(env.database);
    const reservation = await givenQueued(event, [{ ticketType: 'GA', quantity: 2 }]);
    await enqueueDecide(reservation);
    await waitForDecisions([reservation.id]);
    expect(await countersOf(event.id)).toEqual({ GA: { held: 2, sold: 0 } });

    // The same command again, as a redelivery would bring it, under a job id the dedup does not catch.
    const payload = { kind: 'decide', partition: queues.partitionOf(event.id), requestId: 'redelivered' };
    const duplicate = await queueOf(event.id).add('decide', payload, { jobId: `dup-${reservation.id}` });
    await waitUntil(async () => ['completed', 'failed'].includes(await duplicate.getState()));

    expect(await duplicate.getState()).toBe('completed');
    expect((await queueOf(event.id).getJob(duplicate.id!))?.failedReason).toBeFalsy();
    expect(await historyOf(reservation.id)).toEqual([
      expect.objectContaining({ version: 1, to_status: 'queued' }),
      expect.objectContaining({ version: 2, from_status: 'queued', to_status: 'held', actor: 'worker:w-test' }),
    ]);
    expect(await countersOf(event.id)).toEqual({ GA: { held: 2, sold: 0 } });
    expect((await reservationsByIds([reservation.id])).get(reservation.id)).toMatchObject({ status: 'held', version: 2 });
    await duplicate.remove();
  });

  it('decides requests for one event in arrival order, whatever order their jobs come in', async () => {
    const event = await givenEvent(env.database, {
      ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5000, capacity: 10 }],
    });
    const requests = [];
    for (let i = 0; i < 30; i++) requests.push(await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }]));
    for (const request of [...requests].reverse()) await enqueueDecide(request);

    const decided = await waitForDecisions(requests.map((request) => request.id));

    expect(decided.slice(0, 10).map((row) => row.status)).toEqual(Array(10).fill('held'));
    expect(decided.slice(10).map((row) => row.reason)).toEqual(Array(20).fill('sold_out'));
    expect(await countersOf(event.id)).toEqual({ GA: { held: 10, sold: 0 } });
  });

  it('holds every item of a request or none of them', async () => {
    const event = await givenEvent(env.database, twoTypes);
    const tooManyVip = await givenQueued(event, [
      { ticketType: 'GA', quantity: 2 },
      { ticketType: 'VIP', quantity: 3 },
    ]);
    const fits = await givenQueued(event, [
      { ticketType: 'GA', quantity: 3 },
      { ticketType: 'VIP', quantity: 2 },
    ]);
    const vipGone = await givenQueued(event, [
      { ticketType: 'GA', quantity: 1 },
      { ticketType: 'VIP', quantity: 1 },
    ]);
    for (const request of [tooManyVip, fits, vipGone]) await enqueueDecide(request);

    const [first, second, third] = await waitForDecisions([tooManyVip.id, fits.id, vipGone.id]);

    expect(first).toMatchObject({ status: 'rejected', reason: 'sold_out' });
    expect(second).toMatchObject({ status: 'held', reason: null });
    expect(third).toMatchObject({ status: 'rejected', reason: 'sold_out' });
    expect(await countersOf(event.id)).toEqual({ GA: { held: 3, sold: 0 }, VIP: { held: 2, sold: 0 } });
  });

  it('applies maxTicketsPerCustomer across a customer’s requests', async () => {
    const event = await givenEvent(env.database, { maxTicketsPerCustomer: 4 });
    const customer = `customer-${randomUUID()}`;
    const three = await givenQueued(event, [{ ticketType: 'GA', quantity: 3 }], customer);
    const twoMore = await givenQueued(event, [{ ticketType: 'GA', quantity: 2 }], customer);
    const oneMore = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }], customer);
    const lastOne = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }], customer);
    const someoneElse = await givenQueued(event, [{ ticketType: 'GA', quantity: 4 }]);
    const requests = [three, twoMore, oneMore, lastOne, someoneElse];
    for (const request of requests) await enqueueDecide(request);

    const decided = await waitForDecisions(requests.map((request) => request.id));

    expect(decided.map((row) => [row.status, row.reason])).toEqual([
      ['held', null],
      ['rejected', 'limit_exceeded'],
      ['held', null],
      ['rejected', 'limit_exceeded'],
      ['held', null],
    ]);
    expect(await countersOf(event.id)).toEqual({ GA: { held: 8, sold: 0 } });
  });

  it('expires a hold past its expiry by itself and returns its tickets', async () => {
    const event = await givenEvent(env.database, { holdTtlSeconds: 10 });
    const reservation = await givenQueued(event, [{ ticketType: 'GA', quantity: 4 }]);
    await subscribeTo(reservation.id);
    await enqueueDecide(reservation);
    const [held] = await waitForDecisions([reservation.id]);
    expect(held!.status).toBe('held');
    expect(await countersOf(event.id)).toEqual({ GA: { held: 4, sold: 0 } });

    await pg`UPDATE reservations SET expires_at = now() - interval '1 second' WHERE id = ${reservation.id}`;

    await waitUntil(async () => (await statusOf(reservation.id)) === 'expired');
    expect(await countersOf(event.id)).toEqual({ GA: { held: 0, sold: 0 } });
    expect(await historyOf(reservation.id)).toEqual([
      expect.objectContaining({ version: 1, to_status: 'queued' }),
      expect.objectContaining({ version: 2, from_status: 'queued', to_status: 'held', actor: 'worker:w-test' }),
      expect.objectContaining({ version: 3, from_status: 'held', to_status: 'expired', actor: 'worker:w-test' }),
    ]);
    await waitUntil(() => (published.get(reservation.id) ?? []).some((u) => u.reservation.status === 'expired'));
    expect(published.get(reservation.id)!.find((u) => u.reservation.status === 'expired')).toMatchObject({
      commandId: `expire-${event.id}`,
      reservation: { version: 3 },
    });
  });

  it('sets an invalid job aside as a dead letter without crashing or blocking its partition', async () => {
    const event = await givenEvent(env.database);
    const queue = queueOf(event.id);
    const invalid = await queue.add('decide', { kind: 'decide', eventId: 'not-a-uuid' });
    const reservation = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }]);
    await enqueueDecide(reservation);

    const [decided] = await waitForDecisions([reservation.id]);

    expect(decided).toMatchObject({ status: 'held', decided_by: 'w-test' });
    await waitUntil(async () => (await queues.deadLetters.count()) === 1);
    const [letter] = (await queues.deadLetters.list(0, 10)).items;
    expect(letter).toMatchObject({ jobId: invalid.id, kind: 'decide', payload: { kind: 'decide', eventId: 'not-a-uuid' }, attempts: 1, requestId: null });
    expect(letter?.error).toMatchObject({ name: 'InvalidJobPayload', message: expect.stringContaining('partition') as string });
    expect(await invalid.getState()).toBe('completed');
    await invalid.remove();
    await queues.deadLetters.remove(letter!.id);

    // And the partition keeps going after it.
    const next = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }]);
    await enqueueDecide(next);
    expect((await waitForDecisions([next.id]))[0]).toMatchObject({ status: 'held' });
    expect(await countersOf(event.id)).toEqual({ GA: { held: 2, sold: 0 } });
  });

  it('decides the waiting requests of every event of a partition in one transaction, on one job', async () => {
    const first = await givenEvent(env.database);
    const samePartition = [first];
    while (samePartition.length < 3) {
      const candidate = await givenEvent(env.database);
      if (partitionFor(candidate.id, PARTITION_COUNT) === partitionFor(first.id, PARTITION_COUNT)) samePartition.push(candidate);
    }
    const requests = [];
    for (const event of samePartition) requests.push(await givenQueued(event, [{ ticketType: 'GA', quantity: 2 }]));

    await enqueueDecide(requests[0]!);

    const decided = await waitForDecisions(requests.map((request) => request.id));
    expect(decided.map((row) => row.status)).toEqual(['held', 'held', 'held']);
    const transactions = await pg<{ n: number }[]>`
      SELECT count(DISTINCT decision_started_at)::int AS n FROM reservations WHERE id IN ${pg(requests.map((request) => request.id))}`;
    expect(transactions[0]!.n).toBe(1);
    for (const event of samePartition) expect(await countersOf(event.id)).toEqual({ GA: { held: 2, sold: 0 } });
  });

  it('decides events on different partitions', async () => {
    const first = await givenEvent(env.database);
    let second = await givenEvent(env.database);
    while (partitionFor(second.id, PARTITION_COUNT) === partitionFor(first.id, PARTITION_COUNT)) {
      second = await givenEvent(env.database);
    }
    expect(queueOf(first.id).name).not.toBe(queueOf(second.id).name);
    const a = await givenQueued(first, [{ ticketType: 'GA', quantity: 2 }]);
    const b = await givenQueued(second, [{ ticketType: 'GA', quantity: 5 }]);
    await Promise.all([enqueueDecide(a), enqueueDecide(b)]);

    const decided = await waitForDecisions([a.id, b.id]);

    expect(decided.map((row) => row.status)).toEqual(['held', 'held']);
    expect(await countersOf(first.id)).toEqual({ GA: { held: 2, sold: 0 } });
    expect(await countersOf(second.id)).toEqual({ GA: { held: 5, sold: 0 } });
  });
});

describe('worker deciding a backlog in bounded batches', () => {
  let worker: Worker;

  afterAll(async () => {
    await worker?.close();
  });

  it('decides a backlog batch after batch, in arrival order, with one job waiting', async () => {
    const event = await givenEvent(env.database, {
      ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5000, capacity: 20 }],
    });
    const requests = [];
    for (let i = 0; i < 45; i++) requests.push(await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }]));
    await Promise.all(requests.map((request) => enqueueDecide(request)));
    expect(await queueOf(event.id).getWaitingCount()).toBe(1);

    worker = await startTestWorker({ DECISION_BATCH_SIZE: '7' });
    const decided = await waitForDecisions(requests.map((request) => request.id));

    expect(decided.slice(0, 20).map((row) => row.status)).toEqual(Array(20).fill('held'));
    expect(decided.slice(20).map((row) => row.reason)).toEqual(Array(25).fill('sold_out'));
    const batches = await pg<{ size: number }[]>`
      SELECT count(*)::int AS size FROM reservations WHERE event_id = ${event.id}
      GROUP BY decision_started_at ORDER BY min(arrival)`;
    expect(batches.map((batch) => batch.size)).toEqual([7, 7, 7, 7, 7, 7, 3]);
  });
});

describe('worker: what fails does not stall a partition', () => {
  let worker: Worker;

  beforeAll(async () => {
    worker = await startTestWorker();
  });

  afterAll(async () => {
    await worker?.close();
  });

  it('narrows a batch the database refuses down to the request it refuses, rejects that one as internal_error and decides the rest', async () => {
    const event = await givenEvent(env.database);
    let neighbour = await givenEvent(env.database);
    while (queues.partitionOf(neighbour.id) !== queues.partitionOf(event.id)) neighbour = await givenEvent(env.database);
    // The database itself refuses to hold this one customer's request, however often it is asked.
    await pg.unsafe(`
      CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.customer_id = 'poison' AND NEW.status = 'held' THEN RAISE EXCEPTION 'poison request refused'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_poison BEFORE UPDATE ON reservations FOR EACH ROW EXECUTE FUNCTION refuse_poison();`);
    try {
      const before = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }]);
      const poison = await givenQueued(event, [{ ticketType: 'GA', quantity: 2 }], 'poison');
      const after = await givenQueued(event, [{ ticketType: 'GA', quantity: 3 }]);
      const elsewhere = await givenQueued(neighbour, [{ ticketType: 'GA', quantity: 1 }]);
      await subscribeTo(poison.id);

      await enqueueDecide(before);
      const decided = await waitForDecisions([before.id, poison.id, after.id, elsewhere.id]);

      expect(decided.map((row) => row.reason ?? row.status)).toEqual(['held', 'internal_error', 'held', 'held']);
      expect(await countersOf(event.id)).toEqual({ GA: { held: 4, sold: 0 } });
      expect(await countersOf(neighbour.id)).toEqual({ GA: { held: 1, sold: 0 } });
      expect(await historyOf(poison.id)).toEqual([
        expect.objectContaining({ version: 1, to_status: 'queued' }),
        expect.objectContaining({ version: 2, from_status: 'queued', to_status: 'rejected', reason: 'internal_error' }),
      ]);
      await waitUntil(() => (published.get(poison.id) ?? []).length > 0);
      expect(published.get(poison.id)![0]!.reservation).toMatchObject({ status: 'rejected', reason: 'internal_error' });
    } finally {
      await pg.unsafe('DROP TRIGGER refuse_poison ON reservations; DROP FUNCTION refuse_poison();');
    }
  });

  it('drops a job that names another partition than its queue, and the partition goes on', async () => {
    const event = await givenEvent(env.database);
    const reservation = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }]);
    const partition = queues.partitionOf(event.id);
    const stray = await queueOf(event.id).add('decide', { kind: 'decide', partition: (partition + 1) % PARTITION_COUNT, requestId: 'stray' });

    await enqueueDecide(reservation);

    expect((await waitForDecisions([reservation.id]))[0]).toMatchObject({ status: 'held' });
    await waitUntil(async () => (await stray.getState()) === 'failed');
    const failed = await queueOf(event.id).getJob(stray.id!);
    expect(failed?.failedReason).toBe('job on the wrong partition queue');
    await failed?.remove();
  });

  it('publishes what a batch committed even when continuing the backlog fails', async () => {
    const event = await givenEvent(env.database);
    const requests = [];
    for (let i = 0; i < 3; i++) requests.push(await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }]));
    for (const request of requests) await subscribeTo(request.id);
    // A producer whose Redis connection is gone: adding the next decide fails.
    const closedConnection = createRedisConnection({ REDIS_URL: env.env.REDIS_URL }, 'closed');
    const brokenQueues = new PartitionQueues(closedConnection, { keyPrefix: env.keyPrefix, partitionCount: PARTITION_COUNT });
    await brokenQueues.close();
    closedConnection.disconnect();
    const handle = createCommandHandler({
      database: env.database,
      queues: brokenQueues,
      publisher: new ReservationPublisher(env.redis, env.keyPrefix),
      logger: createLogger({ name: 'test', level: 'silent' }),
      workerId: 'w-handler',
      registry: COMMANDS,
      retry: { WORKER_RETRY_BUDGET_MS: 1_000, JOB_MAX_ATTEMPTS: 3 },
      batchSize: 2,
    });

    await handle({ kind: 'decide', partition: queues.partitionOf(event.id), requestId: 'full-batch' });

    const firstTwo = requests.slice(0, 2).map((request) => request.id);
    expect((await reservationsByIds(firstTwo)).get(firstTwo[0]!)).toMatchObject({ status: 'held', decided_by: 'w-handler' });
    await waitUntil(() => firstTwo.every((id) => (published.get(id) ?? []).some((update) => update.reservation.status === 'held')));
    expect(await statusOf(requests[2]!.id)).toBe('queued');
  });

  it('refuses to start with another PARTITION_COUNT than the deployment recorded', async () => {
    const error = await startTestWorker({ PARTITION_COUNT: '8' }).catch((rejection: unknown) => rejection);

    expect(error).toBeInstanceOf(DeploymentMismatch);
    expect((error as Error).message).toContain(`PARTITION_COUNT is 8, but this deployment's requests are partitioned ${PARTITION_COUNT} ways`);
  });
});

describe('worker sweeper: a worker that starts', () => {
  it('decides on its first sweep the requests left queued without a job before it started, not after REQUEUE_AFTER_MS', async () => {
    // A whole-site restart with a Redis that came back empty: the requests wait in PostgreSQL, their jobs are gone.
    const event = await givenEvent(env.database);
    const lost = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }]);
    expect(await queueOf(event.id).getWaitingCount()).toBe(0);

    const worker = await startTestWorker({ REQUEUE_AFTER_MS: '600000' });
    try {
      const [decided] = await waitForDecisions([lost.id], 5_000);
      expect(decided).toMatchObject({ status: 'held', decided_by: 'w-test' });
    } finally {
      await worker.close();
    }
  });
});

describe('worker sweeper: lost jobs', () => {
  let worker: Worker;

  beforeAll(async () => {
    // The worker's first sweep requeues every queued request, whatever its age: once this one is
    // decided, that sweep is past, and the request under test waits for REQUEUE_AFTER_MS.
    const event = await givenEvent(env.database);
    const beforeStart = await givenQueued(event, [{ ticketType: 'GA', quantity: 1 }]);
    worker = await startTestWorker({ REQUEUE_AFTER_MS: '500' });
    await waitForDecisions([beforeStart.id]);
  });

  afterAll(async () => {
    await worker?.close();
  });

  it('decides a queued reservation that never got a job once it is older than REQUEUE_AFTER_MS', async () => {
    const event = await givenEvent(env.database);
    const lost = await givenQueued(event, [{ ticketType: 'GA', quantity: 2 }]);
    expect(await queueOf(event.id).getWaitingCount()).toBe(0);

    const [decided] = await waitForDecisions([lost.id]);

    expect(decided).toMatchObject({ status: 'held', decided_by: 'w-test' });
    expect(await countersOf(event.id)).toEqual({ GA: { held: 2, sold: 0 } });
    const [timing] = await pg<{ waited_ms: number }[]>`
      SELECT (extract(epoch FROM decided_at - created_at) * 1000)::float8 AS waited_ms
      FROM reservations WHERE id = ${lost.id}`;
    expect(timing!.waited_ms).toBeGreaterThanOrEqual(500);
    expect(await historyOf(lost.id)).toEqual([
      expect.objectContaining({ version: 1, to_status: 'queued' }),
      expect.objectContaining({ version: 2, to_status: 'held', actor: 'worker:w-test' }),
    ]);
  });
});
