import { randomBytes } from 'node:crypto';
import { createDatabaseClient, migrateDatabase, type DatabaseClient } from '@onsale/db';
import { deleteKeysMatching } from '@onsale/shared';
import { Redis } from 'ioredis';
import postgres from 'postgres';

/**
 * A fresh, migrated PostgreSQL database and a Redis key prefix of this test file's own, so
 * files run in parallel without seeing each other. `dispose()` drops both.
 */
export interface TestEnvironment {
  databaseUrl: string;
  redisUrl: string;
  keyPrefix: string;
  database: DatabaseClient;
  redis: Redis;
  /** The environment a child process (API, worker) needs to join this test's database and Redis. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

export async function createTestEnvironment(): Promise<TestEnvironment> {
  const serverUrl = process.env.DATABASE_URL!;
  const redisUrl = process.env.REDIS_URL!;
  const suffix = randomBytes(6).toString('hex');
  const databaseName = `onsale_test_${suffix}`;
  const keyPrefix = `onsale-test-${suffix}`;

  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${databaseName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  const databaseUrl = url.toString();
  await migrateDatabase(databaseUrl);

  const database = createDatabaseClient(databaseUrl, { poolSize: 10 });
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  return {
    databaseUrl,
    redisUrl,
    keyPrefix,
    database,
    redis,
    env: { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, KEY_PREFIX: keyPrefix },
    async dispose() {
      await database.close();
      await deleteKeysMatching(redis, `${keyPrefix}:*`);
      redis.disconnect();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** Polls `condition` until it holds or `timeoutMs` passes; replaces fixed sleeps. */
export async function waitUntil(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
