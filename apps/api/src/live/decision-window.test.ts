import { DecisionWindow, percentile } from './decision-window';

describe('DecisionWindow', () => {
  it('counts the decisions of the window per second and takes nearest-rank percentiles', () => {
    const window = new DecisionWindow(10_000);
    window.add(1_000, [10, 20, 30, 40, 50]);
    window.add(5_000, Array.from({ length: 95 }, (_, i) => 100 + i));

    const summary = window.summary(6_000);

    expect(summary.decisionsPerSecond).toBe(10);
    expect(summary.latencyMs).toEqual({ p50: 144, p99: 193 });
  });

  it('forgets batches older than the window', () => {
    const window = new DecisionWindow(10_000);
    window.add(1_000, [500]);
    window.add(9_000, [7]);

    expect(window.summary(12_000)).toEqual({ decisionsPerSecond: 0.1, latencyMs: { p50: 7, p99: 7 } });
    expect(window.summary(20_000)).toEqual({ decisionsPerSecond: 0, latencyMs: null });
  });

  it('ignores batches that decided nothing', () => {
    const window = new DecisionWindow(1_000);
    window.add(0, []);
    expect(window.summary(10)).toEqual({ decisionsPerSecond: 0, latencyMs: null });
  });
});

describe('percentile', () => {
  it('is the nearest rank of sorted values', () => {
    expect(percentile([1], 0.99)).toBe(1);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4], 0.99)).toBe(4);
  });
});
