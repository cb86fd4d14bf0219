import type { ResourceSummary } from './process-sampler';

/*
 * What a request costs the machine: the CPU each sampled process used over a run, divided by the
 * requests the run decided (by the 2xx answers for a run that decides nothing, the ceilings), and
 * by its final answers: the decisions and the requests refused at once (409 sold_out, never
 * queued), which cost CPU too and outnumber the decisions once an event sells out.
 */

/** The load client's own process: sampled beside the server, but no part of its cost. */
export const BENCH_CLIENT = 'bench-client';

export interface CpuPerRequest {
  /** What the CPU is divided by: decided requests, 2xx answers (a run that decides nothing), or final answers. */
  per: 'decided' | '2xx' | 'answer';
  requests: number;
  /** µs of CPU per request, by sampled process (the bench client included). */
  byProcess: Record<string, number>;
  /** µs of CPU per request of every process but the bench client. */
  serverTotal: number;
}

type Resources = readonly Pick<ResourceSummary, 'name' | 'cpuSeconds'>[];

/** Per decided request (per 2xx when the run decides nothing); null when there is none. */
export function cpuPerRequest(resources: Resources, counts: { decided: number | undefined; succeeded: number }): CpuPerRequest | null {
  return counts.decided === undefined ? divide(resources, '2xx', counts.succeeded) : divide(resources, 'decided', counts.decided);
}

/** Per final answer: decided, or refused at once with 409 sold_out; null for a run that decides nothing. */
export function cpuPerAnswer(resources: Resources, counts: { decided: number | undefined; soldOutAtOnce: number }): CpuPerRequest | null {
  return counts.decided === undefined ? null : divide(resources, 'answer', counts.decided + counts.soldOutAtOnce);
}

function divide(resources: Resources, per: CpuPerRequest['per'], requests: number): CpuPerRequest | null {
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
