import type { WebhookDeliveryPage, WebhookEndpoint, WebhookEndpointWithSecret } from '@onsale/client';
import { PartitionQueues } from '@onsale/queue';
import { DEFAULT_PARTITION_COUNT } from '@onsale/shared';
import { apiWithWorkerForThisFile } from '../../../test/support/api-app';
import { givenEvent, givenQueuedReservation } from '../../../test/support/factories';
import { waitUntil } from '../../../test/support/test-environment';
import { TEST_JWT_SECRET } from '../../../test/support/tokens';
import { verifyStandardWebhook, WebhookReceiver } from '../../../test/support/webhook-receiver';
import { runCli } from './cli';

/* `onsale webhooks …` through the CLI's main against the real API, a worker, and a real receiver. */

const { app } = apiWithWorkerForThisFile({ WEBHOOK_RETRY_SCALE: '0.001', WEBHOOK_RELAY_INTERVAL_MS: '20' });
const receiver = new WebhookReceiver();

beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

async function onsale(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--url', app().baseUrl, '--jwt-secret', TEST_JWT_SECRET, ...argv], {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    interactive: false,
  });
  return { code, stdout, stderr };
}

async function onsaleJson<T>(...argv: string[]): Promise<T> {
  const { code, stdout, stderr } = await onsale('--json', ...argv);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(stdout) as T;
}

test('webhooks add, list, rotate-secret, deliveries, redeliver, disable, enable and delete', async () => {
  const added = await onsaleJson<WebhookEndpointWithSecret>('webhooks', 'add', receiver.url(), '--events', 'reservation.held,event.sold_out', '--allow-private-network');
  expect(added).toMatchObject({ url: receiver.url(), eventTypes: ['reservation.held', 'event.sold_out'], enabled: true, allowPrivateNetwork: true });
  const table = await onsale('webhooks', 'list');
  expect(table.stdout).toContain(added.id);

  const rotated = await onsaleJson<WebhookEndpointWithSecret>('webhooks', 'rotate-secret', added.id, '--previous-valid-for', '0');
  expect(rotated.previousSecretExpiresAt).toBeNull();

  const { env } = app();
  const event = await givenEvent(env.database);
  await givenQueuedReservation(env.database, event, [{ ticketType: 'GA', quantity: 1 }]);
  const queues = new PartitionQueues(env.redis, { keyPrefix: env.keyPrefix, partitionCount: DEFAULT_PARTITION_COUNT });
  await queues.enqueue({ kind: 'decide', partition: queues.partitionOf(event.id), requestId: 'cli-test' });
  await queues.close();
  await waitUntil(() => receiver.received.length === 1, 15_000);
  expect(verifyStandardWebhook(receiver.received[0]!, rotated.secret)).toBe(true);

  await waitUntil(async () => (await onsaleJson<WebhookDeliveryPage>('webhooks', 'deliveries', added.id)).items[0]?.state === 'delivered');
  const [delivery] = (await onsaleJson<WebhookDeliveryPage>('webhooks', 'deliveries', added.id, '--state', 'delivered')).items;
  expect(delivery).toMatchObject({ type: 'reservation.held', sequence: 2, attempts: [{ attempt: 1, statusCode: 204 }] });
  expect((await onsale('webhooks', 'deliveries', added.id)).stdout).toContain(delivery!.id);

  expect((await onsale('webhooks', 'redeliver', added.id, delivery!.id)).code).toBe(0);
  await waitUntil(() => receiver.received.length === 2);
  expect(receiver.received[1]!.headers['webhook-id']).toBe(delivery!.messageId);

  expect((await onsaleJson<WebhookEndpoint>('webhooks', 'disable', added.id)).enabled).toBe(false);
  expect((await onsaleJson<WebhookEndpoint>('webhooks', 'enable', added.id)).enabled).toBe(true);
  expect((await onsale('webhooks', 'delete', added.id)).code).toBe(0);
  expect(await onsaleJson<WebhookEndpoint[]>('webhooks', 'list')).toEqual([]);
});

test('webhooks add refuses an unknown event type, naming the known ones', async () => {
  const { code, stderr } = await onsale('webhooks', 'add', 'https://example.com/hook', '--events', 'reservation.lost');
  expect(code).toBe(1);
  expect(stderr).toMatch(/unknown webhook event type reservation\.lost; known: reservation\.held, .*event\.sold_out, or all/);
});
