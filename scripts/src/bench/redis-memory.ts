import type { Redis } from 'ioredis';
import { sleep } from './clock';

/** A field of `INFO <section>`. */
async function infoField(redis: Redis, section: string, field: string): Promise<string> {
  const info = await redis.info(section);
  const value = new RegExp(`^${field}:(.*)$`, 'm').exec(info)?.[1];
  if (value === undefined) throw new Error(`Redis INFO ${section} has no ${field}`);
  return value.trim();
}

export const usedMemory = async (redis: Redis) => Number(await infoField(redis, 'memory', 'used_memory'));
export const redisPid = async (redis: Redis) => Number(await infoField(redis, 'server', 'process_id'));
export const redisVersion = (redis: Redis) => infoField(redis, 'server', 'redis_version');

export interface MemorySettling {
  bytes: number;
  /** Whether it came back within the tolerance of the baseline before the timeout. */
  settled: boolean;
  waitedMs: number;
}

/** Polls used_memory until it is back within `tolerance` of `baseline`, for at most `timeoutMs`. */
export async function awaitMemoryBack(redis: Redis, baseline: number, options: { tolerance: number; timeoutMs: number }): Promise<MemorySettling> {
  const startedAt = Date.now();
  for (;;) {
    const bytes = await usedMemory(redis);
    const waitedMs = Date.now() - startedAt;
    if (bytes <= baseline * (1 + options.tolerance)) return { bytes, settled: true, waitedMs };
    if (waitedMs >= options.timeoutMs) return { bytes, settled: false, waitedMs };
    await sleep(1_000);
  }
}
