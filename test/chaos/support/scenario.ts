import { partitionFor, partitionQueueName } from '@onsale/queue';
import { DEFAULT_PARTITION_COUNT } from '@onsale/shared';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import type { RushAttempt } from './rush';

/**
 * The PostgreSQL server the process and Redis scenarios run their fresh database on: the
 * machine's (they break processes and Redis, never PostgreSQL).
 */
export const MACHINE_POSTGRES_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Attempts that were on their way or being answered at `at`: sent before, answered after. */
export const inFlightAt = (attempts: RushAttempt[], at: number): RushAttempt[] =>
  attempts.filter((attempt) => attempt.sentAt < at && attempt.sentAt + attempt.latencyMs > at);

/** Answers by status, for a report: `{ "202": 812, network: 3 }`. */
export const countByStatus = (attempts: RushAttempt[]): Record<string, number> =>
  attempts.reduce<Record<string, number>>((counts, attempt) => ({ ...counts, [attempt.status]: (counts[attempt.status] ?? 0) + 1 }), {});

/** The worker that wrote the event's latest decision: the one holding its partition now. */
export async function latestDecider(databaseUrl: string, eventId: string): Promise<string | undefined> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ worker: string }[]>`
      SELECT decided_by AS worker FROM reservations WHERE event_id = ${eventId} AND decided_at IS NOT NULL
      ORDER BY decided_at DESC LIMIT 1`;
    return row?.worker;
  } finally {
    await sql.end({ timeout: 2 });
  }
}

/** Waits until the event has at least `count` decisions. */
export async function untilDecided(databaseUrl: string, eventId: string, count: number, timeoutMs = 60_000): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM reservations WHERE event_id = ${eventId} AND status <> 'queued'`;
      if (row!.n >= count) return;
      if (Date.now() > deadline) throw new Error(`fewer than ${count} decisions after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await sql.end({ timeout: 2 });
  }
}

/**
 * The worker running a job of the event's partition at this moment, if one is caught within
 * `withinMs` (BullMQ writes the name of the worker that takes a job onto it, `pb`). Killed then,
 * it dies mid-job, holding the partition's lock: the case a takeover has to wait out.
 */
export async function writerMidJob(
  redisUrl: string,
  keyPrefix: string,
  eventId: string,
  withinMs: number,
): Promise<string | undefined> {
  const queue = `${keyPrefix}:${partitionQueueName(partitionFor(eventId, DEFAULT_PARTITION_COUNT))}`;
  const redis = new Redis(redisUrl);
  try {
    for (const deadline = Date.now() + withinMs; Date.now() < deadline; ) {
      const [jobId] = await redis.lrange(`${queue}:active`, 0, 0);
      const worker = jobId === undefined ? null : await redis.hget(`${queue}:${jobId}`, 'pb');
      if (worker) return worker;
    }
    return undefined;
  } finally {
    redis.disconnect();
  }
}
