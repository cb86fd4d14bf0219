import { decideQueued } from '@onsale/db';
import { partitionFor } from '@onsale/queue';
import { startTestApi } from '../../../test/support/api-app';
import { givenEvent, givenQueuedReservation } from '../../../test/support/factories';
import { httpClient, type HttpClient } from '../../../test/support/http-client';
import { createTestEnvironment, type TestEnvironment } from '../../../test/support/test-environment';
import { tokenFor } from '../../../test/support/tokens';

/*
 * The API with a dependency missing: nothing listens on 127.0.0.1:1. Requests must not hang and
 * must not answer 500; what is accepted must be recorded.
 */

const NOWHERE = '127.0.0.1:1';

let env: TestEnvironment;
beforeAll(async () => {
  env = await createTestEnvironment();
});
afterAll(async () => {
  await env?.dispose();
});

async function withApi(overrides: Record<string, string>, run: (call: HttpClient) => Promise<void>): Promise<void> {
  const api = await startTestApi(env, { COMMAND_WAIT_MS: '1000', ...overrides });
  try {
    await run(httpClient(api.baseUrl));
  } finally {
    await api.close();
  }
}

describe('Redis unreachable', () => {
  it('still accepts a reservation: recorded as queued in PostgreSQL, answered 202', async () => {
    const event = await givenEvent(env.database);
    await withApi({ REDIS_URL: `redis://${NOWHERE}` }, async (call) => {
      const response = await call<{ id: string }>('POST', `/v1/events/${event.id}/reservations`, {
        token: tokenFor('buyer-1'),
        json: { items: [{ ticketType: 'GA', quantity: 1 }] },
      });
      expect(response.status).toBe(202);
      const { id } = response.body;
      const [row] = await env.database.sql<{ status: string }[]>`SELECT status FROM reservations WHERE id = ${id}`;
      expect(row).toEqual({ status: 'queued' });
    });
  });

  it('answers 503 problem+json with Retry-After to readiness and to confirm', async () => {
    const event = await givenEvent(env.database);
    const target = await givenQueuedReservation(env.database, event, [{ ticketType: 'GA', quantity: 1 }], 'buyer-2');
    const batch = { partition: partitionFor(event.id, 16), limit: 1, only: { reservationId: target.id } };
    await decideQueued(env.database, batch, { workerId: 'test', requestId: null });
    await withApi({ REDIS_URL: `redis://${NOWHERE}` }, async (call) => {
      const ready = await call<{ detail: string }>('GET', '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.headers.get('content-type')).toContain('application/problem+json');
      expect(ready.body.detail).toContain('redis');

      const confirm = await call('POST', `/v1/reservations/${target.id}/confirm`, { token: tokenFor('buyer-2') });
      expect(confirm.status).toBe(503);
      expect(confirm.headers.get('retry-after')).toBe('1');
      // What failed inside stays in the log: the body says only what the client can act on.
      expect(Object.keys(confirm.body as object).sort()).toEqual(['detail', 'instance', 'status', 'title', 'type']);
      expect(JSON.stringify(confirm.body)).not.toMatch(/ECONNREFUSED|timed out|127\.0\.0\.1:1/);
    });
  });

  it('an SSE stream gives the current state and ends rather than hang', async () => {
    const event = await givenEvent(env.database);
    const target = await givenQueuedReservation(env.database, event, [{ ticketType: 'GA', quantity: 1 }], 'buyer-4');
    await withApi({ REDIS_URL: `redis://${NOWHERE}` }, async (call) => {
      const stream = await call<string>('GET', `/v1/reservations/${target.id}/events`, { token: tokenFor('buyer-4') });
      expect(stream.status).toBe(200);
      const body = stream.body;
      expect(body).toContain('event: reservation');
      expect(body).toContain('"status":"queued"');
    });
  });
});

describe('PostgreSQL unreachable', () => {
  it('answers 503, not 500, and readiness says so', async () => {
    const event = await givenEvent(env.database);
    await withApi({ DATABASE_URL: `postgres://postgres@${NOWHERE}/onsale` }, async (call) => {
      const response = await call('POST', `/v1/events/${event.id}/reservations`, {
        token: tokenFor('buyer-3'),
        json: { items: [{ ticketType: 'GA', quantity: 1 }] },
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toContain('application/problem+json');

      const ready = await call<{ detail: string }>('GET', '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body.detail).toContain('postgres');
    });
  });
});

describe('a deployment that disagrees', () => {
  it('refuses to start with another PARTITION_COUNT than the deployment recorded', async () => {
    await withApi({}, async () => {});

    await expect(startTestApi(env, { PARTITION_COUNT: '4' })).rejects.toThrow(
      "PARTITION_COUNT is 4, but this deployment's requests are partitioned 16 ways",
    );
  });
});
