import { randomBytes, randomUUID } from 'node:crypto';
import { startApi } from '@onsale/api/server';
import { createRedisConnection, deleteKeysMatching, partitionFor, partitionQueueName, reservationChannel } from '@onsale/queue';
import { createLogger, loadApiConfig, loadWorkerConfig, type EventView, type ReservationView } from '@onsale/shared';
import { startWorker } from '@onsale/worker/worker';
import { Cluster, type Redis } from 'ioredis';
import postgres from 'postgres';
import { OnsaleClient } from '@onsale/scripts/client';
import { redisServerInstalled, startRedisCluster, type RedisClusterUnderTest } from '../support/redis-cluster';
import { WITHOUT_ADMISSION_CONTROL } from '../support/admission-settings';
import { readSse } from '../support/sse';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { waitUntil } from '../support/test-environment';

/*
 * Onsale on a real three-master Redis Cluster (redis-server processes on loopback, nothing shared
 * with the Redis on 6379): the API and a worker in-process with REDIS_CLUSTER_NODES, driven over
 * HTTP, checked in PostgreSQL and on each cluster node.
 */

jest.setTimeout(60_000);

const JWT_SECRET = 'cluster-test-secret-16+';
const PARTITION_COUNT = 16;
const MASTERS = 3;
/** One event per master; capacities differ so that a mix-up between events would show. */
const CAPACITIES = [60, 45, 30];
const BUYERS_PER_EVENT = 120;

const installed = redisServerInstalled();
if (!installed) console.warn('redis-cluster.test.ts skipped: redis-server / redis-cli are not on PATH');
const describeWithRedisServer = installed ? describe : describe.skip;

let cluster: RedisClusterUnderTest;
let database: TestDatabase;
let sql: postgres.Sql;
/** The test's own view of the cluster: slot owners, keys on each master. */
let inspector: Cluster;
let api: Awaited<ReturnType<typeof startApi>> | undefined;
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
let client: OnsaleClient;
let baseUrl: string;
const keyPrefix = `onsale-cluster-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  if (!installed) return;
  [cluster, database] = await Promise.all([startRedisCluster(MASTERS), createTestDatabase()]);
  sql = postgres(database.databaseUrl, { max: 2, onnotice: () => {} });
  inspector = new Cluster(cluster.nodes);
  const env = {
    DATABASE_URL: database.databaseUrl,
    REDIS_CLUSTER_NODES: cluster.seedList,
    KEY_PREFIX: keyPrefix,
    PARTITION_COUNT: String(PARTITION_COUNT),
    LOG_LEVEL: 'silent',
  };
  const logger = createLogger({ name: 'cluster-test', level: 'silent' });
  api = await startApi(loadApiConfig({ ...env, ...WITHOUT_ADMISSION_CONTROL, JWT_SECRET, PORT: '0', DB_POOL_SIZE: '20' }), logger);
  worker = await startWorker(loadWorkerConfig({ ...env, WORKER_ID: 'cluster-worker' }), logger);
  baseUrl = `http://127.0.0.1:${api.port}`;
  client = new OnsaleClient(baseUrl, JWT_SECRET, MASTERS * BUYERS_PER_EVENT);
});

afterAll(async () => {
  await client?.close();
  await api?.close();
  await worker?.close();
  inspector?.disconnect();
  await sql?.end({ timeout: 5 });
  await database?.dispose();
  await cluster?.stop();
});

// ---------------------------------------------------------------------------------------------
// Where things live in the cluster
// ---------------------------------------------------------------------------------------------

const address = (node: Redis) => `${node.options.host}:${node.options.port}`;

/** The `host:port` of the master serving the slot, from the cluster's own slot table. */
async function ownerOfSlot(slot: number): Promise<string> {
  const ranges = await inspector.cluster('SLOTS');
  const [, , master] = ranges.find(([start, end]) => slot >= start && slot <= end)!;
  return `${master![0]}:${master![1]}`;
}

const slotOf = (key: string) => inspector.cluster('KEYSLOT', key);

/** The master that holds a partition's queue keys, asked with one of those keys. */
const nodeOfPartition = async (partition: number) => ownerOfSlot(await slotOf(`${keyPrefix}:${partitionQueueName(partition)}:wait`));

async function keysOnEachMaster(pattern: string): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const node of inspector.nodes('master')) {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    found.set(address(node), keys);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// The pipeline over HTTP
// ---------------------------------------------------------------------------------------------

const eventBody = (capacity: number) => ({
  name: `Cluster on-sale (${capacity})`,
  startsAt: '2030-01-01T20:00:00Z',
  ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5000, capacity }],
});

/** Creates events until there is one whose partition lives on each master. */
async function oneEventPerMaster(): Promise<{ event: EventView; node: string; capacity: number }[]> {
  const byNode = new Map<string, EventView>();
  for (let attempt = 0; byNode.size < MASTERS && attempt < 60; attempt++) {
    const event = await client.createEvent(eventBody(CAPACITIES[byNode.size]!));
    const node = await nodeOfPartition(partitionFor(event.id, PARTITION_COUNT));
    if (!byNode.has(node)) byNode.set(node, event);
  }
  return [...byNode].map(([node, event]) => ({ event, node, capacity: event.ticketTypes[0]!.capacity }));
}

const count = async (query: Promise<{ n: number }[]>) => Number((await query)[0]!.n);

async function outcomesOf(eventId: string) {
  const rows = await sql<{ status: string; reason: string | null; n: number }[]>`
    SELECT status, reason, count(*)::int AS n FROM reservations WHERE event_id = ${eventId} GROUP BY status, reason ORDER BY status`;
  return rows.map((row) => ({ ...row }));
}

/** The SSE stream of a reservation, read event by event. */
async function openReservationStream(reservationId: string, token: string) {
  const response = await fetch(`${baseUrl}/v1/reservations/${reservationId}/events`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const messages = readSse(response);
  return {
    /** The next `reservation` event, or undefined once the server has ended the stream. */
    async next(): Promise<ReservationView | undefined> {
      for (;;) {
        const message = await messages.next();
        if (!message) return undefined;
        if (message.event === 'reservation') return JSON.parse(message.data) as ReservationView;
      }
    },
  };
}

describeWithRedisServer('Onsale on a three-master Redis Cluster', () => {
  let chosen: Awaited<ReturnType<typeof oneEventPerMaster>>;

  it('spreads the partition queues over the masters, each partition in one slot', async () => {
    const tagSlots = await Promise.all(Array.from({ length: PARTITION_COUNT }, (_, p) => slotOf(`p${p}`)));
    const owners = await Promise.all(tagSlots.map(ownerOfSlot));
    expect(new Set(owners).size).toBe(MASTERS);

    // Every queue key of a partition hashes to its `{pN}` tag's slot, whatever the suffix.
    for (let partition = 0; partition < PARTITION_COUNT; partition++) {
      const queue = `${keyPrefix}:${partitionQueueName(partition)}`;
      const slots = await Promise.all(['wait', 'active', 'meta', 'events', 'stalled', 'marker', 'job-1'].map((suffix) => slotOf(`${queue}:${suffix}`)));
      expect(new Set(slots)).toEqual(new Set([tagSlots[partition]]));
    }
  });

  it(`decides ${MASTERS * BUYERS_PER_EVENT} concurrent requests for events on ${MASTERS} different masters: exact counts, nothing oversold`, async () => {
    chosen = await oneEventPerMaster();
    expect(new Set(chosen.map(({ node }) => node)).size).toBe(MASTERS);

    const requests = chosen.flatMap(({ event }, e) =>
      Array.from({ length: BUYERS_PER_EVENT }, (_, b) => client.reserve(event.id, `buyer-${e}-${b}`, [{ ticketType: 'GA', quantity: 1 }])),
    );
    const startedAt = performance.now();
    const responses = await Promise.all(requests);
    expect(responses.map((response) => response.status)).toEqual(Array(MASTERS * BUYERS_PER_EVENT).fill(202));
    expect(new Set(responses.map((response) => response.body.id)).size).toBe(MASTERS * BUYERS_PER_EVENT);

    const eventIds = chosen.map(({ event }) => event.id);
    await waitUntil(
      async () => (await count(sql`SELECT count(*) AS n FROM reservations WHERE event_id IN ${sql(eventIds)} AND status = 'queued'`)) === 0,
      40_000,
    );
    const decidedMs = Math.round(performance.now() - startedAt);
    const placement = chosen.map(({ event, node, capacity }) => ({ partition: partitionFor(event.id, PARTITION_COUNT), node, capacity }));
    console.log(JSON.stringify({ requests: requests.length, decidedMs, placement }));

    for (const { event, capacity } of chosen) {
      expect(await outcomesOf(event.id)).toEqual([
        { status: 'held', reason: null, n: capacity },
        { status: 'rejected', reason: 'sold_out', n: BUYERS_PER_EVENT - capacity },
      ]);
      const [counters] = await sql<{ held: number; sold: number; capacity: number }[]>`
        SELECT held, sold, capacity FROM ticket_types WHERE event_id = ${event.id}`;
      expect({ ...counters }).toEqual({ held: capacity, sold: 0, capacity });
    }
    const heldItems = await count(sql`
      SELECT coalesce(sum(i.quantity), 0) AS n FROM reservations r JOIN reservation_items i ON i.reservation_id = r.id
      WHERE r.event_id IN ${sql(eventIds)} AND r.status = 'held'`);
    expect(heldItems).toBe(CAPACITIES.reduce((sum, capacity) => sum + capacity, 0));
    expect(await count(sql`SELECT count(*) AS n FROM ticket_types WHERE held + sold > capacity`)).toBe(0);
  });

  it('keeps each partition\'s queue keys on the master that owns its slot, with partitions on every master', async () => {
    const keysByNode = await keysOnEachMaster(`${keyPrefix}:partition-*`);
    const nodesByPartition = new Map<number, Set<string>>();
    for (const [node, keys] of keysByNode) {
      for (const key of keys) {
        const partition = Number(/^[^:]+:partition-\{p(\d+)\}:/.exec(key)![1]);
        nodesByPartition.set(partition, (nodesByPartition.get(partition) ?? new Set()).add(node));
      }
    }
    console.log(JSON.stringify({ partitionKeysPerMaster: Object.fromEntries([...keysByNode].map(([node, keys]) => [node, keys.length])) }));
    expect([...keysByNode.values()].every((keys) => keys.length > 0)).toBe(true);
    expect([...nodesByPartition.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: PARTITION_COUNT }, (_, p) => p));
    for (const [partition, nodes] of nodesByPartition) expect([...nodes]).toEqual([await nodeOfPartition(partition)]);

    // The rushed events' queues were used (their event streams exist) on the master chosen for each.
    for (const { event, node } of chosen) {
      const queue = `${keyPrefix}:${partitionQueueName(partitionFor(event.id, PARTITION_COUNT))}`;
      expect(keysByNode.get(node)).toContain(`${queue}:events`);
    }
  });

  it('pushes decisions over cluster pub/sub: confirm answers 200 and the SSE stream sees it, for an event on each master', async () => {
    for (const { event } of chosen) {
      const [held] = await sql<{ id: string; customer_id: string }[]>`
        SELECT id, customer_id FROM reservations WHERE event_id = ${event.id} AND status = 'held' ORDER BY created_at LIMIT 1`;
      const token = client.token(held!.customer_id);
      const stream = await openReservationStream(held!.id, token);
      expect(await stream.next()).toMatchObject({ status: 'held', version: 2 });

      // 200 comes only from the worker's update arriving through the API's subscriber (else 202).
      const confirmed = await client.send<ReservationView>('POST', `/v1/reservations/${held!.id}/confirm`, token);
      expect(confirmed).toMatchObject({ status: 200, body: { status: 'confirmed', version: 3 } });
      expect(await stream.next()).toMatchObject({ status: 'confirmed', version: 3 });
      expect(await stream.next()).toBeUndefined();
    }
    const sold = await sql<{ sold: number }[]>`SELECT sold FROM ticket_types WHERE event_id IN ${sql(chosen.map(({ event }) => event.id))}`;
    expect(sold.map((row) => row.sold)).toEqual([1, 1, 1]);
  });

  it('delivers a pipeline of PUBLISH commands to channels whose slots are on different masters', async () => {
    const config = { REDIS_CLUSTER_NODES: cluster.nodes };
    const subscriber = createRedisConnection(config, 'cluster-test-subscriber');
    const publisher = createRedisConnection(config, 'cluster-test-publisher');
    try {
      const channels = new Map<string, string>();
      while (channels.size < MASTERS) {
        const channel = reservationChannel(keyPrefix, randomUUID());
        const owner = await ownerOfSlot(await slotOf(channel));
        if (![...channels.values()].includes(owner)) channels.set(channel, owner);
      }
      const received: string[] = [];
      subscriber.on('message', (channel: string) => received.push(channel));
      await subscriber.subscribe(...channels.keys());

      const pipeline = publisher.pipeline();
      for (const channel of channels.keys()) pipeline.publish(channel, '{}');
      const results = await pipeline.exec();

      expect(results!.map(([error]) => error)).toEqual([null, null, null]);
      await waitUntil(() => received.length === MASTERS, 5_000);
      expect(received.sort()).toEqual([...channels.keys()].sort());
    } finally {
      subscriber.disconnect();
      publisher.disconnect();
    }
  });

  it('deleteKeysMatching clears the prefix from every master once the apps have stopped', async () => {
    await api!.close();
    await worker!.close();
    api = worker = undefined;
    const before = await keysOnEachMaster(`${keyPrefix}:*`);
    expect([...before.values()].filter((keys) => keys.length > 0)).toHaveLength(MASTERS);

    await deleteKeysMatching(inspector, `${keyPrefix}:*`);

    const after = await keysOnEachMaster(`${keyPrefix}:*`);
    expect([...after.values()].flat()).toEqual([]);
  });
});
