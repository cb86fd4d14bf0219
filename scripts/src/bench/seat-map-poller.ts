import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import type { Pool } from 'undici';
import { sleep, wallNow } from './clock';

/*
 * Clients polling an event's seat map (GET /v1/events/:id/seats) at a fixed rate, open loop over
 * keep-alive connections: every other poll revalidates with the last ETag seen, as a client
 * holding the map would.
 */

export interface PollResult {
  /** Polls sent (each at its scheduled time). */
  polls: number;
  /** Answers by HTTP status. */
  byStatus: Record<string, number>;
  failed: number;
  /** Microseconds from each poll's scheduled send time to its answer. */
  latency: RecordableHistogram;
}

/** A PollResult as it crosses a process boundary: the latency histogram as the percentiles read from it. */
export interface PollSummary extends Omit<PollResult, 'latency'> {
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

export function summarisePolls(result: PollResult): PollSummary {
  const { latency, ...counts } = result;
  const ms = (micros: number) => micros / 1000;
  return {
    ...counts,
    latencyMs: { p50: ms(latency.percentile(50)), p90: ms(latency.percentile(90)), p99: ms(latency.percentile(99)), max: ms(latency.max) },
  };
}

/** Polls `path` at `ratePerSecond` until stopped; every other poll is conditional on the last ETag. */
export function startSeatMapPolling(pool: Pool, path: string, ratePerSecond: number): { result: PollResult; stop(): Promise<PollResult> } {
  const result: PollResult = { polls: 0, byStatus: {}, failed: 0, latency: createHistogram({ lowest: 1, highest: 600_000_000, figures: 3 }) };
  const inFlight = new Set<Promise<void>>();
  let lastEtag: string | undefined;
  let stopped = false;

  const poll = async (index: number, scheduledAt: number) => {
    const conditional = index % 2 === 1 && lastEtag !== undefined;
    try {
      const response = await pool.request({ method: 'GET', path, headers: conditional ? { 'if-none-match': lastEtag! } : {} });
      await response.body.text();
      const etag = response.headers.etag;
      if (typeof etag === 'string') lastEtag = etag;
      result.byStatus[response.statusCode] = (result.byStatus[response.statusCode] ?? 0) + 1;
      result.latency.record(Math.max(1, Math.round((wallNow() - scheduledAt) * 1000)));
    } catch {
      result.failed++;
    }
  };

  const startedAt = wallNow();
  const intervalMs = 1000 / ratePerSecond;
  const loop = (async () => {
    while (!stopped) {
      // Everything due by now goes out at once; the pool queues what its connections cannot carry.
      while (startedAt + result.polls * intervalMs <= wallNow()) {
        const index = result.polls++;
        const sent = poll(index, startedAt + index * intervalMs);
        inFlight.add(sent);
        void sent.then(() => inFlight.delete(sent));
      }
      await sleep(Math.max(0, Math.min(startedAt + result.polls * intervalMs - wallNow(), 5)));
    }
  })();
  return {
    result,
    stop: async () => {
      stopped = true;
      await loop;
      await Promise.all(inFlight);
      return result;
    },
  };
}
