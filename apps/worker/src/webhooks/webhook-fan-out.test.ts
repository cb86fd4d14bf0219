import { createWebhookEndpoint, decideQueued } from '@onsale/db';
import { partitionFor } from '@onsale/queue';
import { createLogger, DEFAULT_PARTITION_COUNT, loadWorkerConfig } from '@onsale/shared';
import { givenEvent, givenQueuedReservation } from '../../../../test/support/factories';
import { waitUntil } from '../../../../test/support/test-environment';
import { testSecret } from '../../../../test/support/webhook-receiver';
import { useWebhookTestBed } from '../../../../test/support/webhook-test-bed';
import { startWorker } from '../worker';

/*
 * The fan-out happens in the relay, not in the decision: decisions committed while no relay runs
 * leave their messages alone in the outbox, no delivery; when a worker (and its relay) starts, each
 * message gets one delivery per endpoint enabled and subscribed then, and is delivered once.
 */

jest.setTimeout(60_000);

let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
const bed = useWebhookTestBed(async () => worker?.close());

const endpoint = (path: string, eventTypes: ('reservation.held' | 'reservation.rejected' | 'event.sold_out')[], seed: number) =>
  createWebhookEndpoint(bed.env.database, { url: bed.receiver.url(path), eventTypes, secret: testSecret(seed), allowPrivate: true, createdBy: 'test' });

it('fans out and delivers once, when the relay starts, the messages committed while none ran', async () => {
  const all = await endpoint('/all', ['reservation.held', 'reservation.rejected', 'event.sold_out'], 11);
  const event = await givenEvent(bed.env.database, { ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 100, capacity: 3 }] });
  for (let i = 0; i < 5; i++) await givenQueuedReservation(bed.env.database, event, [{ ticketType: 'GA', quantity: 1 }]);
  const { decided } = await decideQueued(bed.env.database, { partition: partitionFor(event.id, DEFAULT_PARTITION_COUNT), limit: 1_000 }, { workerId: 'test', requestId: null });
  expect(decided.map((r) => r.status).sort()).toEqual(['held', 'held', 'held', 'rejected', 'rejected']);

  // Committed: 3 held, 2 rejected and the sell-out; no relay yet, so no delivery.
  const [outbox] = await bed.pg<{ messages: number; waiting: number; deliveries: number }[]>`
    SELECT (SELECT count(*)::int FROM webhook_messages) AS messages,
           (SELECT count(*)::int FROM webhook_messages WHERE fanned_out_at IS NULL) AS waiting,
           (SELECT count(*)::int FROM webhook_deliveries) AS deliveries`;
  expect(outbox).toEqual({ messages: 6, waiting: 6, deliveries: 0 });
  // An endpoint registered after the commit, before the fan-out, gets them too.
  const late = await endpoint('/late', ['reservation.held'], 12);

  worker = await startWorker(
    loadWorkerConfig({ ...bed.env.env, WORKER_ID: 'w-fan-out', LOG_LEVEL: 'silent', WEBHOOK_RETRY_SCALE: '0.001', WEBHOOK_RELAY_INTERVAL_MS: '20' }),
    createLogger({ name: 'test', level: 'silent' }),
  );
  const delivered = async (endpointId: string) =>
    (await bed.pg<{ n: number }[]>`SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = ${endpointId} AND state = 'delivered'`)[0]!.n;
  await waitUntil(async () => (await delivered(all.id)) === 6 && (await delivered(late.id)) === 3, 20_000);
  await new Promise((resolve) => setTimeout(resolve, 500)); // more relay passes: nothing more is sent

  const messageIds = (await bed.pg<{ id: string }[]>`SELECT id FROM webhook_messages WHERE fanned_out_at IS NOT NULL`).map((m) => m.id).sort();
  expect(messageIds).toHaveLength(6);
  const idsAt = (path: string) => bed.receiver.received.filter((webhook) => webhook.path === path).map((webhook) => String(webhook.headers['webhook-id']));
  expect(idsAt('/all').sort()).toEqual(messageIds);
  expect(idsAt('/late')).toHaveLength(3);
  expect(new Set(idsAt('/late')).size).toBe(3);
  const [deliveries] = await bed.pg<{ n: number }[]>`SELECT count(*)::int AS n FROM webhook_deliveries`;
  expect(deliveries!.n).toBe(9);
  const held = bed.receiver.received.filter((webhook) => webhook.path === '/late').map((webhook) => (JSON.parse(webhook.body) as { data: { id: string; status: string } }).data);
  expect(held.map((data) => data.id).sort()).toEqual(decided.filter((r) => r.status === 'held').map((r) => r.id).sort());
  expect(held.every((data) => data.status === 'held')).toBe(true);
});
