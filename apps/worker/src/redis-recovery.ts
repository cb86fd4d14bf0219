import { findPartitionsWithQueued, type Database } from '@onsale/db';
import type { PartitionQueues, RedisConnection } from '@onsale/queue';
import type { Logger } from '@onsale/shared';

/**
 * Redis may come back from a restart without its data: then each partition's global concurrency
 * of 1 (which BullMQ keeps in Redis) is gone, and so are the `decide` jobs of requests that wait
 * in PostgreSQL. Every time the connection is ready again this re-asserts the one and re-adds
 * the other at once, rather than leaving partitions to two writers until a restart and the
 * backlog to the requeue sweep. Both are harmless when Redis kept everything.
 */
export function recoverAfterRedisRestarts(
  connection: RedisConnection,
  deps: { queues: PartitionQueues; database: Database; logger: Logger },
): () => void {
  const recover = async () => {
    await deps.queues.enforceSingleWriter();
    const partitions = await findPartitionsWithQueued(deps.database);
    await Promise.all(partitions.map((partition) => deps.queues.enqueue({ kind: 'decide', partition, requestId: 'redis-reconnect' })));
    deps.logger.info({ partitions: partitions.length }, 'redis ready again: single writer re-asserted, queued partitions re-added');
  };
  // Attached once the worker has set its queues up on a ready connection: every `ready` after is a reconnect.
  const onReady = () => {
    recover().catch((error: unknown) => deps.logger.error({ err: error }, 'recovering the queues after a Redis restart failed'));
  };
  connection.on('ready', onReady);
  return () => {
    connection.off('ready', onReady);
  };
}
