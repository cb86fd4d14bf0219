import { partitionFor } from '@onsale/queue';
import { DEFAULT_PARTITION_COUNT } from '@onsale/shared';
import { givenEvent, givenQueuedReservation } from '../../../test/support/factories';
import { createTestEnvironment, type TestEnvironment } from '../../../test/support/test-environment';
import { readEventBacklog } from './admin-reads';

let env: TestEnvironment;
beforeAll(async () => {
  env = await createTestEnvironment();
});
afterAll(async () => {
  await env?.dispose();
});

describe('readEventBacklog', () => {
  it("counts the event's queued requests and the age of the oldest, and nothing of other events or states", async () => {
    const event = await givenEvent(env.database);
    const other = await givenEvent(env.database);
    const partition = partitionFor(event.id, DEFAULT_PARTITION_COUNT);
    expect(await readEventBacklog(env.database, event.id, partition)).toEqual({ queued: 0, oldestQueuedMs: null });

    const first = await givenQueuedReservation(env.database, event, [{ ticketType: 'GA', quantity: 1 }]);
    await givenQueuedReservation(env.database, event, [{ ticketType: 'GA', quantity: 2 }]);
    await givenQueuedReservation(env.database, other, [{ ticketType: 'GA', quantity: 1 }]);
    await env.database.sql`UPDATE reservations SET created_at = now() - interval '3 seconds' WHERE id = ${first.id}`;
    const decided = await givenQueuedReservation(env.database, event, [{ ticketType: 'GA', quantity: 1 }]);
    await env.database.sql`UPDATE reservations SET status = 'rejected', reason = 'sold_out' WHERE id = ${decided.id}`;

    const backlog = await readEventBacklog(env.database, event.id, partition);

    expect(backlog.queued).toBe(2);
    expect(backlog.oldestQueuedMs).toBeGreaterThanOrEqual(3_000);
    expect(backlog.oldestQueuedMs).toBeLessThan(30_000);
  });
});
