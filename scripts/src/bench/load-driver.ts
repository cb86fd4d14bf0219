import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import type { Pool } from 'undici';
import { sleep, wallNow } from './clock';

/** A request ready to send: token signed and body serialised before the timed phase. */
export interface PreparedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** As fast as `connections` keep-alive connections allow, or at a fixed rate (open loop). */
export type Offering = { kind: 'closed' } | { kind: 'open'; ratePerSecond: number };

/** Live counters the progress line reads. */
export interface LoadProgress {
  sent: number;
  succeeded: number;
}

export interface LoadResult {
  offered: number;
  answered: number;
  byStatus: Record<string, number>;
  /** Requests that got no HTTP answer (connection errors). */
  failed: number;
  /** Reservation ids the API answered 2xx for, with the wall-clock time of each answer. */
  acceptedIds: string[];
  acceptedAt: number[];
  startedAt: number;
  lastAnswerAt: number;
  /** 2xx latency in microseconds; in open loop measured from each request's scheduled send time. */
  latency: RecordableHistogram;
}

/** Offers `requests` over `pool` until all are answered or `durationMs` of offering has passed. */
export async function offerLoad(
  pool: Pool,
  requests: readonly PreparedRequest[],
  offering: Offering,
  options: { connections: number; durationMs: number; progress: LoadProgress },
): Promise<LoadResult> {
  const result: LoadResult = {
    offered: 0,
    answered: 0,
    byStatus: {},
    failed: 0,
    acceptedIds: [],
    acceptedAt: [],
    startedAt: wallNow(),
    lastAnswerAt: 0,
    latency: createHistogram({ lowest: 1, highest: 600_000_000, figures: 3 }),
  };
  const deadline = result.startedAt + options.durationMs;

  const send = async (request: PreparedRequest, scheduledAt: number) => {
    result.offered++;
    options.progress.sent++;
    try {
      const response = await pool.request({ method: 'POST', path: request.path, headers: request.headers, body: request.body });
      const text = await response.body.text();
      const answeredAt = wallNow();
      result.answered++;
      result.lastAnswerAt = answeredAt;
      result.byStatus[response.statusCode] = (result.byStatus[response.statusCode] ?? 0) + 1;
      if (response.statusCode >= 200 && response.statusCode < 300) {
        result.acceptedIds.push((JSON.parse(text) as { id: string }).id);
        result.acceptedAt.push(answeredAt);
        result.latency.record(Math.max(1, Math.round((answeredAt - scheduledAt) * 1000)));
        options.progress.succeeded++;
      }
    } catch {
      result.failed++;
    }
  };

  if (offering.kind === 'closed') {
    let next = 0;
    const lane = async () => {
      while (next < requests.length && wallNow() < deadline) {
        const request = requests[next++]!;
        await send(request, wallNow());
      }
    };
    await Promise.all(Array.from({ length: options.connections }, lane));
  } else {
    const intervalMs = 1000 / offering.ratePerSecond;
    const inFlight: Promise<void>[] = [];
    for (let next = 0; next < requests.length; ) {
      const now = wallNow();
      if (now >= deadline) break;
      // Everything due by now goes out at once; the pool queues what its connections cannot carry.
      while (next < requests.length && result.startedAt + next * intervalMs <= now) {
        inFlight.push(send(requests[next]!, result.startedAt + next * intervalMs));
        next++;
      }
      const nextDue = result.startedAt + next * intervalMs;
      await sleep(Math.max(0, Math.min(nextDue - wallNow(), 5)));
    }
    await Promise.all(inFlight);
  }
  return result;
}
