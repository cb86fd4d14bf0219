import { randomBytes } from 'node:crypto';
import { createDatabase, freshDatabase, type Database } from '@onsale/db';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';

/** A fresh, migrated PostgreSQL database of this test file's own; `dispose()` drops it. */
export interface TestDatabase {
  databaseUrl: string;
  database: Database;
  /** drizzle over the same pool, for a test's own SQL (`db.execute(sql`…`)`); the code under test takes `database`. */
  db: PostgresJsDatabase;
  dispose(): Promise<void>;
}

/** The PostgreSQL server the tests run against (its default database): where a test creates databases of its own. */
export const testServerUrl = (): string => process.env.DATABASE_URL!;

export async function createTestDatabase(suffix = randomBytes(6).toString('hex')): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  const databaseName = `onsale_test_${suffix}`;

  const databaseUrl = await freshDatabase(serverUrl, databaseName);
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });

  const database = createDatabase(databaseUrl, { poolSize: 10 });
  return {
    databaseUrl,
    database,
    db: drizzle(database.sql),
    async dispose() {
      await database.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    },
  };
}
