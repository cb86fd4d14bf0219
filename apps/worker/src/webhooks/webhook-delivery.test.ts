import { createWebhookEndpoint, rotateWebhookSecret, type EventWithTicketTypes } from '@onsale/db';
import { PartitionQueues } from '@onsale/queue';
import { createLogger, loadWorkerConfig, type WebhookEventType } from '@onsale/shared';
import postgres from 'postgres';
import { givenEvent, givenQueuedReservation } from '../../../../test/support/factories';
import { createTestEnvironment, waitUntil, type TestEnvironment } from '../../../../test/support/test-environment';
import { testSecret, verifyStandardWebhook, WebhookReceiver, type Answer, type ReceivedWebhook } from '../../../../test/support/webhook-receiver';
import { startWorker } from '../worker';

/*
 * Webhook delivery end to end, in-process: the worker decides requests, the decisions' webhooks are
 * written to the outbox, relayed to the delivery queue and POSTed to a real HTTP receiver, which
 * verifies them as the Standard Webhooks spec says. Retry delays are scaled down by configuration
 * (WEBHOOK_RETRY_SCALE), not faked.
 */

const PARTITION_COUNT = 16;
const ENDPOINT_CONCURRENCY = 2;

let env: TestEnvironment;
let pg: postgres.Sql;
let queues: PartitionQueues;
let worker: Awaited<ReturnType<typeof startWorker>>;
const receiver = new WebhookReceiver();

beforeAll(async () => {
  env = await createTestEnvironment();
  pg = postgres(env.databaseUrl, { max: 2, onnotice: () => {} });
  queues = new PartitionQueues(env.redis, { keyPrefix: env.keyPrefix, partitionCount: PARTITION_COUNT });
  await receiver.start();
  worker = await startWorker(
    loadWorkerConfig({
      ...env.env,
      WORKER_ID: 'w-webhooks',
      LOG_LEVEL: 'silent',
      SWEEP_INTERVAL_MS: '200',
      WEBHOOK_RETRY_SCALE: '0.001', // 5 s → 5 ms, 5 min → 300 ms, 30 min → 1.8 s, 2 h → 7.2 s
      WEBHOOK_RELAY_INTERVAL_MS: '20',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_ENDPOINT_CONCURRENCY: String(ENDPOINT_CONCURRENCY),
    }),
    createLogger({ name: 'test', level: 'silent' }),
  );
});

afterAll(async () => {
  await worker?.close();
  await receiver.stop();
  await queues?.close();
  await pg?.end({ timeout: 5 });
  await env?.dispose();
});

beforeEach(async () => {
  await pg`DELETE FROM webhook_endpoints`;
  receiver.received.length = 0;
  receiver.maxInFlight = 0;
  receiver.answer = () => ({ status: 204 });
});

async function givenEndpoint(options: { path?: string; eventTypes?: WebhookEventType[]; secret?: string; allowPrivate?: boolean } = {}) {
  return createWebhookEndpoint(env.database, {
    url: receiver.url(options.path),
    eventTypes: options.eventTypes ?? ['reservation.held', 'reservation.rejected', 'event.sold_out'],
    secret: options.secret ?? testSecret(1),
    allowPrivate: options.allowPrivate ?? true,
    createdBy: 'test',
  });
}

/** Records `count` requests of one ticket each for the event and has the worker decide them. */
async function decide(event: EventWithTicketTypes, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await givenQueuedReservation(env.database, event, [{ ticketType: 'GA', quantity: 1 }])).id);
  await queues.enqueue({ kind: 'decide', partition: queues.partitionOf(event.id), requestId: `test-${event.id}` });
  await waitUntil(async () => (await pg`SELECT count(*)::int AS n FROM reservations WHERE event_id = ${event.id} AND status = 'queued'`)[0]!.n === 0);
  return ids;
}

const payloadOf = (webhook: ReceivedWebhook) => JSON.parse(webhook.body) as { type: string; timestamp: string; data: Record<string, unknown> };

const deliveriesOf = (endpointId: string) => pg<{ id: string; state: string; attempts: number; messageId: string }[]>`
  SELECT id, state, attempts, message_id AS "messageId" FROM webhook_deliveries WHERE endpoint_id = ${endpointId}`;

describe('webhook delivery', () => {
  it('signs every webhook as Standard Webhooks specifies, with a payload of type, timestamp and data', async () => {
    const secret = testSecret(3);
    await givenEndpoint({ secret });
    const event = await givenEvent(env.database, { ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 100, capacity: 2 }] });
    const ids = await decide(event, 3);
    await waitUntil(() => receiver.received.length === 4);

    for (const webhook of receiver.received) {
      expect(verifyStandardWebhook(webhook, secret)).toBe(true);
      expect(verifyStandardWebhook(webhook, testSecret(4))).toBe(false);
      expect(verifyStandardWebhook({ ...webhook, body: `${webhook.body} ` }, secret)).toBe(false);
      expect(webhook.headers['content-type']).toBe('application/json');
      expect(webhook.headers['webhook-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(Math.abs(Number(webhook.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(300); // the spec's tolerance
    }
    const payloads = receiver.received.map(payloadOf);
    expect(payloads.map((payload) => payload.type).sort()).toEqual(['event.sold_out', 'reservation.held', 'reservation.held', 'reservation.rejected']);
    // A reservation's webhook is thin: its id, event, the status its type names, and its sequence.
    for (const payload of payloads.filter((p) => p.type.startsWith('reservation.'))) {
      expect(ids).toContain(payload.data.id);
      expect(payload.data).toEqual({ id: payload.data.id, eventId: event.id, status: payload.type.slice('reservation.'.length), sequence: 2 });
      expect(Number.isNaN(Date.parse(payload.timestamp))).toBe(false);
    }
    expect(payloads.find((payload) => payload.type === 'event.sold_out')!.data).toEqual({
      eventId: event.id,
      ticketTypes: [{ ticketType: 'GA', capacity: 2, held: 2, sold: 0 }],
    });
  });

  it('signs with both secrets while a rotated one is still accepted, and with the new one alone after', async () => {
    const endpoint = await givenEndpoint({ secret: testSecret(5), eventTypes: ['reservation.held'] });
    await rotateWebhookSecret(env.database, endpoint.id, testSecret(6), 3600);
    const event = await givenEvent(env.database);
    await decide(event, 1);
    await waitUntil(() => receiver.received.length === 1);
    const [rotated] = receiver.received;
    expect(String(rotated!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifyStandardWebhook(rotated!, testSecret(5))).toBe(true);
    expect(verifyStandardWebhook(rotated!, testSecret(6))).toBe(true);

    await rotateWebhookSecret(env.database, endpoint.id, testSecret(7), 0);
    await decide(event, 1);
    await waitUntil(() => receiver.received.length === 2);
    const after = receiver.received[1]!;
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verifyStandardWebhook(after, testSecret(7))).toBe(true);
    expect(verifyStandardWebhook(after, testSecret(6))).toBe(false);
  });

  it('delivers every webhook once the receiver is back from being down, each under one webhook-id', async () => {
    const endpoint = await givenEndpoint({ eventTypes: ['reservation.held'] });
    const port = receiver.port;
    await receiver.stop();
    const event = await givenEvent(env.database, { ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 100, capacity: 1_000 }] });
    const ids = await decide(event, 200);
    // Down for a while: every delivery has failed at least twice (refused connections), none delivered.
    await waitUntil(async () => (await deliveriesOf(endpoint.id)).filter((d) => d.attempts >= 2).length === 200, 20_000);
    expect(receiver.received).toHaveLength(0);
    await receiver.start(port);
    await waitUntil(async () => (await deliveriesOf(endpoint.id)).every((d) => d.state === 'delivered'), 30_000);

    const deliveries = await deliveriesOf(endpoint.id);
    expect(deliveries).toHaveLength(200);
    const byReservation = new Map<string, Set<string>>();
    for (const webhook of receiver.received) {
      const id = payloadOf(webhook).data.id as string;
      byReservation.set(id, (byReservation.get(id) ?? new Set()).add(String(webhook.headers['webhook-id'])));
    }
    expect([...byReservation.keys()].sort()).toEqual([...ids].sort());
    expect([...byReservation.values()].every((webhookIds) => webhookIds.size === 1)).toBe(true);
    expect(new Set(receiver.received.map((w) => w.headers['webhook-id']))).toEqual(new Set(deliveries.map((d) => d.messageId)));
    const [failedAttempts] = await pg<{ n: number }[]>`
      SELECT count(*)::int AS n FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
      WHERE d.endpoint_id = ${endpoint.id} AND a.status_code IS NULL AND a.error IS NOT NULL`;
    expect(failedAttempts!.n).toBeGreaterThanOrEqual(400);
  });

  it('refuses loopback and private addresses unless the endpoint is allowed them', async () => {
    const endpoint = await givenEndpoint({ eventTypes: ['reservation.held'], allowPrivate: false });
    const event = await givenEvent(env.database);
    await decide(event, 1);
    await waitUntil(async () => (await pg`SELECT count(*)::int AS n FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = ${endpoint.id}`)[0]!.n >= 2);
    const attempts = await pg<{ error: string | null; statusCode: number | null }[]>`
      SELECT a.error, a.status_code AS "statusCode" FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = ${endpoint.id}`;
    expect(attempts.every((attempt) => attempt.statusCode === null && /refused to connect to 127\.0\.0\.1/.test(attempt.error ?? ''))).toBe(true);
    expect(receiver.received).toHaveLength(0);
  });

  it('disables an endpoint that answers 410, and records nothing more for it', async () => {
    receiver.answer = () => ({ status: 410 });
    const endpoint = await givenEndpoint({ eventTypes: ['reservation.held'] });
    const event = await givenEvent(env.database);
    await decide(event, 1);
    await waitUntil(async () => (await pg`SELECT disabled_reason FROM webhook_endpoints WHERE id = ${endpoint.id}`)[0]!.disabled_reason === 'gone');
    expect((await deliveriesOf(endpoint.id)).map((d) => ({ state: d.state, attempts: d.attempts }))).toEqual([{ state: 'dead', attempts: 1 }]);
    await decide(event, 3);
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
  });

  it('honours Retry-After on a 429 and only counts a 2xx', async () => {
    let answered = 0;
    const answers: Answer[] = [{ status: 429, headers: { 'retry-after': '1' } }, { status: 302, headers: { location: '/elsewhere' } }];
    receiver.answer = () => answers[answered++] ?? { status: 200 };
    const endpoint = await givenEndpoint({ eventTypes: ['reservation.held'] });
    const event = await givenEvent(env.database);
    await decide(event, 1);
    await waitUntil(async () => (await deliveriesOf(endpoint.id))[0]?.state === 'delivered', 15_000);
    const attempts = await pg<{ statusCode: number; startedAt: Date; latencyMs: number }[]>`
      SELECT a.status_code AS "statusCode", a.started_at AS "startedAt", a.latency_ms AS "latencyMs"
      FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = ${endpoint.id} ORDER BY a.attempt`;
    expect(attempts.map((attempt) => attempt.statusCode)).toEqual([429, 302, 200]);
    // The scheduled delay after a first failure is 5 ms here; the receiver asked for 1 s.
    const waited = attempts[1]!.startedAt.getTime() - (attempts[0]!.startedAt.getTime() + attempts[0]!.latencyMs);
    expect(waited).toBeGreaterThanOrEqual(999);
    expect(new Set(receiver.received.map((w) => w.headers['webhook-id'])).size).toBe(1);
  });

  it('keeps at most WEBHOOK_ENDPOINT_CONCURRENCY deliveries in flight to one endpoint', async () => {
    receiver.answer = () => ({ status: 204, delayMs: 50 });
    const endpoint = await givenEndpoint({ eventTypes: ['reservation.held'] });
    const event = await givenEvent(env.database);
    await decide(event, 30);
    await waitUntil(async () => (await deliveriesOf(endpoint.id)).filter((d) => d.state === 'delivered').length === 30, 20_000);
    expect(receiver.maxInFlight).toBeGreaterThanOrEqual(1);
    expect(receiver.maxInFlight).toBeLessThanOrEqual(ENDPOINT_CONCURRENCY);
  });
});
