import { decideQueued } from '@onsale/db';
import { partitionFor } from '@onsale/queue';
import { createLogger, loadApiConfig } from '@onsale/shared';
import jwt from 'jsonwebtoken';
import { givenEvent, givenQueuedReservation } from '../../../test/support/factories';
import { createTestEnvironment, type TestEnvironment } from '../../../test/support/test-environment';
import { startApi } from './server';

/*
 * The API with a dependency missing: nothing listens on 127.0.0.1:1. Requests must not hang and
 * must not answer 500; what is accepted must be recorded.
 */

const JWT_SECRET = 'degraded-secret-16-chars';
const NOWHERE = '127.0.0.1:1';
const logger = createLogger({ name: 'test', level: 'silent' });
const token = (sub: string, role = 'customer') => jwt.sign({ sub, role }, JWT_SECRET, { expiresIn: '1h' });

let env: TestEnvironment;
beforeAll(async () => {
  env = await createTestEnvironment();
});
afterAll(async () => {
  await env?.dispose();
});

async function withApi(overrides: Record<string, string>, run: (base: string) => Promise<void>): Promise<void> {
  const config = loadApiConfig({ ...env.env, JWT_SECRET, PORT: '0', LOG_LEVEL: 'silent', COMMAND_WAIT_MS: '1000', ...overrides });
  const api = await startApi(config, logger);
  try {
    await run(`http://127.0.0.1:${api.port}`);
  } finally {
    await api.close();
  }
}

const post = (url: string, sub: string, body?: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token(sub)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

describe('Redis unreachable', () => {
  it('still accepts a reservation: recorded as queued in PostgreSQL, answered 202', async () => {
    const event = await givenEvent(env.database.db);
    await withApi({ REDIS_URL: `redis://${NOWHERE}` }, async (base) => {
      const response = await post(`${base}/v1/events/${event.id}/reservations`, 'buyer-1', { items: [{ ticketType: 'GA', quantity: 1 }] });
      expect(response.status).toBe(202);
      const { id } = (await response.json()) as { id: string };
      const [row] = await env.database.sql<{ status: string }[]>`SELECT status FROM reservations WHERE id = ${id}`;
      expect(row).toEqual({ status: 'queued' });
    });
  });

  it('answers 503 problem+json with Retry-After to readiness and to confirm', async () => {
    const event = await givenEvent(env.database.db);
    const target = await givenQueuedReservation(env.database.db, event, [{ ticketType: 'GA', quantity: 1 }], 'buyer-2');
    const batch = { partition: partitionFor(event.id, 16), limit: 1, only: { reservationId: target.id } };
    await decideQueued(env.database.sql, batch, { workerId: 'test', requestId: null });
    await withApi({ REDIS_URL: `redis://${NOWHERE}` }, async (base) => {
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(ready.headers.get('content-type')).toContain('application/problem+json');
      expect(((await ready.json()) as { detail: string }).detail).toContain('redis');

      const confirm = await post(`${base}/v1/reservations/${target.id}/confirm`, 'buyer-2');
      expect(confirm.status).toBe(503);
      expect(confirm.headers.get('retry-after')).toBe('1');
    });
  });

  it('an SSE stream gives the current state and ends rather than hang', async () => {
    const event = await givenEvent(env.database.db);
    const target = await givenQueuedReservation(env.database.db, event, [{ ticketType: 'GA', quantity: 1 }], 'buyer-4');
    await withApi({ REDIS_URL: `redis://${NOWHERE}` }, async (base) => {
      const stream = await fetch(`${base}/v1/reservations/${target.id}/events`, { headers: { authorization: `Bearer ${token('buyer-4')}` } });
      expect(stream.status).toBe(200);
      const body = await stream.text();
      expect(body).toContain('event: reservation');
      expect(body).toContain('"status":"queued"');
    });
  });
});

describe('PostgreSQL unreachable', () => {
  it('answers 503, not 500, and readiness says so', async () => {
    const event = await givenEvent(env.database.db);
    await withApi({ DATABASE_URL: `postgres://postgres@${NOWHERE}/onsale` }, async (base) => {
      const response = await post(`${base}/v1/events/${event.id}/reservations`, 'buyer-3', { items: [{ ticketType: 'GA', quantity: 1 }] });
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toContain('application/problem+json');

      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { detail: string }).detail).toContain('postgres');
    });
  });
});

describe('a deployment that disagrees', () => {
  it('refuses to start with another PARTITION_COUNT than the deployment recorded', async () => {
    await withApi({}, async () => {});
    const config = loadApiConfig({ ...env.env, JWT_SECRET, PORT: '0', LOG_LEVEL: 'silent', PARTITION_COUNT: '4' });

    await expect(startApi(config, logger)).rejects.toThrow("PARTITION_COUNT is 4, but this deployment's requests are partitioned 16 ways");
  });
});
