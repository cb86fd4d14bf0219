import { existsSync } from 'node:fs';

/**
 * Chooses the PostgreSQL and Redis the tests use: DATABASE_URL / REDIS_URL when given; else a
 * Docker engine through testcontainers when one is reachable; else the local servers on their
 * standard ports. Each test file then makes its own database and Redis key prefix.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL && process.env.REDIS_URL) return;
  if (dockerEngineReachable()) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const { RedisContainer } = await import('@testcontainers/redis');
    const [postgres, redis] = await Promise.all([
      new PostgreSqlContainer('postgres:15-alpine').start(),
      new RedisContainer('redis:7-alpine').start(),
    ]);
    process.env.DATABASE_URL ??= postgres.getConnectionUri();
    process.env.REDIS_URL ??= redis.getConnectionUrl();
    (globalThis as { onsaleTestContainers?: unknown[] }).onsaleTestContainers = [postgres, redis];
    return;
  }
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
}

function dockerEngineReachable(): boolean {
  if (process.env.DOCKER_HOST) return true;
  return existsSync('/var/run/docker.sock') && process.env.ONSALE_TEST_NO_DOCKER !== '1';
}
