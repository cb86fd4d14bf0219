import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Database = PostgresJsDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** A database or an open transaction: repositories accept either. */
export type Queryable = Database | Transaction;

export interface DatabaseClient {
  db: Database;
  close(): Promise<void>;
  ping(): Promise<void>;
}

export function createDatabaseClient(url: string, options: { poolSize: number }): DatabaseClient {
  const sql = postgres(url, {
    max: options.poolSize,
    onnotice: () => {},
    // Fail fast instead of queueing forever when PostgreSQL is unreachable.
    connect_timeout: 10,
  });
  const db = drizzle(sql, { schema });
  return {
    db,
    close: () => sql.end({ timeout: 5 }),
    ping: async () => {
      await sql`select 1`;
    },
  };
}
