import { randomUUID } from 'node:crypto';
import { givenEvent, queuedReservationInput } from '../../../test/support/factories';
import { createTestEnvironment, type TestEnvironment } from '../../../test/support/test-environment';
import { createDatabase, type Database } from './client';
import type { EventWithTicketTypes } from './event.repository';
import { acceptReservations } from './reservation-writer';

/*
 * The intake's statement is prepared, so PostgreSQL may keep one generic plan for it, made while
 * the tables were nearly empty. Such a plan once hashed every reservation on each batch to find
 * replayed keys. Forcing generic plans on this file's database, recording a batch must not read
 * the reservations table through.
 */

let env: TestEnvironment;
/** A pool whose connections always use the generic plan of a prepared statement. */
let generic: Database;

beforeAll(async () => {
  env = await createTestEnvironment();
  const name = new URL(env.databaseUrl).pathname.slice(1);
  await env.database.sql.unsafe(`ALTER DATABASE "${name}" SET plan_cache_mode = force_generic_plan`);
  generic = createDatabase(env.databaseUrl, { poolSize: 1 });
});

afterAll(async () => {
  await generic?.close();
  await env?.dispose();
});

/** Rows of `reservations` read by sequential scans so far (the pool's one connection flushes its counts first). */
async function reservationRowsScanned(): Promise<number> {
  await generic.sql`SELECT pg_stat_force_next_flush()`;
  const [row] = await generic.sql<{ read: string }[]>`SELECT seq_tup_read AS read FROM pg_stat_user_tables WHERE relname = 'reservations'`;
  return Number(row!.read);
}

/** `count` requests of one GA ticket each, by as many customers, each with an Idempotency-Key. */
const requests = (event: EventWithTicketTypes, count: number) =>
  Array.from({ length: count }, () => queuedReservationInput(event, [{ ticketType: 'GA', quantity: 1 }], { idempotencyKey: randomUUID() }));

describe('the intake under a generic plan', () => {
  it('finds replayed keys through the index, not by reading every reservation', async () => {
    const [mode] = await generic.sql<{ plan_cache_mode: string }[]>`SHOW plan_cache_mode`;
    expect(mode!.plan_cache_mode).toBe('force_generic_plan');
    const event = await givenEvent(generic, { ticketTypes: [{ code: 'GA', name: 'GA', priceCents: 0, capacity: 100_000 }] });
    for (let batch = 0; batch < 20; batch++) await acceptReservations(generic, requests(event, 100));

    const before = await reservationRowsScanned();
    const outcomes = await acceptReservations(generic, requests(event, 10));
    const after = await reservationRowsScanned();

    expect(outcomes.map((outcome) => outcome.kind)).toEqual(Array(10).fill('accepted'));
    expect(after - before).toBe(0);
  });
});
