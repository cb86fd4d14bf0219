import { createWebhookEndpoint, decideQueued } from '@onsale/db';
import { partitionFor } from '@onsale/queue';
import { createLogger, DEFAULT_PARTITION_COUNT, loadWorkerConfig } from '@onsale/shared';
import { givenEvent, givenQueuedReservation } from '../../../../test/support/factories';
import { waitUntil } from '../../../../test/support/test-environment';
import { testSecret } from '../../../../test/support/webhook-receiver';
import { useWebhookTestBed } from '../../../../test/support/webhook-test-bed';
import { startWorker } from '../worker';

/*
 * One fast endpoint is not held to its in-flight limit per relay interval: a slot freed by a
 * finished attempt is refilled at once, so 4 deliveries in flight and the default 250 ms interval
 * still deliver far more than 4 per interval (16/s); and never more than 4 at once.
 */

jest.setTimeout(60_000);

const MESSAGES = 400;
const ENDPOINT_CONCURRENCY = 4;
/**
 * 400 at 16/s take 25 s. Refilled at once they took 3.1 to 6.3 s from the workers' start, on a
 * 2-core machine at load averages of 4 to 17 (workers, receiver and test in this one process).
 */
const BOUND_MS = 15_000;

let workers: Awaited<ReturnType<typeof startWorker>>[] = [];
const bed = useWebhookTestBed(() => Promise.all(workers.map((worker) => worker.close())));

it(`delivers ${MESSAGES} webhooks to one endpoint answering at once within ${BOUND_MS} ms, never more than ${ENDPOINT_CONCURRENCY} in flight`, async () => {
  const endpoint = await createWebhookEndpoint(bed.env.database, {
    url: bed.receiver.url('/fast'),
    eventTypes: ['reservation.held'],
    secret: testSecret(31),
    allowPrivate: true,
    createdBy: 'test',
  });
  const event = await givenEvent(bed.env.database, { ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 100, capacity: MESSAGES }] });
  for (let i = 0; i < MESSAGES; i++) await givenQueuedReservation(bed.env.database, event, [{ ticketType: 'GA', quantity: 1 }]);
  const { decided } = await decideQueued(bed.env.database, { partition: partitionFor(event.id, DEFAULT_PARTITION_COUNT), limit: 1_000 }, { workerId: 'test', requestId: null });
  expect(decided.filter((reservation) => reservation.status === 'held')).toHaveLength(MESSAGES);

  // Two workers, as deployed (their relays take turns at handing out); the defaults but for the in-flight limit: the relay's interval is 250 ms.
  const startedAt = Date.now();
  workers = await Promise.all(
    ['w-throughput-1', 'w-throughput-2'].map((id) =>
      startWorker(
        loadWorkerConfig({ ...bed.env.env, WORKER_ID: id, LOG_LEVEL: 'silent', WEBHOOK_ENDPOINT_CONCURRENCY: String(ENDPOINT_CONCURRENCY) }),
        createLogger({ name: 'test', level: 'silent' }),
      ),
    ),
  );
  await waitUntil(() => bed.receiver.received.length >= MESSAGES, 30_000);
  const tookMs = Date.now() - startedAt;

  expect(tookMs).toBeLessThan(BOUND_MS);
  expect(bed.receiver.maxInFlight).toBeGreaterThanOrEqual(2);
  expect(bed.receiver.maxInFlight).toBeLessThanOrEqual(ENDPOINT_CONCURRENCY);
  await waitUntil(async () => (await bed.pg`SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = ${endpoint.id} AND state = 'delivered'`)[0]!.n === MESSAGES);
  expect(new Set(bed.receiver.received.map((webhook) => String(webhook.headers['webhook-id']))).size).toBe(MESSAGES);
});
