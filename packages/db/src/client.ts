import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

/**
 * The one connection type: a process's pool of connections to PostgreSQL, made once by
 * `createDatabase` and handed to every function of this package. Which access style a function
 * uses inside (see index.ts) is its own business, never its caller's.
 */
export interface Database {
  /**
   * postgres.js tagged templates on the pool, for a test's or a script's own SQL. The app never
   * uses it: it calls this package's functions.
   */
  readonly sql: postgres.Sql;
  close(): Promise<void>;
  ping(): Promise<void>;
}

/*
 * Inside the package only (index.ts does not export them).
 */

/**
 * postgres.js: the pool, or a transaction open on one of its connections. The hot paths
 * (accepting a request, reading a reservation, the decision transactions) use its tagged
 * templates: each becomes a prepared statement that PostgreSQL parses and plans once, where
 * drizzle sends every query unprepared.
 */
export type Connection = postgres.Sql | postgres.TransactionSql;
export type TransactionSql = postgres.TransactionSql;

/** drizzle over the same pool, with the schema's relations: the schema-typed reads and writes of the admin paths. */
export type Orm = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };
export type OrmTransaction = Parameters<Parameters<Orm['transaction']>[0]>[0];

const orms = new WeakMap<postgres.Sql, Orm>();

/** The drizzle instance over a database's pool (one per pool, made with it by `createDatabase`). */
export function ormOf(database: Database): Orm {
  let orm = orms.get(database.sql);
  if (!orm) orms.set(database.sql, (orm = drizzle(database.sql, { schema })));
  return orm;
}

/** A timestamp as postgres.js returns it here (text: drizzle turns off its date parsing), as a Date. */
export function dateOrNull(text: string | null): Date | null {
  return text === null ? null : new Date(text);
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

export function createDatabase(url: string, options: { poolSize: number; applicationName?: string }): Database {
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
  // Made now, not on first use: drizzle also sets the pool's parsers and serializers (timestamps
  // as text, json and jsonb sent as given), which the postgres.js statements rely on too.
  orms.set(sql, drizzle(sql, { schema }));
  return {
    sql,
    close: () => sql.end({ timeout: 5 }),
    ping: async () => {
      await sql`select 1`;
    },
  };
}
