/**
 * An event's decisions per second, from the workers' commits as they are announced. Measured only
 * once the commits span at least `minSpanMs`: the first batches of a burst are small (a worker
 * takes what has arrived when it starts), and a rate taken from them alone would call a backlog
 * that is about to be decided in seconds one of minutes.
 */
export class DecisionRate {
  private samples: { atMs: number; decided: number }[] = [];

  constructor(private readonly options: { windowMs: number; minSpanMs: number }) {}

  record(atMs: number, decided: number): void {
    this.samples.push({ atMs, decided });
    this.samples = this.samples.filter((sample) => sample.atMs > atMs - this.options.windowMs);
  }

  /**
   * Decisions committed after the window's first commit, per second since it; undefined while the
   * window's commits are younger than `minSpanMs` (not measured yet). 0 when the workers stopped.
   */
  perSecond(nowMs: number): number | undefined {
    const inWindow = this.samples.filter((sample) => sample.atMs > nowMs - this.options.windowMs);
    const first = inWindow[0];
    if (!first || nowMs - first.atMs < this.options.minSpanMs) return undefined;
    const decidedSince = inWindow.slice(1).reduce((sum, sample) => sum + sample.decided, 0);
    return decidedSince / ((nowMs - first.atMs) / 1000);
  }
}
