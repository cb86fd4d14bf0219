import { Redis } from 'ioredis';

/** A Redis connection fit for BullMQ: blocking commands must not give up after a few retries. */
export function createRedisConnection(url: string, name: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectionName: name });
}
