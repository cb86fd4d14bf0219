import { existsSync } from 'node:fs';
import { request } from 'node:http';

/**
 * Chooses the PostgreSQL and Redis the tests use: DATABASE_URL / REDIS_URL when given; else a
 * Docker engine through testcontainers when one is reachable; else the local servers on their
 * standard ports. Each test file then makes its own database and Redis key prefix.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL && process.env.REDIS_URL) return;
  if (await dockerEngineReachable()) {
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

/** A Docker engine that answers its ping: a socket file with no engine behind it does not count. */
async function dockerEngineReachable(): Promise<boolean> {
  if (process.env.ONSALE_TEST_NO_DOCKER === '1') return false;
  if (process.env.DOCKER_HOST) return true;
  const socketPath = '/var/run/docker.sock';
  if (!existsSync(socketPath)) return false;
  return new Promise((resolve) => {
    const ping = request({ socketPath, path: '/_ping', timeout: 1_000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    ping.on('error', () => resolve(false));
    ping.on('timeout', () => {
      ping.destroy();
      resolve(false);
    });
    ping.end();
  });
}
