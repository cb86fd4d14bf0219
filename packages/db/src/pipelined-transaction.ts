import { InvariantViolated } from '@onsale/shared';
import type postgres from 'postgres';

/** A connection reserved from the pool, for statements that must run on one connection. */
export type ReservedSql = postgres.ReservedSql;

/** A statement not yet sent (postgres.js sends a tagged template once it is executed or awaited). */
type Statement = PromiseLike<unknown> & { execute(): PromiseLike<unknown> };

/**
 * Runs `statements` in one transaction that costs one round trip: BEGIN, the statements and
 * COMMIT go out together on a reserved connection instead of waiting for BEGIN's answer before
 * the statements and for theirs before COMMIT. PostgreSQL still runs them one after the other,
 * each with the snapshot of its own start. Once one fails, PostgreSQL refuses the rest and turns
 * the COMMIT into a rollback; the first failure is thrown.
 *
 * `sql.begin` cannot do this: it awaits its BEGIN, and sends COMMIT only once the callback's
 * statements have answered. A busy API answers each of those round trips an event-loop turn late.
 */
export async function pipelinedTransaction<T extends readonly Statement[]>(
  sql: postgres.Sql,
  statements: (connection: ReservedSql) => [...T],
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const connection = await sql.reserve();
  try {
    // Built before anything is sent: one that throws must not leave an open transaction behind.
    const built = statements(connection);
    // A statement is sent when it is executed, so the order of these calls is the order they run in.
    const begin = connection`BEGIN`.execute();
    const sent = built.map((statement) => statement.execute());
    const commit = connection`COMMIT`.execute();
    const settled = await Promise.allSettled([begin, ...sent, commit]);
    const failed = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    const committed = (settled.at(-1) as PromiseFulfilledResult<postgres.RowList<postgres.Row[]>>).value;
    if (committed.command !== 'COMMIT') throw new InvariantViolated(`The pipelined transaction ended in ${committed.command}, not COMMIT.`);
    return settled.slice(1, -1).map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as { [K in keyof T]: Awaited<T[K]> };
  } finally {
    connection.release();
  }
}
