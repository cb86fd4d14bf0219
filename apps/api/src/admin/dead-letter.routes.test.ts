/**
 * Poison jobs over HTTP, against the real API and a real worker on this file's own PostgreSQL
 * database and Redis key prefix: a job that fails every attempt is set aside after exactly
 * JOB_MAX_ATTEMPTS while a rush on its partition is still decided; operators list, redrive and
 * delete dead letters.
 */
import { PartitionQueues } from '@onsale/queue';
import type { DeadLetterPage, DeadLetterView, RedriveView, ReservationView } from '@onsale/shared';
import { sql } from 'drizzle-orm';
import { apiWithWorkerForThisFile } from '../../../../test/support/api-app';
import { givenDeadLetter } from '../../../../test/support/dead-letters';
import { eventRequests } from '../../../../test/support/event-requests';
import { expectProblem } from '../../../../test/support/problem';
import { waitUntil } from '../../../../test/support/test-environment';
import { adminToken, newCustomer } from '../../../../test/support/tokens';

const MAX_ATTEMPTS = 3;
const RUSH = 300;
const CAPACITY = 100;

const { call, app } = apiWithWorkerForThisFile({ JOB_MAX_ATTEMPTS: String(MAX_ATTEMPTS), METRICS_PORT: '0' });
const { createEvent } = eventRequests(call);
let queues: PartitionQueues;

beforeAll(() => {
  queues = new PartitionQueues(app().env.redis, { keyPrefix: app().env.keyPrefix, partitionCount: 16 });
});

afterAll(async () => {
  await queues?.close();
});

const execute = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => app().env.db.execute<T>(query);

async function listDeadLetters(query = ''): Promise<DeadLetterPage> {
  const reply = await call<DeadLetterPage>('GET', `/v1/admin/dead-letters${query}`, { token: adminToken() });
  expect(reply.status).toBe(200);
  return reply.body;
}

/** The API's `onsale_dead_letters` gauge, read from GET /metrics. */
async function deadLettersGauge(): Promise<number> {
  const metrics = await call<string>('GET', '/metrics');
  const line = metrics.body.split('\n').find((text) => text.startsWith('onsale_dead_letters '));
  return Number(line?.split(' ')[1]);
}

async function reserve(eventId: string, token: string, quantity = 1): Promise<ReservationView> {
  const reply = await call<ReservationView>('POST', `/v1/events/${eventId}/reservations`, {
    token,
    json: { items: [{ ticketType: 'GA', quantity }] },
  });
  expect(reply.status).toBe(202);
  return reply.body;
}

async function statusCounts(eventId: string): Promise<Record<string, number>> {
  const rows = await execute<{ status: string; n: number }>(
    sql`SELECT coalesce(reason::text, status::text) AS status, count(*)::int AS n FROM reservations WHERE event_id = ${eventId} GROUP BY 1`,
  );
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

async function statusOf(id: string): Promise<string> {
  const [row] = await execute<{ status: string }>(sql`SELECT status FROM reservations WHERE id = ${id}`);
  return row!.status;
}

async function countersOf(eventId: string) {
  const [row] = await execute<{ held: number; sold: number }>(sql`SELECT held, sold FROM ticket_types WHERE event_id = ${eventId} AND code = 'GA'`);
  return row;
}

it('sets a confirm that always fails aside after exactly JOB_MAX_ATTEMPTS while a rush on its partition is decided; redriven once fixed, it confirms', async () => {
  const event = await createEvent({ ticketTypes: [{ code: 'GA', name: 'General admission', priceCents: 5_000, capacity: CAPACITY }] });
  const buyer = newCustomer();
  const poisoned = await reserve(event.id, buyer.token);
  await waitUntil(async () => (await statusOf(poisoned.id)) === 'held');
  // The database refuses to confirm this one hold, however often it is asked; the sequence counts the attempts (a rollback keeps nextval).
  await execute(sql.raw(`
    CREATE SEQUENCE poison_attempts;
    CREATE FUNCTION refuse_poison_confirm() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.id = '${poisoned.id}' AND NEW.status = 'confirmed' THEN
        PERFORM nextval('poison_attempts');
        RAISE EXCEPTION 'poison confirm refused';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER refuse_poison_confirm BEFORE UPDATE ON reservations FOR EACH ROW EXECUTE FUNCTION refuse_poison_confirm();`));
  try {
    // The rush and the poison confirm, all at once on the event's partition.
    const buyers = Array.from({ length: RUSH }, () => newCustomer());
    const firstHalf = Promise.all(buyers.slice(0, RUSH / 2).map((customer) => reserve(event.id, customer.token)));
    const confirm = call<ReservationView>('POST', `/v1/reservations/${poisoned.id}/confirm`, { token: buyer.token, headers: { 'X-Request-Id': 'poison-confirm' } });
    const rush = [...(await firstHalf), ...(await Promise.all(buyers.slice(RUSH / 2).map((customer) => reserve(event.id, customer.token))))];

    await waitUntil(async () => (await statusCounts(event.id)).queued === undefined, 30_000);
    expect(await statusCounts(event.id)).toEqual({ held: CAPACITY, sold_out: RUSH + 1 - CAPACITY });
    expect(rush).toHaveLength(RUSH);

    // The waiting confirm is told it was set aside: a 503 to retry later (not a 202 after COMMAND_WAIT_MS), the hold unchanged.
    const confirmReply = expectProblem(await confirm, 503);
    expect(confirmReply.detail).toContain('set aside for an operator; the reservation is unchanged');
    await waitUntil(async () => (await listDeadLetters()).total === 1);
    const [letter] = (await listDeadLetters()).items as [DeadLetterView];
    const partition = queues.partitionOf(event.id);
    expect(letter).toMatchObject({
      queue: `partition-{p${partition}}`,
      partition,
      jobId: `confirm-${poisoned.id}`,
      kind: 'confirm',
      payload: { kind: 'confirm', partition, eventId: event.id, reservationId: poisoned.id, requestId: 'poison-confirm' },
      requestId: 'poison-confirm',
      error: { name: 'PostgresError', message: 'poison confirm refused', code: 'P0001' },
      attempts: MAX_ATTEMPTS,
      workerId: 'test-worker',
    });
    const [counted] = await execute<{ attempts: number }>(sql`SELECT last_value::int AS attempts FROM poison_attempts`);
    expect(counted?.attempts).toBe(MAX_ATTEMPTS);
    const heldPartitionMs = Date.parse(letter.deadLetteredAt) - Date.parse(letter.firstAttemptAt);
    console.log(`poison confirm held partition ${partition} for ${heldPartitionMs} ms over ${MAX_ATTEMPTS} attempts; ${RUSH} rush requests decided`);
    expect(heldPartitionMs).toBeLessThan(5_000);
    expect(await statusOf(poisoned.id)).toBe('held');
    expect(await countersOf(event.id)).toEqual({ held: CAPACITY, sold: 0 });
    const workerMetrics = await (await fetch(`http://127.0.0.1:${app().workerMetricsPort}/metrics`)).text();
    expect(workerMetrics).toContain('onsale_jobs_dead_lettered_total{kind="confirm"} 1\n');
  } finally {
    await execute(sql.raw('DROP TRIGGER refuse_poison_confirm ON reservations; DROP FUNCTION refuse_poison_confirm(); DROP SEQUENCE poison_attempts;'));
  }

  // Fixed: the redrive puts the confirm back on its partition, and the hold is sold.
  const [letter] = (await listDeadLetters()).items as [DeadLetterView];
  const redriven = await call<RedriveView>('POST', `/v1/admin/dead-letters/${letter.id}/redrive`, { token: adminToken() });
  expect(redriven.status).toBe(200);
  expect(redriven.body).toEqual({ deadLetter: letter, commandId: `confirm-${poisoned.id}` });
  await waitUntil(async () => (await statusOf(poisoned.id)) === 'confirmed');
  expect(await countersOf(event.id)).toEqual({ held: CAPACITY - 1, sold: 1 });
  expect((await listDeadLetters()).total).toBe(0);
  expectProblem(await call('POST', `/v1/admin/dead-letters/${letter.id}/redrive`, { token: adminToken() }), 404);
});

it('sets an invalid payload aside after one attempt without blocking its partition; it cannot be redriven, only deleted', async () => {
  const event = await createEvent();
  const partition = queues.partitionOf(event.id);
  const invalid = { kind: 'confirm', partition, eventId: event.id, reservationId: 'not-a-uuid', requestId: 'bad-producer' };
  await queues.queue(partition).add('confirm', invalid);
  const after = await reserve(event.id, newCustomer().token);

  await waitUntil(async () => (await statusOf(after.id)) === 'held');
  await waitUntil(async () => (await listDeadLetters()).total === 1);
  const [letter] = (await listDeadLetters()).items as [DeadLetterView];
  expect(letter).toMatchObject({ kind: 'confirm', payload: invalid, requestId: 'bad-producer', attempts: 1, error: { name: 'InvalidJobPayload' } });
  expect(letter.error.message).toContain('reservationId');
  expect(await deadLettersGauge()).toBe(1);

  const refused = expectProblem(await call('POST', `/v1/admin/dead-letters/${letter.id}/redrive`, { token: adminToken() }), 409);
  expect(refused.errors).toEqual([expect.objectContaining({ path: 'payload.reservationId' })]);
  expect((await listDeadLetters()).total).toBe(1);

  expect((await call('DELETE', `/v1/admin/dead-letters/${letter.id}`, { token: adminToken() })).status).toBe(204);
  expect((await listDeadLetters()).total).toBe(0);
  expect(await deadLettersGauge()).toBe(0);
  expectProblem(await call('DELETE', `/v1/admin/dead-letters/${letter.id}`, { token: adminToken() }), 404);
});

it('pages the list oldest first', async () => {
  const letters: DeadLetterView[] = [];
  for (let i = 0; i < 5; i++) letters.push(await givenDeadLetter(app().env, { kind: 'decide', partition: i, requestId: `paged-${i}` }));
  try {
    const first = await listDeadLetters('?limit=2');
    const second = await listDeadLetters(`?limit=2&cursor=${first.nextCursor}`);
    const third = await listDeadLetters(`?limit=2&cursor=${second.nextCursor}`);
    expect([first, second, third].map((page) => page.total)).toEqual([5, 5, 5]);
    expect([...first.items, ...second.items, ...third.items].map((letter) => letter.id)).toEqual(letters.map((letter) => letter.id));
    expect(third.nextCursor).toBeNull();
  } finally {
    for (const letter of letters) await queues.deadLetters.remove(letter.id);
  }
});

it('is for admins only, and refuses ids that are not UUIDs', async () => {
  expectProblem(await call('GET', '/v1/admin/dead-letters'), 401);
  expectProblem(await call('GET', '/v1/admin/dead-letters', { token: newCustomer().token }), 403);
  expectProblem(await call('POST', `/v1/admin/dead-letters/${crypto.randomUUID()}/redrive`, { token: newCustomer().token }), 403);
  expectProblem(await call('POST', '/v1/admin/dead-letters/nope/redrive', { token: adminToken() }), 400);
  expectProblem(await call('DELETE', `/v1/admin/dead-letters/${crypto.randomUUID()}`, { token: adminToken() }), 404);
  expectProblem(await call('GET', '/v1/admin/dead-letters?limit=0', { token: adminToken() }), 400);
});
