/** How long the smoothed rate takes to follow a change of the measured one (its time constant). */
const SMOOTHING_MS = 5_000;

interface Batch {
  atMs: number;
  latenciesMs: readonly number[];
}

/**
 * An event's decisions as the workers' commits announce them, over a sliding window: the one
 * decision rate that admission control, the live page and queue ETAs all read, and the accept →
 * decision latency percentiles.
 *
 * The rate is measured only once the window's commits span at least `minSpanMs`: the first
 * batches of a burst are small (a worker takes what has arrived when it starts), and a rate taken
 * from them alone would call a backlog that is about to be decided in seconds one of minutes.
 */
export class DecisionStats {
  private batches: Batch[] = [];
  private smoothed: { perSecond: number; atMs: number } | undefined;

  constructor(private readonly options: { windowMs: number; minSpanMs: number }) {}

  record(atMs: number, latenciesMs: readonly number[]): void {
    if (latenciesMs.length === 0) return;
    this.batches.push({ atMs, latenciesMs });
    this.forget(atMs);
  }

  /**
   * Decisions committed after the window's first commit, per second since it; undefined while the
   * window's commits are younger than `minSpanMs` (not measured yet). 0 when the workers stopped.
   */
  perSecond(nowMs: number): number | undefined {
    this.forget(nowMs);
    const first = this.batches[0];
    if (!first || nowMs - first.atMs < this.options.minSpanMs) return undefined;
    const decidedSince = this.batches.slice(1).reduce((sum, batch) => sum + batch.latenciesMs.length, 0);
    return decidedSince / ((nowMs - first.atMs) / 1000);
  }

  /**
   * The measured rate, smoothed exponentially: what ETAs divide by, so that one uneven batch does
   * not make every waiting buyer's ETA jump. Undefined while the rate is not measured.
   */
  smoothedPerSecond(nowMs: number): number | undefined {
    const measured = this.perSecond(nowMs);
    if (measured === undefined) {
      this.smoothed = undefined;
      return undefined;
    }
    if (!this.smoothed) {
      this.smoothed = { perSecond: measured, atMs: nowMs };
    } else {
      const weight = 1 - Math.exp(-(nowMs - this.smoothed.atMs) / SMOOTHING_MS);
      this.smoothed = { perSecond: this.smoothed.perSecond + weight * (measured - this.smoothed.perSecond), atMs: nowMs };
    }
    return this.smoothed.perSecond;
  }

  /** Accept → decision percentiles of the window in milliseconds; null while nothing was decided in it. */
  latencyMs(nowMs: number): { p50: number; p99: number } | null {
    this.forget(nowMs);
    const latencies = this.batches.flatMap((batch) => batch.latenciesMs).sort((a, b) => a - b);
    return latencies.length === 0 ? null : { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
  }

  /** Drops the batches that left the window; runs on every poll, so it allocates only when one did. */
  private forget(nowMs: number): void {
    const from = this.batches.findIndex((batch) => batch.atMs > nowMs - this.options.windowMs);
    if (from === 0) return;
    this.batches = from === -1 ? [] : this.batches.slice(from);
  }
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}
