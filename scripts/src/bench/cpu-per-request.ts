import type { ResourceSummary } from './process-sampler';

/*
 * What a request costs the machine: the CPU each sampled process used over a run, divided by the
 * requests the run decided (by the 2xx answers for a run that decides nothing, the ceilings).
 */

/** The load client's own process: sampled beside the server, but no part of its cost. */
export const BENCH_CLIENT = 'bench-client';

export interface CpuPerRequest {
  /** What the CPU is divided by: decided requests, or 2xx answers when the run decides nothing. */
  per: 'decided' | '2xx';
  requests: number;
  /** µs of CPU per request, by sampled process (the bench client included). */
  byProcess: Record<string, number>;
  /** µs of CPU per request of every process but the bench client. */
  serverTotal: number;
}

/** Null when the run has no request to divide by. */
export function cpuPerRequest(
  resources: readonly Pick<ResourceSummary, 'name' | 'cpuSeconds'>[],
  counts: { decided: number | undefined; succeeded: number },
): CpuPerRequest | null {
  const per = counts.decided === undefined ? '2xx' : 'decided';
  const requests = counts.decided ?? counts.succeeded;
  if (requests === 0) return null;
  const micros = (seconds: number) => (seconds * 1e6) / requests;
  const serverSeconds = resources.filter((resource) => resource.name !== BENCH_CLIENT).reduce((sum, resource) => sum + resource.cpuSeconds, 0);
  return {
    per,
    requests,
    byProcess: Object.fromEntries(resources.map((resource) => [resource.name, micros(resource.cpuSeconds)])),
    serverTotal: micros(serverSeconds),
  };
}
