/** What the decision batches of the last `windowMs` add up to. */
export interface DecisionSummary {
  decisionsPerSecond: number;
  /** Accept → decision percentiles in milliseconds; null while nothing was decided in the window. */
  latencyMs: { p50: number; p99: number } | null;
}

interface Sample {
  atMs: number;
  latenciesMs: readonly number[];
}

/** A sliding window over an event's decision batches: decisions per second and latency percentiles. */
export class DecisionWindow {
  private samples: Sample[] = [];

  constructor(private readonly windowMs = 10_000) {}

  add(atMs: number, latenciesMs: readonly number[]): void {
    if (latenciesMs.length > 0) this.samples.push({ atMs, latenciesMs });
  }

  summary(nowMs: number): DecisionSummary {
    this.samples = this.samples.filter((sample) => sample.atMs > nowMs - this.windowMs);
    const latencies = this.samples.flatMap((sample) => sample.latenciesMs).sort((a, b) => a - b);
    return {
      decisionsPerSecond: Math.round((latencies.length / (this.windowMs / 1000)) * 10) / 10,
      latencyMs: latencies.length === 0 ? null : { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) },
    };
  }
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}
