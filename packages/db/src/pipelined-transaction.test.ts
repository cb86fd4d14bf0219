import { withDeadline } from '@onsale/shared';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { createDatabase, type Database } from './client';
import { pipelinedTransaction } from './pipelined-transaction';

let testDatabase: TestDatabase;
let sql: Database['sql'];

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  sql = testDatabase.database.sql;
  await sql`CREATE TABLE pipelined (n int PRIMARY KEY CHECK (n < 100))`;
});

afterAll(async () => {
  await testDatabase?.dispose();
});

beforeEach(async () => {
  await sql`TRUNCATE pipelined`;
});

const rows = async () => (await sql<{ n: number }[]>`SELECT n FROM pipelined ORDER BY n`).map((row) => row.n);

describe('pipelinedTransaction', () => {
  it("commits the statements together and returns each one's rows, in order", async () => {
    const [first, second] = await pipelinedTransaction(sql, (connection) => [
      connection<{ n: number }[]>`INSERT INTO pipelined VALUES (1), (2) RETURNING n`,
      // Runs after the first statement, with a snapshot that sees its rows.
      connection<{ count: number }[]>`SELECT count(*)::int AS count FROM pipelined`,
    ]);
    expect(first.map((row) => row.n)).toEqual([1, 2]);
    expect(second[0]!.count).toBe(2);
    expect(await rows()).toEqual([1, 2]);
  });

  it('sends BEGIN, the statements and COMMIT together: one transaction, on one connection', async () => {
    const [[backend], [inTransaction]] = await pipelinedTransaction(sql, (connection) => [
      connection<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`,
      connection<{ xact: string; statement: string }[]>`SELECT xact_start::text AS xact, statement_timestamp()::text AS statement FROM pg_stat_activity WHERE pid = pg_backend_pid()`,
    ]);
    expect(backend!.pid).toEqual(expect.any(Number));
    // In a transaction block, the transaction started before its second statement did.
    expect(inTransaction!.xact < inTransaction!.statement).toBe(true);
  });

  it('rolls the whole transaction back when a statement fails, and throws that failure, not the refusals after it', async () => {
    await expect(
      pipelinedTransaction(sql, (connection) => [
        connection`INSERT INTO pipelined VALUES (3)`,
        connection`INSERT INTO pipelined VALUES (500)`,
        connection`INSERT INTO pipelined VALUES (4)`,
      ]),
    ).rejects.toMatchObject({ code: '23514' });
    expect(await rows()).toEqual([]);
    // The connection went back to the pool out of any transaction.
    await pipelinedTransaction(sql, (connection) => [connection`INSERT INTO pipelined VALUES (5)`]);
    expect(await rows()).toEqual([5]);
  });

  it('sends nothing when building the statements throws, and leaves no transaction open on the connection', async () => {
    const single = createDatabase(testDatabase.databaseUrl, { poolSize: 1 });
    try {
      await expect(
        pipelinedTransaction(single.sql, () => {
          throw new Error('aborted before sending');
        }),
      ).rejects.toThrow('aborted before sending');
      // The pool's one connection is not in a transaction: this insert commits on its own.
      await single.sql`INSERT INTO pipelined VALUES (7)`;
      expect(await rows()).toEqual([7]);
    } finally {
      await single.close();
    }
  });

  it('leaves a pool that answers again after its connection is terminated mid-transaction (the patched driver)', async () => {
    const single = createDatabase(testDatabase.databaseUrl, { poolSize: 1 });
    try {
      const [[backend]] = await pipelinedTransaction(single.sql, (connection) => [connection<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`]);
      const terminated = pipelinedTransaction(single.sql, (connection) => [connection`SELECT pg_sleep(0.5)`, connection`INSERT INTO pipelined VALUES (8)`]).then(
        () => 'committed',
        (error: unknown) => error,
      );
      await sql`SELECT pg_sleep(0.1)`;
      await sql`SELECT pg_terminate_backend(${backend!.pid})`;
      // The statement that was running fails with 57P01 or CONNECTION_CLOSED, the ones behind it with CONNECTION_CLOSED.
      expect(await terminated).toMatchObject({ code: expect.stringMatching(/^(57P01|CONNECTION_CLOSED)$/) });
      // Unpatched, the terminated session's error was handed to the reconnected connection's first
      // query, and the pool's one connection never answered again.
      for (let round = 0; round < 10; round++) {
        const [[one]] = await withDeadline(pipelinedTransaction(single.sql, (connection) => [connection<{ one: number }[]>`SELECT 1 AS one`]), 5_000);
        expect(one!.one).toBe(1);
        expect((await withDeadline(single.sql<{ two: number }[]>`SELECT 2 AS two`, 5_000))[0]!.two).toBe(2);
      }
      expect(await rows()).toEqual([]);
    } finally {
      await single.close();
    }
  });
});
