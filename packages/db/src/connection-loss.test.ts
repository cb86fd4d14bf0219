import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { createDatabase } from './client';

/*
 * The patched postgres.js when PostgreSQL ends a session under a transaction (pg_terminate_backend,
 * as an administrator or a failover does): the transaction fails, and nothing else does.
 */

let testDatabase: TestDatabase;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
});

afterAll(async () => {
  await testDatabase?.dispose();
});

const outcome = (work: Promise<unknown>) =>
  work.then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? String(error),
  );

it('fails only the transaction whose session is terminated mid-statement: the queries waiting for the pool, and those after, are answered', async () => {
  const applicationName = `connection-loss-${randomUUID()}`;
  const single = createDatabase(testDatabase.databaseUrl, { poolSize: 1, applicationName });
  const admin = testDatabase.database.sql;
  try {
    for (let round = 0; round < 3; round++) {
      const transaction = outcome(single.sql.begin((tx) => tx`SELECT pg_sleep(2)`));
      // Queued behind the transaction: the pool's one connection is taken.
      const waiting = Array.from({ length: 3 }, () => outcome(single.sql`SELECT 1`));
      await admin`SELECT pg_sleep(0.2)`;
      const [terminations] = await admin<{ count: number }[]>`
        SELECT count(pg_terminate_backend(pid))::int AS count FROM pg_stat_activity WHERE application_name = ${applicationName}`;
      expect(terminations?.count).toBe(1);

      expect(await transaction).toMatch(/^(57P01|CONNECTION_CLOSED)$/);
      // Unpatched, the transaction's ROLLBACK, sent on the closed connection, failed the first
      // query of the next session on it with CONNECTION_CLOSED.
      expect(await Promise.all(waiting)).toEqual(['ok', 'ok', 'ok']);
      expect(await Promise.all([outcome(single.sql`SELECT 2`), outcome(single.sql`SELECT 3`)])).toEqual(['ok', 'ok']);
    }
  } finally {
    await single.close();
  }
});
