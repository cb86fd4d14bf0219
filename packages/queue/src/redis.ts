import { Cluster, Redis } from 'ioredis';
import { ConfigError, type RedisConfig } from '@onsale/shared';

/** A connection to one Redis server or to a Redis Cluster; BullMQ and Onsale accept either. */
export type RedisConnection = Redis | Cluster;

/**
 * A Redis connection fit for BullMQ: blocking commands must not give up after a few retries.
 * With REDIS_CLUSTER_NODES set it is a Cluster client that discovers every node from the seeds.
 * `autoPipelining`: the commands issued in one turn of the event loop leave in one socket write
 * (ioredis's auto-pipelining), for a connection that carries many small commands from concurrent
 * requests and never a blocking one.
 */
export function createRedisConnection(config: RedisConfig, name: string, options: { autoPipelining?: boolean } = {}): RedisConnection {
  const redisOptions = { maxRetriesPerRequest: null, connectionName: name };
  const enableAutoPipelining = options.autoPipelining ?? false;
  if (config.REDIS_CLUSTER_NODES) return new Cluster(config.REDIS_CLUSTER_NODES, { redisOptions, enableAutoPipelining });
  if (config.REDIS_URL) return new Redis(config.REDIS_URL, { ...redisOptions, enableAutoPipelining });
  throw new ConfigError('Invalid environment:\n  REDIS_URL: required (or set REDIS_CLUSTER_NODES)');
}

/**
 * Removes every key matching `pattern` (e.g. `<prefix>:*`), in batches, without blocking Redis.
 * On a cluster every master is scanned, since each holds only its own slots' keys.
 */
export async function deleteKeysMatching(redis: RedisConnection, pattern: string): Promise<void> {
  if (redis instanceof Redis) return deleteKeysOnServer(redis, pattern, unlinkTogether);
  await redis.ping(); // the node list is known once the cluster answers
  await Promise.all(redis.nodes('master').map((node) => deleteKeysOnServer(node, pattern, unlinkOneByOne)));
}

type Unlink = (server: Redis, keys: string[]) => Promise<unknown>;

const unlinkTogether: Unlink = (server, keys) => server.unlink(...keys);

/** A cluster node refuses a multi-key UNLINK across slots (CROSSSLOT): one key per command, pipelined. */
const unlinkOneByOne: Unlink = (server, keys) => {
  const pipeline = server.pipeline();
  for (const key of keys) pipeline.unlink(key);
  return pipeline.exec();
};

async function deleteKeysOnServer(server: Redis, pattern: string, unlink: Unlink): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await server.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length > 0) await unlink(server, keys);
    cursor = next;
  } while (cursor !== '0');
}
