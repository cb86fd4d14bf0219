/**
 * Events are hashed onto a fixed set of partition queues. Each partition is consumed by
 * one writer at a time, so every event has a single writer. The hash tag `{pN}` keeps one
 * partition's BullMQ keys in one Redis Cluster slot while spreading partitions across slots.
 */
export function partitionFor(eventId: string, partitionCount: number): number {
  // FNV-1a, 32 bit: stable across processes and languages, cheap, well spread for UUIDs.
  let hash = 0x811c9dc5;
  for (let i = 0; i < eventId.length; i++) {
    hash ^= eventId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitionCount;
}

export function partitionQueueName(partition: number): string {
  return `partition-{p${partition}}`;
}

export function allPartitionQueueNames(partitionCount: number): string[] {
  return Array.from({ length: partitionCount }, (_, partition) => partitionQueueName(partition));
}
