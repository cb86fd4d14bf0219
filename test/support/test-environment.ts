import { randomBytes } from 'node:crypto';
import type { Database } from '@onsale/db';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { deleteKeysMatching } from '@onsale/queue';
import { Redis } from 'ioredis';
import { createTestDatabase } from './test-database';

/**
 * A fresh, migrated PostgreSQL database and a Redis key prefix of this test file's own, so
 * files run in parallel without seeing each other. `dispose()` drops both.
 */
export interface TestEnvironment {
  databaseUrl: string;
  redisUrl: string;
  keyPrefix: string;
  database: Database;
  /** drizzle over the same pool, for a test's own SQL (`db.execute(sql`…`)`); the code under test takes `database`. */
  db: PostgresJsDatabase;
  redis: Redis;
  /** The environment a child process (API, worker) needs to join this test's database and Redis. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

export async function createTestEnvironment(): Promise<TestEnvironment> {
  const redisUrl = process.env.REDIS_URL!;
  const suffix = randomBytes(6).toString('hex');
  const keyPrefix = `onsale-test-${suffix}`;
  const { databaseUrl, database, db, dispose: dropDatabase } = await createTestDatabase(suffix);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  return {
    databaseUrl,
    redisUrl,
    keyPrefix,
    database,
    db,
    redis,
    env: { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, KEY_PREFIX: keyPrefix },
    async dispose() {
      await deleteKeysMatching(redis, `${keyPrefix}:*`);
      redis.disconnect();
      await dropDatabase();
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
