import { ConfigError } from '@onsale/shared';
import type { Connection, Database } from './client';

/** Thrown at start-up by a process whose configuration disagrees with what its deployment recorded. */
export class DeploymentMismatch extends ConfigError {}

/**
 * Records the deployment's PARTITION_COUNT the first time a process starts, and refuses a process
 * that disagrees: every queued request carries the partition it was recorded under, and a writer
 * hashing events onto another number of partitions would never find them.
 */
export async function claimPartitionCount(sql: Connection, partitionCount: number): Promise<void> {
  const [recorded] = await sql<{ partitionCount: number }[]>`
    WITH claimed AS (
      INSERT INTO deployment (partition_count) VALUES (${partitionCount}) ON CONFLICT (singleton) DO NOTHING RETURNING partition_count
    )
    SELECT partition_count AS "partitionCount" FROM claimed
    UNION ALL SELECT partition_count FROM deployment
    LIMIT 1`;
  if (recorded!.partitionCount === partitionCount) return;
  throw new DeploymentMismatch(
    `PARTITION_COUNT is ${partitionCount}, but this deployment's requests are partitioned ${recorded!.partitionCount} ways. ` +
      `Start every API and worker with PARTITION_COUNT=${recorded!.partitionCount}, or change it as docs/scaling.md#changing-partition_count describes.`,
  );
}

/**
 * `claimPartitionCount` at a process's start without making PostgreSQL a start-up dependency: a
 * process that disagrees is refused at once when PostgreSQL answers (and its database client
 * closed: it will not run); while PostgreSQL is unreachable the claim is retried in the
 * background (the process can record or decide nothing meanwhile anyway) and `onRefused` is
 * called if it disagrees once it answers. Returns a function that stops retrying.
 */
export async function claimPartitionCountAtStart(
  database: Database,
  partitionCount: number,
  onRefused: (error: DeploymentMismatch) => void,
  retryMs = 1_000,
): Promise<() => void> {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const attempt = async (): Promise<void> => {
    try {
      await claimPartitionCount(database.sql, partitionCount);
    } catch (error) {
      if (error instanceof DeploymentMismatch) throw error;
      if (!stopped) timer = setTimeout(() => void attempt().catch(onRefused), retryMs);
    }
  };
  await attempt().catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
