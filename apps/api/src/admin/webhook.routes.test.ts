/**
 * The webhook admin API over HTTP against the real API and worker on this file's own database and
 * Redis key prefix, delivering to a real local HTTP receiver.
 */
import { eventBody } from '../../../../test/support/factories';
import { apiWithWorkerForThisFile } from '../../../../test/support/api-app';
import { expectProblem } from '../../../../test/support/problem';
import { waitUntil } from '../../../../test/support/test-environment';
import { adminToken, newCustomer } from '../../../../test/support/tokens';
import { verifyStandardWebhook, WebhookReceiver } from '../../../../test/support/webhook-receiver';

const { call } = apiWithWorkerForThisFile({ WEBHOOK_RETRY_SCALE: '0.001', WEBHOOK_RELAY_INTERVAL_MS: '20' });
const receiver = new WebhookReceiver();
const admin = { token: adminToken() };
const ENDPOINTS = '/v1/admin/webhooks/endpoints';

beforeAll(async () => {
  await receiver.start();
});

afterAll(async () => {
  await receiver.stop();
});

async function register(body: Record<string, unknown> = {}) {
  const reply = await call('POST', ENDPOINTS, { ...admin, json: { url: receiver.url(), eventTypes: ['reservation.held'], allowPrivateNetwork: true, ...body } });
  expect(reply.status).toBe(201);
  return reply;
}

describe('webhook endpoints', () => {
  it('registers an endpoint with a generated secret shown once, and lists, reads, changes and deletes it', async () => {
    const created = await register({ description: 'orders service' });
    expect(created.body).toMatchObject({ url: receiver.url(), eventTypes: ['reservation.held'], enabled: true, description: 'orders service', allowPrivateNetwork: true });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.headers.get('location')).toBe(`${ENDPOINTS}/${created.body.id}`);
    const path = `${ENDPOINTS}/${created.body.id}`;

    const read = await call('GET', path, admin);
    expect(read.body).not.toHaveProperty('secret');
    expect((await call('GET', ENDPOINTS, admin)).body.items.map((e: { id: string }) => e.id)).toContain(created.body.id);

    const disabled = await call('PATCH', path, { ...admin, json: { enabled: false, eventTypes: ['reservation.held', 'event.sold_out'] } });
    expect(disabled.body).toMatchObject({ enabled: false, disabledReason: 'operator', eventTypes: ['reservation.held', 'event.sold_out'] });
    expect((await call('PATCH', path, { ...admin, json: { enabled: true } })).body).toMatchObject({ enabled: true, disabledReason: null });

    const rotated = await call('POST', `${path}/rotate-secret`, { ...admin, json: { previousValidForSeconds: 600 } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect(Date.parse(rotated.body.previousSecretExpiresAt)).toBeGreaterThan(Date.now());

    expect((await call('DELETE', path, admin)).status).toBe(204);
    expectProblem(await call('GET', path, admin), 404);
    expectProblem(await call('DELETE', path, admin), 404);
  });

  it('refuses a bad URL, an unknown event type, a bad secret, and anyone but an admin', async () => {
    expectProblem(await call('POST', ENDPOINTS, { ...admin, json: { url: 'ftp://example.com/x', eventTypes: ['reservation.held'] } }), 400);
    expectProblem(await call('POST', ENDPOINTS, { ...admin, json: { url: 'https://user:pw@example.com/x', eventTypes: ['reservation.held'] } }), 400);
    expectProblem(await call('POST', ENDPOINTS, { ...admin, json: { url: 'https://example.com/x', eventTypes: ['reservation.lost'] } }), 400);
    expectProblem(await call('POST', ENDPOINTS, { ...admin, json: { url: 'https://example.com/x', eventTypes: [] } }), 400);
    expectProblem(await call('POST', ENDPOINTS, { ...admin, json: { url: 'https://example.com/x', eventTypes: ['reservation.held'], secret: 'not-a-secret' } }), 400);
    expectProblem(await call('PATCH', `${ENDPOINTS}/not-a-uuid`, { ...admin, json: { enabled: false } }), 400);
    expectProblem(await call('GET', ENDPOINTS, { token: newCustomer().token }), 403);
    expectProblem(await call('GET', ENDPOINTS), 401);
  });

  it('lists deliveries with every attempt, and redelivers one under the same webhook-id', async () => {
    const endpoint = (await register()).body;
    const event = await call('POST', '/v1/events', { ...admin, json: eventBody() });
    expect(event.status).toBe(201);
    const reservation = await call('POST', `/v1/events/${event.body.id}/reservations`, { token: newCustomer().token, json: { items: [{ ticketType: 'GA', quantity: 2 }] } });
    expect(reservation.status).toBe(202);
    await waitUntil(() => receiver.received.length === 1);
    expect(verifyStandardWebhook(receiver.received[0]!, endpoint.secret)).toBe(true);

    const deliveries = `${ENDPOINTS}/${endpoint.id}/deliveries`;
    await waitUntil(async () => (await call('GET', deliveries, admin)).body.items[0]?.state === 'delivered');
    const [delivery] = (await call('GET', deliveries, admin)).body.items;
    expect(delivery).toMatchObject({
      endpointId: endpoint.id,
      type: 'reservation.held',
      eventId: event.body.id,
      reservationId: reservation.body.id,
      sequence: 2,
      state: 'delivered',
      messageId: receiver.received[0]!.headers['webhook-id'],
      attempts: [{ attempt: 1, statusCode: 204, error: null }],
    });
    expect(delivery.attempts[0].latencyMs).toBeGreaterThanOrEqual(0);
    expect((await call('GET', `${deliveries}?state=dead`, admin)).body.items).toEqual([]);

    const redelivered = await call('POST', `${deliveries}/${delivery.id}/redeliver`, admin);
    expect(redelivered.status).toBe(202);
    await waitUntil(() => receiver.received.length === 2);
    expect(receiver.received[1]!.headers['webhook-id']).toBe(receiver.received[0]!.headers['webhook-id']);
    await waitUntil(async () => (await call('GET', deliveries, admin)).body.items[0]?.attempts.length === 2);
    expectProblem(await call('POST', `${deliveries}/${endpoint.id}/redeliver`, admin), 404);
  });
});
