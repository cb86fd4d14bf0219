import type { Redis } from 'ioredis';
import type postgres from 'postgres';
import { countDecided, decisionTimeline, summariseDecisions, type DecisionSummary } from './decisions';
import { COMPLETION_BUCKET_MS, completionsKey } from './variants';

/** Where a run's decisions are counted: PostgreSQL's decided_at, or the no-op workers' completion counters. */
export interface DecisionSource {
  countDecided(): Promise<number>;
  summary(): Promise<DecisionSummary>;
  /** Wall-clock bucket start → decisions in it. */
  timeline(bucketMs: number): Promise<Map<number, number>>;
}

export function databaseDecisions(sql: postgres.Sql, eventIds: readonly string[]): DecisionSource {
  return {
    countDecided: () => countDecided(sql, eventIds),
    summary: () => summariseDecisions(sql, eventIds),
    timeline: (bucketMs) => decisionTimeline(sql, eventIds, bucketMs),
  };
}

/** The queue-ceiling variant decides nothing: its "decisions" are completed no-op jobs. */
export function queueCompletions(redis: Redis, keyPrefix: string): DecisionSource {
  const read = async () => {
    const counts = await redis.hgetall(completionsKey(keyPrefix));
    return new Map(Object.entries(counts).map(([bucket, count]) => [Number(bucket) * COMPLETION_BUCKET_MS, Number(count)]));
  };
  return {
    countDecided: async () => [...(await read()).values()].reduce((sum, count) => sum + count, 0),
    summary: async () => {
      const buckets = await read();
      const decided = [...buckets.values()].reduce((sum, count) => sum + count, 0);
      const first = buckets.size ? Math.min(...buckets.keys()) : null;
      const last = buckets.size ? Math.max(...buckets.keys()) + COMPLETION_BUCKET_MS : null;
      return {
        decided,
        firstDecidedAt: first,
        lastDecidedAt: last,
        decisionsPerSecond: first !== null && last !== null ? decided / ((last - first) / 1000) : null,
        acceptToDecisionP50Ms: null,
        acceptToDecisionP99Ms: null,
        soldOutAt: null,
      };
    },
    timeline: async (bucketMs) => {
      const rebucketed = new Map<number, number>();
      for (const [start, count] of await read()) {
        const bucket = Math.floor(start / bucketMs) * bucketMs;
        rebucketed.set(bucket, (rebucketed.get(bucket) ?? 0) + count);
      }
      return rebucketed;
    },
  };
}
