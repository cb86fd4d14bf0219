import { randomBytes } from 'node:crypto';
import { createDatabaseClient, freshDatabase, type DatabaseClient } from '@onsale/db';
import postgres from 'postgres';

/** A fresh, migrated PostgreSQL database of this test file's own; `dispose()` drops it. */
export interface TestDatabase {
  databaseUrl: string;
  database: DatabaseClient;
  dispose(): Promise<void>;
}

export async function createTestDatabase(suffix = randomBytes(6).toString('hex')): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL!;
  const databaseName = `onsale_test_${suffix}`;

  const databaseUrl = await freshDatabase(serverUrl, databaseName);
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });

  const database = createDatabaseClient(databaseUrl, { poolSize: 10 });
  return {
    databaseUrl,
    database,
    async dispose() {
      await database.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    },
  };
}
