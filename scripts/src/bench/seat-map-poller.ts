import type { SampleTarget } from './process-sampler';
import { pacedScript, startWrk, type WrkResult } from './wrk';

/*
 * Clients polling an event's seat map (GET /v1/events/:id/seats) at a fixed rate over keep-alive
 * connections: every other poll revalidates with the last ETag seen, as a client holding the map
 * would. The pollers are wrk (pacedScript): real pollers are other machines, and a load generator
 * on the same two cores should take as little of them as it can: wrk takes about 50 µs of CPU a
 * poll, a Node client (undici) took about 250.
 */

const THREADS = 1;

/** The poll: conditional on the last ETag seen every other time; answers counted by status. */
const SEAT_MAP_POLL_LUA = `
local etag = nil
local sent = 0
function request()
  sent = sent + 1
  if etag ~= nil and sent % 2 == 0 then
    return wrk.format("GET", os.getenv("SEAT_MAP_PATH"), { ["If-None-Match"] = etag })
  end
  return wrk.format("GET", os.getenv("SEAT_MAP_PATH"))
end
function response(status, headers)
  count(status)
  etag = headers["ETag"] or headers["etag"] or etag
end
`;

export interface SeatMapPolling {
  /** The wrk process, for the process sampler. */
  target: SampleTarget;
  /** wrk's result: polls answered (`requests`), by status, socket errors, latency from send. */
  stop(): Promise<WrkResult>;
}

/** Polls `path` at `ratePerSecond` over `connections` until stopped (at most an hour). */
export function startSeatMapPolling(url: string, path: string, options: { ratePerSecond: number; connections: number }): SeatMapPolling {
  const wrk = startWrk(url, pacedScript(SEAT_MAP_POLL_LUA, options.ratePerSecond, THREADS), {
    connections: options.connections,
    seconds: 3_600,
    threads: THREADS,
    env: { SEAT_MAP_PATH: path },
  });
  return {
    target: { name: 'pollers', pids: () => (wrk.child.pid === undefined ? [] : [wrk.child.pid]) },
    stop: () => wrk.stop(),
  };
}
