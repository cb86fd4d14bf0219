import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** A database or an open transaction: repositories accept either. */
export type Queryable = Database | Transaction;
/**
 * The postgres.js client underneath. The hot paths (accepting a request, reading a reservation,
 * the decision transactions) use its tagged templates: each becomes a prepared statement that
 * PostgreSQL parses and plans once, where drizzle sends every query unprepared.
 */
export type Sql = postgres.Sql;
export type TransactionSql = postgres.TransactionSql;
/** Either a pool client or an open transaction. */
export type SqlClient = Sql | TransactionSql;

/** A timestamp as postgres.js returns it here (text: drizzle turns off its date parsing), as a Date. */
export function dateOrNull(text: string | null): Date | null {
  return text === null ? null : new Date(text);
}

export interface DatabaseClient {
  db: Database;
  sql: Sql;
  close(): Promise<void>;
  ping(): Promise<void>;
}

/** PostgreSQL keeps the first 63 bytes of an `application_name`. */
const APPLICATION_NAME_LENGTH = 63;

/** The `application_name` a process's pool connects with, as PostgreSQL will report it. */
export const applicationName = (role: 'api' | 'worker', id: string) =>
  `onsale-${role}-${id}`.replace(/[^\x20-\x7e]/g, '_').slice(0, APPLICATION_NAME_LENGTH);

/** A connection attempt that has not completed by then fails (seconds). */
const CONNECT_TIMEOUT_SECONDS = 2;

/**
 * How long (seconds) a connection waits before its next attempt after `failures` failed ones in a
 * row. postgres.js's default grows to 20 s, so a pool that saw a short outage kept PostgreSQL
 * waiting for up to 20 s after it was back; capped at half a second, the pool is connected again
 * within about half a second of PostgreSQL accepting connections. The cost while PostgreSQL is
 * down: each pool connection tries twice a second, a refused connection is cheap.
 */
export const reconnectDelaySeconds = (failures: number) => Math.min(0.05 * 2 ** failures, 0.5);

export function createDatabaseClient(url: string, options: { poolSize: number; applicationName?: string }): DatabaseClient {
  const sql = postgres(url, {
    max: options.poolSize,
    onnotice: () => {},
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
    backoff: reconnectDelaySeconds,
    // drizzle reads timestamps as text; pin the text format it (and `new Date`) parse.
    connection: {
      DateStyle: 'ISO, MDY',
      TimeZone: 'UTC',
      // Names this pool's connections in pg_stat_activity (the pool gauges count them by it).
      ...(options.applicationName ? { application_name: options.applicationName } : {}),
    },
  });
  const db = drizzle(sql, { schema });
  return {
    db,
    sql,
    close: () => sql.end({ timeout: 5 }),
    ping: async () => {
      await sql`select 1`;
    },
  };
}
