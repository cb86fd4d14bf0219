import { DecisionStats, percentile } from './decision-stats';

const stats = () => new DecisionStats({ windowMs: 10_000, minSpanMs: 1_000 });
const batch = (size: number, latencyMs = 10) => Array.from({ length: size }, () => latencyMs);

describe('DecisionStats', () => {
  it('is not measured before the commits span the minimum, however small the first batches', () => {
    const decisions = stats();
    decisions.record(0, batch(1));
    decisions.record(50, batch(3));
    expect(decisions.perSecond(100)).toBeUndefined();
    expect(decisions.perSecond(999)).toBeUndefined();
    expect(decisions.smoothedPerSecond(999)).toBeUndefined();
  });

  it("counts the decisions committed after the window's first commit, per second since it", () => {
    const decisions = stats();
    decisions.record(0, batch(1)); // a tiny first batch does not set the rate
    for (let at = 100; at <= 2_000; at += 100) decisions.record(at, batch(300));
    expect(decisions.perSecond(2_000)).toBe(3_000);
  });

  it('falls as time passes without commits: 0 with one commit left in the window, unmeasured with none', () => {
    const decisions = stats();
    decisions.record(0, batch(500));
    decisions.record(1_000, batch(500));
    expect(decisions.perSecond(1_000)).toBe(500);
    expect(decisions.perSecond(5_000)).toBe(100);
    expect(decisions.perSecond(10_500)).toBe(0);
    expect(decisions.perSecond(11_500)).toBeUndefined();
  });

  it('smooths the rate: a sudden doubling moves it part of the way, a steady rate leaves it where it is', () => {
    const decisions = stats();
    for (let at = 0; at <= 10_000; at += 500) decisions.record(at, batch(500));
    const steady = decisions.smoothedPerSecond(10_000)!;
    expect(steady).toBeCloseTo(1_000, -1);
    for (let at = 10_500; at <= 12_000; at += 500) decisions.record(at, batch(1_000));
    const after = decisions.smoothedPerSecond(12_000)!;
    expect(after).toBeGreaterThan(steady);
    expect(after).toBeLessThan(decisions.perSecond(12_000)!);
  });

  it('takes nearest-rank latency percentiles of the window and forgets older batches', () => {
    const decisions = stats();
    decisions.record(1_000, [10, 20, 30, 40, 50]);
    decisions.record(5_000, Array.from({ length: 95 }, (_, i) => 100 + i));
    expect(decisions.latencyMs(6_000)).toEqual({ p50: 144, p99: 193 });
    expect(decisions.latencyMs(12_000)).toEqual({ p50: 147, p99: 194 }); // the batch at 1 s left the window
    expect(decisions.latencyMs(20_000)).toBeNull();
  });

  it('ignores batches that decided nothing', () => {
    const decisions = stats();
    decisions.record(0, []);
    expect(decisions.latencyMs(10)).toBeNull();
  });
});

describe('percentile', () => {
  it('is the nearest rank of sorted values', () => {
    expect(percentile([1], 0.99)).toBe(1);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4], 0.99)).toBe(4);
  });
});
