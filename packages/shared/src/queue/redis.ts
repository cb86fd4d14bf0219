import { Redis } from 'ioredis';

/** A Redis connection fit for BullMQ: blocking commands must not give up after a few retries. */
export function createRedisConnection(url: string, name: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectionName: name });
}

/** Removes every key matching `pattern` (e.g. `<prefix>:*`), in batches, without blocking Redis. */
export async function deleteKeysMatching(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
