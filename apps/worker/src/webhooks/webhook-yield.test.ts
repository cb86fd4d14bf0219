import { createWebhookEndpoint, decideQueued, deleteWebhookEndpoint, type WebhookEndpoint } from '@onsale/db';
import { PartitionQueues, partitionFor } from '@onsale/queue';
import { createLogger, DEFAULT_PARTITION_COUNT, loadWorkerConfig } from '@onsale/shared';
import postgres from 'postgres';
import { givenEvent, givenQueuedReservation } from '../../../../test/support/factories';
import { createTestEnvironment, waitUntil, type TestEnvironment } from '../../../../test/support/test-environment';
import { testSecret, WebhookReceiver } from '../../../../test/support/webhook-receiver';
import { startWorker } from '../worker';
import { decisionsBehindKey } from './decisions-behind';

/*
 * Webhooks yield to a backlog of decisions: a writer whose decide batch comes back full sets a
 * short-lived Redis key; while it is set, every worker's relay skips its passes and its delivery
 * workers pause, for at most WEBHOOK_MAX_YIELD_MS; then everything is delivered, once. Holding the
 * key from the test stands for another worker process whose writer is behind.
 */

jest.setTimeout(60_000);

let env: TestEnvironment;
let pg: postgres.Sql;
let queues: PartitionQueues;
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
let endpoint: WebhookEndpoint | undefined;
let holding: NodeJS.Timeout | undefined;
const receiver = new WebhookReceiver();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  env = await createTestEnvironment();
  pg = postgres(env.databaseUrl, { max: 2, onnotice: () => {} });
  queues = new PartitionQueues(env.redis, { keyPrefix: env.keyPrefix, partitionCount: DEFAULT_PARTITION_COUNT });
  await receiver.start();
});

afterEach(async () => {
  clearInterval(holding);
  await worker?.close();
  worker = undefined;
  if (endpoint) await deleteWebhookEndpoint(env.database, endpoint.id);
  endpoint = undefined;
  await env.redis.del(decisionsBehindKey(env.keyPrefix));
  receiver.answer = () => ({ status: 204 });
});

afterAll(async () => {
  await queues?.close();
  await receiver.stop();
  await pg?.end({ timeout: 5 });
  await env?.dispose();
});

async function startTestWorker(overrides: Record<string, string>) {
  worker = await startWorker(
    loadWorkerConfig({ ...env.env, WORKER_ID: 'w-yield', LOG_LEVEL: 'silent', WEBHOOK_RETRY_SCALE: '0.001', WEBHOOK_RELAY_INTERVAL_MS: '20', ...overrides }),
    createLogger({ name: 'test', level: 'silent' }),
  );
}

/** Keeps the key set as a writer that stays behind does (PX 1,000, renewed every 200 ms). */
async function holdDecisionsBehind(): Promise<number> {
  const set = () => env.redis.set(decisionsBehindKey(env.keyPrefix), '1', 'PX', 1_000);
  await set();
  holding = setInterval(() => void set(), 200);
  return Date.now();
}

async function releaseDecisionsBehind(): Promise<void> {
  clearInterval(holding);
  await env.redis.del(decisionsBehindKey(env.keyPrefix));
}

async function subscribe(path: string, seed: number) {
  endpoint = await createWebhookEndpoint(env.database, { url: receiver.url(path), eventTypes: ['reservation.held'], secret: testSecret(seed), allowPrivate: true, createdBy: 'test' });
  return endpoint;
}

/** Decides `count` requests for one event straight through the decision transaction: `count` held webhooks committed. */
async function commitHeld(count: number) {
  const event = await givenEvent(env.database);
  for (let i = 0; i < count; i++) await givenQueuedReservation(env.database, event, [{ ticketType: 'GA', quantity: 1 }]);
  const { decided } = await decideQueued(env.database, { partition: partitionFor(event.id, DEFAULT_PARTITION_COUNT), limit: 1_000 }, { workerId: 'test', requestId: null });
  expect(decided.filter((reservation) => reservation.status === 'held')).toHaveLength(count);
  return decided;
}

const count = async (query: Promise<{ n: number }[]>) => (await query)[0]!.n;
const deliveredTo = (endpointId: string) => count(pg`SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = ${endpointId} AND state = 'delivered'`);
const receivedAt = (path: string) => receiver.received.filter((webhook) => webhook.path === path);

function expectEachOnce(path: string, reservations: { id: string }[]) {
  const received = receivedAt(path);
  expect(new Set(received.map((webhook) => String(webhook.headers['webhook-id']))).size).toBe(received.length);
  expect(received.map((webhook) => (JSON.parse(webhook.body) as { data: { id: string } }).data.id).sort()).toEqual(reservations.map((r) => r.id).sort());
}

it('a full decide batch marks decisions behind for about a second; a batch that is not full does not', async () => {
  await startTestWorker({ DECISION_BATCH_SIZE: '5' });
  const key = decisionsBehindKey(env.keyPrefix);
  const decideAll = async (requests: number) => {
    const event = await givenEvent(env.database);
    for (let i = 0; i < requests; i++) await givenQueuedReservation(env.database, event, [{ ticketType: 'GA', quantity: 1 }]);
    await queues.enqueue({ kind: 'decide', partition: queues.partitionOf(event.id), requestId: `test-${event.id}` });
    await waitUntil(async () => (await count(pg`SELECT count(*)::int AS n FROM reservations WHERE event_id = ${event.id} AND status = 'queued'`)) === 0);
  };

  await decideAll(3);
  expect(await env.redis.exists(key)).toBe(0);

  await decideAll(12);
  const ttl = await env.redis.pttl(key);
  expect(ttl).toBeGreaterThan(0);
  expect(ttl).toBeLessThanOrEqual(1_000);
  await waitUntil(async () => (await env.redis.exists(key)) === 0, 2_000);
});

it('fans out and delivers nothing while decisions are behind, across a restart; once they catch up, every webhook is delivered once', async () => {
  const { id } = await subscribe('/behind', 21);
  await startTestWorker({ WEBHOOK_MAX_YIELD_MS: '30000' });
  await holdDecisionsBehind();
  await sleep(100); // the relay has seen it
  const decided = await commitHeld(20);

  await sleep(2_000); // a hundred relay passes
  expect(await count(pg`SELECT count(*)::int AS n FROM webhook_messages WHERE fanned_out_at IS NOT NULL`)).toBe(0);
  expect(await count(pg`SELECT count(*)::int AS n FROM webhook_deliveries`)).toBe(0);
  expect(receivedAt('/behind')).toHaveLength(0);

  // A worker shut down while yielding closes at once; the next one, once decisions catch up, delivers all.
  const closing = Date.now();
  await worker!.close();
  expect(Date.now() - closing).toBeLessThan(2_000);
  await startTestWorker({ WEBHOOK_MAX_YIELD_MS: '30000' });
  await sleep(200);
  expect(receivedAt('/behind')).toHaveLength(0);
  await releaseDecisionsBehind();
  await waitUntil(async () => (await deliveredTo(id)) === 20, 20_000);
  await sleep(300); // more passes: nothing more is sent
  expect(receivedAt('/behind')).toHaveLength(20);
  expectEachOnce('/behind', decided);
});

it('pauses the delivery workers: a delivery already handed out waits until decisions catch up', async () => {
  // One attempt at a time in this process, each answered after 600 ms: handed-out jobs wait in the queue.
  const { id } = await subscribe('/paused', 22);
  receiver.answer = () => ({ status: 204, delayMs: 600 });
  await startTestWorker({ WEBHOOK_MAX_YIELD_MS: '30000', WEBHOOK_CONCURRENCY: '1', WEBHOOK_ENDPOINT_CONCURRENCY: '4' });
  const decided = await commitHeld(6);
  await waitUntil(() => receivedAt('/paused').length === 1, 5_000);
  await holdDecisionsBehind();

  // The attempt in flight finishes; the three jobs waiting behind it are not taken.
  await sleep(2_000);
  expect(receivedAt('/paused')).toHaveLength(1);
  expect(await count(pg`SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = ${id} AND state = 'pending' AND enqueued_at IS NOT NULL`)).toBe(3);

  await releaseDecisionsBehind();
  await waitUntil(async () => (await deliveredTo(id)) === 6, 20_000);
  expectEachOnce('/paused', decided);
});

it('yields for at most WEBHOOK_MAX_YIELD_MS: with decisions behind all along, the webhooks are delivered after it', async () => {
  const { id } = await subscribe('/capped', 23);
  const heldFrom = await holdDecisionsBehind();
  await startTestWorker({ WEBHOOK_MAX_YIELD_MS: '1000' });
  const decided = await commitHeld(10);

  await waitUntil(async () => (await deliveredTo(id)) === 10, 10_000);
  expect(await env.redis.exists(decisionsBehindKey(env.keyPrefix))).toBe(1); // still behind
  const first = Math.min(...receivedAt('/capped').map((webhook) => webhook.receivedAt));
  expect(first - heldFrom).toBeGreaterThanOrEqual(1_000);
  expectEachOnce('/capped', decided);
});

it('with WEBHOOK_MAX_YIELD_MS=0 never yields: delivered at once while decisions are behind', async () => {
  const { id } = await subscribe('/never', 24);
  await holdDecisionsBehind();
  await startTestWorker({ WEBHOOK_MAX_YIELD_MS: '0' });
  const committedAt = Date.now();
  const decided = await commitHeld(10);

  await waitUntil(async () => (await deliveredTo(id)) === 10, 5_000);
  expect(await env.redis.exists(decisionsBehindKey(env.keyPrefix))).toBe(1);
  expect(Math.min(...receivedAt('/never').map((webhook) => webhook.receivedAt)) - committedAt).toBeLessThan(1_000);
  expectEachOnce('/never', decided);
});
